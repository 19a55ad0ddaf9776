package io.postern.orchestrator.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Suggests the names closest to a misspelt one (edit distance, case-insensitive, or a shared prefix). */
final class CloseMatches {

    private static final int MAX = 5;

    private CloseMatches() {
    }

    static List<String> of(String wanted, Collection<String> names) {
        String w = wanted.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, w.length() / 3);
        record Scored(String name, int distance) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String n : names) {
            String l = n.toLowerCase(Locale.ROOT);
            int d = distance(w, l);
            if (d <= limit || l.startsWith(w) || w.startsWith(l) && l.length() >= 3) {
                scored.add(new Scored(n, d));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name));
        return scored.stream().limit(MAX).map(Scored::name).toList();
    }

    /** An "expected" text: the close matches, or a few of the known names. */
    static String hint(String wanted, Collection<String> names) {
        List<String> close = of(wanted, names);
        if (!close.isEmpty()) {
            return "close matches: " + String.join(", ", close);
        }
        List<String> some = names.stream().sorted().limit(10).toList();
        return "no close match; known: " + String.join(", ", some) + (names.size() > some.size() ? ", ..." : "");
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
