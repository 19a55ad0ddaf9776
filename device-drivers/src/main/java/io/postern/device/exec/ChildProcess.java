package io.postern.device.exec;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a started child on the calling thread, with no helper thread of its own: its merged
 * stdout/stderr is drained between short waits, only ever as many bytes as are already in the pipe, so a
 * read never blocks (a daemon the command leaves behind may hold the pipe open forever). The JDK's process
 * reaper wakes the wait the moment the child exits.
 *
 * <p>At the time limit the child's descendants are killed (SIGKILL) and the child gets SIGTERM; if it is
 * still alive after a grace period it and its late descendants get SIGKILL. So a step never blocks its
 * caller beyond its limit plus twice the grace.
 *
 * <p>What the child wrote before it exited is captured; output that a left-behind descendant writes after
 * the child exited is not waited for.
 */
final class ChildProcess {

    /** How long a child that got SIGTERM has before SIGKILL. */
    static final Duration GRACE = Duration.ofSeconds(2);
    /** Wait slices: short while the child writes (so its pipe never fills), longer while it is quiet. */
    private static final long BUSY_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Bytes read after the exit: what was left in the pipe (a left-behind descendant may go on writing). */
    private static final int AFTER_EXIT_BUDGET = 1 << 20;

    /** How the wait ended. */
    enum End { EXITED, TIMED_OUT, INTERRUPTED }

    private final Process process;
    private final InputStream output;
    private final BoundedOutput sink;
    private final byte[] buf = new byte[8192];

    /** @param process a child started with its error stream merged into its output */
    ChildProcess(Process process, BoundedOutput sink) {
        this.process = process;
        this.output = process.getInputStream();
        this.sink = sink;
    }

    /**
     * Waits until the child exits or {@code limit} expires (then kills it); captures its output.
     * Interruption kills the child too and leaves the thread's interrupt flag set.
     */
    End await(Duration limit) {
        End end;
        try {
            end = waitUntil(System.nanoTime() + limit.toNanos()) ? End.EXITED : kill();
        } catch (InterruptedException e) {
            destroyTree(true);
            Thread.currentThread().interrupt();
            end = End.INTERRUPTED;
        }
        drain(AFTER_EXIT_BUDGET);
        return end;
    }

    /** The exit code, or -1 if the child has not exited. */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    private boolean waitUntil(long deadline) throws InterruptedException {
        long slice = BUSY_SLICE_NANOS;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return process.waitFor(0, TimeUnit.NANOSECONDS);
            }
            if (process.waitFor(Math.min(left, slice), TimeUnit.NANOSECONDS)) {
                return true;
            }
            slice = drain(Integer.MAX_VALUE) > 0 ? BUSY_SLICE_NANOS : Math.min(slice * 2, MAX_SLICE_NANOS);
        }
    }

    private End kill() throws InterruptedException {
        destroyTree(false);
        if (!waitUntil(System.nanoTime() + GRACE.toNanos())) {
            destroyTree(true);
            waitUntil(System.nanoTime() + GRACE.toNanos());
        }
        return End.TIMED_OUT;
    }

    /** Kills the descendants, then the child (SIGTERM, or SIGKILL when {@code forcibly}). */
    private void destroyTree(boolean forcibly) {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
    }

    /** Reads what is in the pipe now, without blocking, up to {@code budget} bytes; returns the count. */
    private int drain(int budget) {
        int total = 0;
        try {
            int ready;
            while (total < budget && (ready = output.available()) > 0) {
                int n = output.read(buf, 0, Math.min(ready, buf.length));
                if (n <= 0) {
                    break;
                }
                sink.write(buf, 0, n);
                total += n;
            }
        } catch (IOException e) {
            // the stream went away (closed at exit): nothing more to capture
        }
        return total;
    }
}
