package io.postern.device.exec;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Collects a child's output up to a limit and remembers that the rest was dropped. Thread-safe. */
final class BoundedOutput extends OutputStream {

    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final int limit;
    private boolean truncated;

    BoundedOutput(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
        if (buf.size() < limit) {
            buf.write(b);
        } else {
            truncated = true;
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int room = Math.max(0, limit - buf.size());
        buf.write(b, off, Math.min(room, len));
        truncated |= len > room;
    }

    /** The text, with a note when it was cut. */
    synchronized String text() {
        String s = buf.toString(StandardCharsets.UTF_8);
        return truncated ? s + "\n[output truncated at " + limit + " bytes]" : s;
    }
}
