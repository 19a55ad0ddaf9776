package io.postern.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A minimal classic-libpcap writer: Ethernet II frames carrying IPv4/UDP 127.0.0.1:40000 -> 127.0.0.1:62201,
 * correct IPv4 header checksum, UDP checksum 0 ("none", which every receiver accepts).
 */
final class PcapFile {

    static final int SPA_PORT = 62201;

    private PcapFile() {
    }

    static void write(Path file, List<byte[]> payloads) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            ByteBuffer h = le(24);
            h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
            out.write(h.array());
            long micros = System.currentTimeMillis() * 1000;
            int id = 0;
            for (byte[] p : payloads) {
                byte[] frame = frame(p, ++id);
                ByteBuffer rec = le(16);
                rec.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(frame.length)
                        .putInt(frame.length);
                out.write(rec.array());
                out.write(frame);
                micros += 10;
            }
        }
    }

    private static byte[] frame(byte[] payload, int id) {
        int udpLen = 8 + payload.length;
        int ipLen = 20 + udpLen;
        ByteBuffer b = ByteBuffer.allocate(14 + ipLen).order(ByteOrder.BIG_ENDIAN);
        b.put(new byte[] {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2}).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) ipLen).putShort((short) id).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 1});
        b.putShort((short) 40000).putShort((short) SPA_PORT).putShort((short) udpLen).putShort((short) 0);
        b.put(payload);
        byte[] f = b.array();
        int sum = 0;
        for (int i = 14; i < 34; i += 2) {
            sum += ((f[i] & 0xff) << 8) | (f[i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        int c = ~sum & 0xffff;
        f[24] = (byte) (c >>> 8);
        f[25] = (byte) c;
        return f;
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
