package io.postern.spa.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parsed SOURCE or DESTINATION value, read as fwknopd 2.6.10's {@code expand_acc_int_list} reads
 * it: comma-separated entries, leading whitespace skipped (trailing kept), each under 32 characters;
 * {@code ANY} (any case, exactly); {@code a.b.c.d} (inet_aton), {@code /NN} with NN 1..32 or a dotted
 * mask of 7..15 characters. {@code /0} is invalid (verified: "Invalid IP mask str '0'"). Postern also
 * takes IPv6 entries ({@code 2001:db8::/32}) that fwknopd would refuse.
 *
 * @param text    the value as written
 * @param entries the parsed entries, in order
 */
public record AddressList(String text, List<AddressMask> entries) {

    /** fwknopd's {@code ACCESS_BUF_LEN}: an entry and its terminator must fit 33 bytes... minus one. */
    private static final int ACCESS_BUF_LEN = 33;

    public AddressList {
        Objects.requireNonNull(text, "text");
        entries = List.copyOf(entries);
    }

    /** Whether any entry matches {@code address}. */
    public boolean matches(InetAddress address) {
        for (AddressMask m : entries) {
            if (m.matches(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses a list.
     *
     * @throws IllegalArgumentException with the bad entry and what was expected
     */
    public static AddressList parse(String value) {
        List<AddressMask> out = new ArrayList<>();
        for (String raw : value.split(",", -1)) {
            String entry = stripLeading(raw);
            if (entry.length() + 1 >= ACCESS_BUF_LEN) {
                throw new IllegalArgumentException("entry '" + entry + "' is longer than 31 characters");
            }
            out.add(parseEntry(entry));
        }
        return new AddressList(value, out);
    }

    private static AddressMask parseEntry(String entry) {
        if (entry.equalsIgnoreCase("ANY")) {
            return AddressMask.any();
        }
        if (entry.indexOf(':') >= 0) {
            return parseIpv6(entry.strip());
        }
        int slash = entry.indexOf('/');
        String ip = slash < 0 ? entry : entry.substring(0, slash);
        int mask = -1;
        if (slash >= 0) {
            String maskText = entry.substring(slash + 1);
            if (maskText.isEmpty()) {
                throw new IllegalArgumentException("missing mask in '" + entry + "'");
            }
            if (maskText.length() > 3) {
                Integer dotted = maskText.length() >= 7 && maskText.length() < 16 ? InetAton.parse(maskText) : null;
                if (dotted == null) {
                    throw new IllegalArgumentException("invalid mask '" + maskText + "'");
                }
                mask = dotted;
            } else {
                Integer bits = CNumbers.inRange(maskText, 1, 32);
                if (bits == null) {
                    throw new IllegalArgumentException("invalid mask '" + maskText + "' (1..32; use ANY for /0)");
                }
                mask = bits == 32 ? -1 : (int) (0xffffffffL << (32 - bits));
            }
        }
        Integer addr = InetAton.parse(ip);
        if (addr == null) {
            throw new IllegalArgumentException("'" + ip + "' is not an IPv4 address");
        }
        return AddressMask.ipv4(addr, mask);
    }

    private static AddressMask parseIpv6(String entry) {
        int slash = entry.indexOf('/');
        String ip = slash < 0 ? entry : entry.substring(0, slash);
        int prefix = 128;
        if (slash >= 0) {
            String p = entry.substring(slash + 1);
            if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 128) {
                throw new IllegalArgumentException("invalid IPv6 prefix '" + p + "' (1..128)");
            }
            prefix = Integer.parseInt(p);
        }
        if (!ip.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("'" + ip + "' is not an IPv6 address");
        }
        try {
            InetAddress a = InetAddress.getByName(ip);
            if (!(a instanceof Inet6Address)) {
                throw new IllegalArgumentException("'" + ip + "' is not an IPv6 address");
            }
            return AddressMask.ipv6((Inet6Address) a, prefix);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + ip + "' is not an IPv6 address", e);
        }
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && FwknopLines.isSpace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    @Override
    public String toString() {
        return text;
    }
}
