package io.postern.spa.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * One entry of a SOURCE or DESTINATION list: {@code ANY}, an IPv4 address with a mask (from a CIDR
 * length or a dotted mask, which need not be contiguous, as in fwknopd), or, as a Postern extension,
 * an IPv6 prefix. Matching is fwknopd's {@code (ip & mask) == (net & mask)}.
 */
public final class AddressMask {

    private static final AddressMask ANY = new AddressMask(null, null, "ANY");

    private final byte[] network;
    private final byte[] mask;
    private final String text;

    private AddressMask(byte[] network, byte[] mask, String text) {
        this.network = network;
        this.mask = mask;
        this.text = text;
    }

    /** The {@code ANY} entry, which matches every address of every family. */
    public static AddressMask any() {
        return ANY;
    }

    /** An IPv4 entry from 32-bit address and mask values. */
    public static AddressMask ipv4(int address, int mask) {
        byte[] m = intBytes(mask);
        byte[] a = intBytes(address & mask);
        return new AddressMask(a, m, dotted(address & mask) + "/" + dotted(mask));
    }

    /** An IPv6 prefix (Postern extension; fwknopd 2.6.10 rejects IPv6 entries). */
    public static AddressMask ipv6(Inet6Address address, int prefixLength) {
        if (prefixLength < 1 || prefixLength > 128) {
            throw new IllegalArgumentException("IPv6 prefix length " + prefixLength + " outside 1..128");
        }
        byte[] m = new byte[16];
        for (int i = 0; i < prefixLength; i++) {
            m[i / 8] |= (byte) (0x80 >>> (i % 8));
        }
        byte[] a = address.getAddress();
        for (int i = 0; i < 16; i++) {
            a[i] &= m[i];
        }
        try {
            return new AddressMask(a, m, InetAddress.getByAddress(a).getHostAddress() + "/" + prefixLength);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isAny() {
        return network == null;
    }

    /** Whether {@code address} falls in this entry. An IPv4 entry never matches an IPv6 address. */
    public boolean matches(InetAddress address) {
        if (isAny()) {
            return true;
        }
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if ((a[i] & mask[i]) != network[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether this entry is for IPv4 addresses (false for ANY and IPv6). */
    public boolean isIpv4() {
        return network != null && network.length == 4;
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static String dotted(int v) {
        return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressMask other && Arrays.equals(network, other.network)
                && Arrays.equals(mask, other.mask);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + Arrays.hashCode(mask);
    }

    @Override
    public String toString() {
        return text;
    }
}
