package io.postern.device.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** IOS keyword matching: a token selects the keyword it is a unique prefix of (an exact match always wins). */
final class Keywords {

    /** Returned when a token is a prefix of more than one keyword. */
    static final String AMBIGUOUS = "\0ambiguous";

    private Keywords() {
    }

    /** The matched keyword, {@link #AMBIGUOUS}, or {@code null} when the token matches none. */
    static String match(String token, String... keywords) {
        String t = token.toLowerCase(Locale.ROOT);
        List<String> hits = new ArrayList<>(2);
        for (String k : keywords) {
            if (k.equals(t)) {
                return k;
            }
            if (k.startsWith(t)) {
                hits.add(k);
            }
        }
        if (hits.size() > 1) {
            return AMBIGUOUS;
        }
        return hits.isEmpty() ? null : hits.get(0);
    }
}
