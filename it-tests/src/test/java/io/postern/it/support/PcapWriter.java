package io.postern.it.support;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a classic libpcap file (magic {@code a1b2c3d4}, version 2.4, little-endian) holding IPv4/UDP
 * datagrams, framed as Ethernet II ({@code LINKTYPE_ETHERNET}) or bare IP ({@code LINKTYPE_RAW}).
 * The IPv4 header checksum is always correct; the UDP checksum is either correct or zero ("none"),
 * both of which receivers must accept.
 */
public final class PcapWriter implements Closeable {

    /** The link types this writer produces, with their pcap numbers. */
    public enum LinkType {
        ETHERNET(1),
        RAW(101);

        final int number;

        LinkType(int number) {
            this.number = number;
        }
    }

    /**
     * One UDP datagram to write.
     *
     * @param src     IPv4 source
     * @param srcPort UDP source port
     * @param dst     IPv4 destination
     * @param dstPort UDP destination port (62201 for SPA)
     * @param payload the UDP payload, exactly as sent
     */
    public record Datagram(Inet4Address src, int srcPort, Inet4Address dst, int dstPort, byte[] payload) {
    }

    /** fwknop's default SPA port. */
    public static final int SPA_PORT = 62201;

    private static final byte[] DST_MAC = {0x02, 0, 0, 0, 0, 0x01};
    private static final byte[] SRC_MAC = {0x02, 0, 0, 0, 0, 0x02};

    private final OutputStream out;
    private final LinkType linkType;
    private final boolean udpChecksum;
    private int ipId;

    private PcapWriter(OutputStream out, LinkType linkType, boolean udpChecksum) throws IOException {
        this.out = out;
        this.linkType = linkType;
        this.udpChecksum = udpChecksum;
        ByteBuffer h = le(24);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
                .putInt(linkType.number);
        out.write(h.array());
    }

    /** Opens {@code file} for writing (truncating it) and writes the global header. */
    public static PcapWriter create(Path file, LinkType linkType, boolean udpChecksum) throws IOException {
        return new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file)), linkType, udpChecksum);
    }

    /** Writes a whole file of datagrams as Ethernet frames with UDP checksums. */
    public static void write(Path file, List<Datagram> datagrams) throws IOException {
        try (PcapWriter w = create(file, LinkType.ETHERNET, true)) {
            for (Datagram d : datagrams) {
                w.write(d);
            }
        }
    }

    /** Appends one datagram, time-stamped now. */
    public void write(Datagram d) throws IOException {
        byte[] ip = ipv4Udp(d);
        byte[] frame = ip;
        if (linkType == LinkType.ETHERNET) {
            frame = new byte[14 + ip.length];
            System.arraycopy(DST_MAC, 0, frame, 0, 6);
            System.arraycopy(SRC_MAC, 0, frame, 6, 6);
            frame[12] = 0x08;
            frame[13] = 0x00;
            System.arraycopy(ip, 0, frame, 14, ip.length);
        }
        long micros = System.currentTimeMillis() * 1000;
        ByteBuffer rec = le(16);
        rec.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(frame.length).putInt(frame.length);
        out.write(rec.array());
        out.write(frame);
    }

    private byte[] ipv4Udp(Datagram d) {
        int udpLen = 8 + d.payload().length;
        int total = 20 + udpLen;
        if (total > 65535) {
            throw new IllegalArgumentException("datagram too large: " + total);
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) 0x45).put((byte) 0).putShort((short) total).putShort((short) ++ipId).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 17).putShort((short) 0).put(d.src().getAddress()).put(d.dst().getAddress());
        b.putShort((short) d.srcPort()).putShort((short) d.dstPort()).putShort((short) udpLen).putShort((short) 0);
        b.put(d.payload());
        byte[] pkt = b.array();
        putShort(pkt, 10, checksum(pkt, 0, 20, 0));
        if (udpChecksum) {
            long pseudo = sum(d.src().getAddress(), 0, 4) + sum(d.dst().getAddress(), 0, 4) + 17 + udpLen;
            int c = checksum(pkt, 20, udpLen, pseudo);
            putShort(pkt, 26, c == 0 ? 0xffff : c);
        }
        return pkt;
    }

    /** The Internet checksum (RFC 1071) of {@code len} bytes at {@code off}, plus an initial sum. */
    static int checksum(byte[] data, int off, int len, long initial) {
        long s = initial + sum(data, off, len);
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) (~s & 0xffff);
    }

    private static long sum(byte[] data, int off, int len) {
        long s = 0;
        for (int i = 0; i < len; i += 2) {
            int hi = data[off + i] & 0xff;
            int lo = i + 1 < len ? data[off + i + 1] & 0xff : 0;
            s += (hi << 8) | lo;
        }
        return s;
    }

    private static void putShort(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
