package io.postern.device.template;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Text forms of addresses for commands: IPv4 dotted quad, IPv6 in RFC 5952 compressed form, no scope. */
public final class Addresses {

    private Addresses() {
    }

    /** {@code 192.0.2.7}, {@code 2001:db8::7}; never a host name and never a leading slash. */
    public static String format(InetAddress a) {
        if (a instanceof Inet4Address) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = (b[2 * i] & 0xff) << 8 | b[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(words[i]));
        }
        return s.toString();
    }

    /** {@code ipv4} or {@code ipv6}, as templates and firewalld name the family. */
    public static String family(InetAddress a) {
        return a instanceof Inet6Address ? "ipv6" : "ipv4";
    }
}
