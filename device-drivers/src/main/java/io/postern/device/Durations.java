package io.postern.device;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict durations for inventories and driver settings, as strict as Caffeine's {@code CaffeineSpec}: a positive whole number with
 * exactly one unit ({@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}) or an ISO-8601 duration that
 * starts with an upper-case {@code P} ({@code PT30S}). No spaces, no bare numbers, no sums like {@code 1m30s}.
 */
public final class Durations {

    /** The expectation printed in errors. */
    public static final String EXPECTED =
            "a positive duration: 250ms, 30s, 5m, 1h, 1d or ISO-8601 such as PT30S";

    private static final Pattern SIMPLE = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException with {@link #EXPECTED} as message when the text is anything else
     */
    public static Duration parse(String text) {
        Duration d = text == null ? null : parseOrNull(text);
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(EXPECTED);
        }
        return d;
    }

    private static Duration parseOrNull(String text) {
        Matcher m = SIMPLE.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        if (text.startsWith("P")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    /** The shortest form {@link #parse} reads back, e.g. {@code 30s}, {@code 5m}, {@code 1500ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0 || d.getNano() % 1_000_000 != 0) {
            return d.getNano() % 1_000_000 != 0 ? d.toString() : ms + "ms";
        }
        long s = ms / 1000;
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
