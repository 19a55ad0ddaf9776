package io.postern.spa.config;

/**
 * glibc's {@code inet_aton}, which fwknopd 2.6.10 uses for SOURCE and DESTINATION entries. It is more
 * lenient than a dotted quad: 1 to 4 parts, each decimal, octal ({@code 0} prefix) or hex
 * ({@code 0x}), the last part filling the remaining bytes ({@code 1.2.3} is 1.2.0.3), and anything
 * after whitespace ignored ({@code "1.2.3.4 "} is accepted). Verified against fwknopd 2.6.10:
 * {@code SOURCE 1.2.3} and {@code SOURCE 1.2.3.4 } both load.
 */
final class InetAton {

    private InetAton() {
    }

    /** The address as a 32-bit value, or {@code null} if inet_aton would fail. */
    static Integer parse(String s) {
        long[] parts = new long[4];
        int count = 0;
        int i = 0;
        int n = s.length();
        while (true) {
            if (i >= n || !isDigit(s.charAt(i))) {
                return null;
            }
            int base = 10;
            if (s.charAt(i) == '0') {
                base = 8;
                i++;
                if (i < n && (s.charAt(i) == 'x' || s.charAt(i) == 'X')) {
                    base = 16;
                    i++;
                }
            }
            long val = 0;
            while (i < n) {
                char c = s.charAt(i);
                if (isDigit(c)) {
                    if (base == 8 && c > '7') {
                        return null;
                    }
                    val = val * base + (c - '0');
                } else if (base == 16 && Character.digit(c, 16) >= 0 && c < 0x80) {
                    val = (val << 4) | Character.digit(c, 16);
                } else {
                    break;
                }
                if (val > 0xffffffffL) {
                    return null;
                }
                i++;
            }
            if (i < n && s.charAt(i) == '.') {
                if (count >= 3) {
                    return null;
                }
                parts[count++] = val;
                i++;
            } else {
                parts[count++] = val;
                break;
            }
        }
        if (i < n && !FwknopLines.isSpace(s.charAt(i))) {
            return null;
        }
        long last = parts[count - 1];
        long max = count == 1 ? 0xffffffffL : count == 2 ? 0xffffffL : count == 3 ? 0xffffL : 0xffL;
        if (last > max) {
            return null;
        }
        long addr = last;
        for (int p = 0; p < count - 1; p++) {
            if (parts[p] > 0xff) {
                return null;
            }
            addr |= parts[p] << (24 - 8 * p);
        }
        return (int) addr;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
