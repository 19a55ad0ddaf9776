package io.postern.device.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * The sink for a shell channel's stdout and stderr: MINA's I/O threads write into it, and the session thread
 * waits, with a deadline, until the last line of what arrived matches a prompt. The session never blocks in a
 * stream read, so a silent device costs exactly the time limit. Thread-safe.
 */
final class TerminalBuffer extends OutputStream {

    /** How a wait ended without a prompt. */
    enum Outcome { PROMPT, TIMEOUT, CLOSED }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean closed;

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        lock.lock();
        try {
            bytes.write(b, off, len);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Marks the channel gone; waiters wake up. MINA may call this on EOF too. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Forgets what arrived so far (stray output between commands). */
    void clear() {
        lock.lock();
        try {
            bytes.reset();
        } finally {
            lock.unlock();
        }
    }

    /** What arrived since the last {@link #clear()}, CR removed. */
    String text() {
        lock.lock();
        try {
            return bytes.toString(StandardCharsets.UTF_8).replace("\r", "");
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the last line matches one of {@code prompts}; returns which outcome ended the wait. */
    Outcome await(Duration limit, Pattern... prompts) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        lock.lock();
        try {
            while (true) {
                if (tailMatches(prompts)) {
                    return Outcome.PROMPT;
                }
                if (closed) {
                    return Outcome.CLOSED;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Outcome.TIMEOUT;
                }
                arrived.await(left, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean tailMatches(Pattern... prompts) {
        String text = bytes.toString(StandardCharsets.UTF_8).replace("\r", "");
        String last = lastLine(text);
        for (Pattern p : prompts) {
            if (p.matcher(last).matches()) {
                return true;
            }
        }
        return false;
    }

    static String lastLine(String text) {
        return text.substring(text.lastIndexOf('\n') + 1);
    }
}
