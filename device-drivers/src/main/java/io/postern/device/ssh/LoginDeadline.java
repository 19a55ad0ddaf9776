package io.postern.device.ssh;

import java.time.Duration;
import java.util.List;

/**
 * The one time limit of an ssh-cli login ({@code login_timeout}, for all its stages together) and the stage the
 * login has reached, so that a slow or silent device costs at most that limit and a failure says where it stopped
 * and after how long. Used by the one thread that logs in.
 */
final class LoginDeadline {

    private final SshTarget device;
    private final long start = System.nanoTime();
    private final long deadline;
    private String stage = "connect";

    LoginDeadline(SshTarget device) {
        this.device = device;
        this.deadline = start + device.loginTimeout().toNanos();
    }

    /** Records that the login moved on to {@code next}. */
    void enter(String next) {
        stage = next;
    }

    /** What is left of the limit (at least 1 ms, so that a wait still looks once). */
    Duration remaining() {
        return Duration.ofMillis(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }

    /** What is left of the limit, and at most {@code cap}. */
    Duration remaining(Duration cap) {
        Duration left = remaining();
        return cap.compareTo(left) < 0 ? cap : left;
    }

    /**
     * The failure of the current stage as a login failure: same kind, a message that names the address, the
     * user, the stage, the time spent and the limit, and no line counted as sent (the sequence never started).
     */
    SshCliException failed(SshCliException cause) {
        long ms = (System.nanoTime() - start) / 1_000_000;
        String head = "device=" + device.name() + ": ";
        String detail = cause.getMessage().startsWith(head) ? cause.getMessage().substring(head.length())
                : cause.getMessage();
        String verb = cause.kind() == SshCliException.Kind.TIMEOUT ? "timed out" : "failed";
        String message = "login to " + device.address() + " as " + device.username() + " " + verb
                + " at stage '" + stage + "' after " + ms + " ms (login_timeout " + device.loginTimeout().toMillis()
                + " ms): " + detail;
        return new SshCliException(cause.kind(), device.name(), null, message, cause.deviceOutput(), List.of(), 0,
                cause.getCause(), stage);
    }
}
