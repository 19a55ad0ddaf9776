package io.postern.spa.config;

/**
 * C number parsing as fwknopd relies on it: {@code strtol}/{@code strtoul} take leading whitespace,
 * a sign and as many digits as there are, ignore anything after them and give 0 when there are no
 * digits at all ({@code "45s"} is 45, {@code "abc"} is 0). fwknop's {@code strtol_wrapper} then
 * checks a range.
 */
final class CNumbers {

    private CNumbers() {
    }

    /** {@code strtol(s, NULL, 10)}; {@code null} on overflow (ERANGE). */
    static Long strtol(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && FwknopLines.isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            v = v * 10 + (s.charAt(i) - '0');
            if (v > Integer.MAX_VALUE) {
                return null; // fwknop stores the result in an int
            }
            i++;
        }
        return negative ? -v : v;
    }

    /** {@code strtol_wrapper(s, min, max)}: the value, or {@code null} when out of range. */
    static Integer inRange(String s, int min, int max) {
        Long v = strtol(s);
        if (v == null || v < min || v > max) {
            return null;
        }
        return v.intValue();
    }
}
