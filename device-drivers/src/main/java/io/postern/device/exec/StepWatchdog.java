package io.postern.device.exec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.Watchdog;

/**
 * Commons Exec's watchdog, plus what it lacks for a daemon: on time-out it also kills the child's
 * descendants, and if the child ignores SIGTERM it is killed with SIGKILL after a grace period, so that a
 * step can never block its caller beyond its limit plus the grace.
 */
final class StepWatchdog extends ExecuteWatchdog {

    private static final Duration GRACE = Duration.ofSeconds(2);

    private volatile Process process;

    @SuppressWarnings("deprecation")
    StepWatchdog(Duration timeout) {
        super(timeout.toMillis());
    }

    private volatile boolean fired;

    @Override
    public synchronized void start(Process p) {
        process = p;
        super.start(p);
    }

    /**
     * Whether the time limit fired. Set before anything is killed: once a child dies its parent may exit by
     * itself before Commons Exec records the kill, and the step must still count as timed out.
     */
    boolean timedOut() {
        return fired || killedProcess();
    }

    @Override
    public void timeoutOccured(Watchdog w) {
        fired = true;
        Process p = process;
        List<ProcessHandle> children = p == null ? List.of() : p.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        super.timeoutOccured(w);
        if (p == null) {
            return;
        }
        try {
            if (!p.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                List<ProcessHandle> late = p.descendants().toList();
                p.destroyForcibly();
                late.forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
