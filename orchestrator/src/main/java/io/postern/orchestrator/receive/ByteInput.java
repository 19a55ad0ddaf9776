package io.postern.orchestrator.receive;

import java.io.IOException;
import java.io.InputStream;

/** A buffered reader over a capture file that knows its byte offset and reads either byte order. */
final class ByteInput {

    private final InputStream in;
    private final byte[] buf = new byte[1 << 20];
    private int pos;
    private int limit;
    private long consumedBefore;
    boolean bigEndian;

    ByteInput(InputStream in) {
        this.in = in;
    }

    /** Offset of the next byte to read. */
    long offset() {
        return consumedBefore + pos;
    }

    /** Tries to make {@code n} bytes available; returns how many are (fewer only at end of file). */
    int fill(int n) throws IOException {
        if (limit - pos >= n) {
            return n;
        }
        consumedBefore += pos;
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        limit -= pos;
        pos = 0;
        while (limit < n) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                break;
            }
            limit += r;
        }
        return Math.min(n, limit);
    }

    /** Reads exactly {@code n} bytes into {@code dst}, or fails naming {@code what} and the offset where it started. */
    void readFully(byte[] dst, int at, int n, String what) throws IOException {
        long start = offset();
        int done = 0;
        while (done < n) {
            int chunk = Math.min(n - done, buf.length);
            int got = fill(chunk);
            System.arraycopy(buf, pos, dst, at + done, got);
            pos += got;
            done += got;
            if (got < chunk) {
                throw new PcapFormatException(start, "truncated " + what + " (" + done + " of " + n + " bytes)");
            }
        }
    }

    void skip(long n, String what) throws IOException {
        long start = offset();
        long left = n;
        while (left > 0) {
            int chunk = (int) Math.min(left, buf.length);
            int got = fill(chunk);
            pos += got;
            left -= got;
            if (got < chunk) {
                throw new PcapFormatException(start, "truncated " + what + " (" + (n - left) + " of " + n + " bytes)");
            }
        }
    }

    int u16(byte[] b, int at) {
        int v = FrameParser.u16(b, at);
        return bigEndian ? v : Integer.reverseBytes(v) >>> 16;
    }

    long u32(byte[] b, int at) {
        long v = FrameParser.u32(b, at);
        return bigEndian ? v : Integer.reverseBytes((int) v) & 0xFFFFFFFFL;
    }
}
