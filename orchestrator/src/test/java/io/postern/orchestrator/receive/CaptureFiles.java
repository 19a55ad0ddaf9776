package io.postern.orchestrator.receive;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Writes classic pcap and pcapng files in memory, in either byte order, for {@link PcapFileSourceTest}. */
final class CaptureFiles {

    /** One record: seconds, sub-second ticks in the file's unit, bytes. */
    record Rec(long seconds, long fraction, byte[] data) {
    }

    private CaptureFiles() {
    }

    static byte[] classic(ByteOrder order, boolean nano, int linkType, List<Rec> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(order);
        h.putInt(nano ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(65535).putInt(linkType);
        out.writeBytes(h.array());
        for (Rec r : records) {
            ByteBuffer rh = ByteBuffer.allocate(16).order(order);
            rh.putInt((int) r.seconds()).putInt((int) r.fraction()).putInt(r.data().length).putInt(r.data().length);
            out.writeBytes(rh.array());
            out.writeBytes(r.data());
        }
        return out.toByteArray();
    }

    /** A pcapng writer: add blocks in order, then {@link #bytes()}. */
    static final class Ng {
        private final ByteOrder order;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Ng(ByteOrder order) {
            this.order = order;
            ByteBuffer body = buf(16);
            body.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
            block(0x0A0D0D0A, body.array());
        }

        /** An interface; {@code tsresol} < 0 leaves the option out (microseconds). */
        Ng idb(int linkType, int snaplen, int tsresol) {
            ByteBuffer body = buf(tsresol < 0 ? 8 : 20);
            body.putShort((short) linkType).putShort((short) 0).putInt(snaplen);
            if (tsresol >= 0) {
                body.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
                body.putShort((short) 0).putShort((short) 0);
            }
            return block(1, body.array());
        }

        Ng epb(int ifIndex, long ticks, byte[] data) {
            ByteBuffer body = buf(20 + pad(data.length));
            body.putInt(ifIndex).putInt((int) (ticks >>> 32)).putInt((int) ticks).putInt(data.length)
                    .putInt(data.length).put(data);
            return block(6, body.array());
        }

        Ng spb(byte[] data) {
            ByteBuffer body = buf(4 + pad(data.length));
            body.putInt(data.length).put(data);
            return block(3, body.array());
        }

        /** A block type Postern ignores (name resolution, 4). */
        Ng other() {
            return block(4, new byte[4]);
        }

        Ng block(int type, byte[] body) {
            ByteBuffer b = buf(12 + body.length);
            b.putInt(type).putInt(12 + body.length).put(body).putInt(12 + body.length);
            out.writeBytes(b.array());
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private ByteBuffer buf(int n) {
            return ByteBuffer.allocate(n).order(order);
        }

        private static int pad(int n) {
            return (n + 3) & ~3;
        }
    }
}
