package io.postern.orchestrator.receive;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds link/IP/UDP/TCP frames byte by byte for parser and capture-file tests. Checksums are left at zero. */
final class Frames {

    private Frames() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] udp(int srcPort, int dstPort, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length)).putShort((short) 0);
        return b.put(payload).array();
    }

    static byte[] tcp(int srcPort, int dstPort, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(32 + payload.length); // 12 bytes of options: data offset 8
        b.putShort((short) srcPort).putShort((short) dstPort).putInt(1).putInt(1);
        b.put((byte) (8 << 4)).put((byte) 0x18).putShort((short) 65535).putShort((short) 0).putShort((short) 0);
        b.put(new byte[] {1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2});
        return b.put(payload).array();
    }

    static byte[] ipv4(String src, String dst, int protocol, byte[] l4) {
        return ipv4(src, dst, protocol, l4, 0);
    }

    static byte[] ipv4(String src, String dst, int protocol, byte[] l4, int flagsAndOffset) {
        ByteBuffer b = ByteBuffer.allocate(20 + l4.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + l4.length)).putShort((short) 7)
                .putShort((short) flagsAndOffset).put((byte) 64).put((byte) protocol).putShort((short) 0);
        return b.put(addr(src)).put(addr(dst)).put(l4).array();
    }

    static byte[] ipv6(String src, String dst, int nextHeader, byte[] l4) {
        ByteBuffer b = ByteBuffer.allocate(40 + l4.length);
        b.putInt(0x6000_0000).putShort((short) l4.length).put((byte) nextHeader).put((byte) 64);
        return b.put(addr(src)).put(addr(dst)).put(l4).array();
    }

    /** An IPv6 extension header (hop-by-hop, routing, destination options) of 8 bytes in front of {@code rest}. */
    static byte[] ext8(int nextHeader, byte[] rest) {
        return concat(new byte[] {(byte) nextHeader, 0, 0, 0, 0, 0, 0, 0}, rest);
    }

    static byte[] ethernet(int etherType, byte[] ip, int... vlanIds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2});
        for (int vlan : vlanIds) {
            out.writeBytes(new byte[] {(byte) 0x81, 0, (byte) (vlan >> 8), (byte) vlan});
        }
        out.writeBytes(new byte[] {(byte) (etherType >> 8), (byte) etherType});
        out.writeBytes(ip);
        while (out.size() < 60) {
            out.write(0); // Ethernet minimum frame padding
        }
        return out.toByteArray();
    }

    static byte[] sll(int etherType, byte[] ip) {
        ByteBuffer b = ByteBuffer.allocate(16 + ip.length);
        b.putShort((short) 0).putShort((short) 1).putShort((short) 6).put(new byte[8]).putShort((short) etherType);
        return b.put(ip).array();
    }

    static byte[] sll2(int etherType, byte[] ip) {
        ByteBuffer b = ByteBuffer.allocate(20 + ip.length);
        b.putShort((short) etherType).putShort((short) 0).putInt(1).putShort((short) 1).put((byte) 0).put((byte) 6)
                .put(new byte[8]);
        return b.put(ip).array();
    }

    /** BSD null loopback header: the address family in little-endian host order. */
    static byte[] nullLoopback(int family, byte[] ip) {
        ByteBuffer b = ByteBuffer.allocate(4 + ip.length);
        b.putInt(Integer.reverseBytes(family));
        return b.put(ip).array();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] addr(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
