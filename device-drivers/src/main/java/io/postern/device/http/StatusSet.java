package io.postern.device.http;

import java.util.BitSet;
import java.util.regex.Pattern;

/**
 * HTTP statuses that count as success, parsed from {@code success_status}: a comma-separated list of codes
 * and classes, e.g. {@code 2xx} (the default) or {@code 200,201,204}. Immutable and thread-safe.
 */
final class StatusSet {

    private static final Pattern ITEM = Pattern.compile("[1-5]xx|[1-5][0-9]{2}");

    private final BitSet codes;
    private final String text;

    private StatusSet(BitSet codes, String text) {
        this.codes = codes;
        this.text = text;
    }

    /** @throws IllegalArgumentException when an item is neither a code 100..599 nor a class like 2xx */
    static StatusSet parse(String text) {
        BitSet codes = new BitSet(600);
        for (String raw : text.split(",", -1)) {
            String item = raw.strip().toLowerCase(java.util.Locale.ROOT);
            if (!ITEM.matcher(item).matches()) {
                throw new IllegalArgumentException("'" + raw.strip() + "'");
            }
            if (item.endsWith("xx")) {
                int base = (item.charAt(0) - '0') * 100;
                codes.set(base, base + 100);
            } else {
                codes.set(Integer.parseInt(item));
            }
        }
        return new StatusSet(codes, text.strip());
    }

    boolean contains(int status) {
        return status >= 0 && status < 600 && codes.get(status);
    }

    @Override
    public String toString() {
        return text;
    }
}
