package io.postern.device;

import java.util.List;

/**
 * Opens and closes grants on one device. One instance serves one device (created by a
 * {@link DriverFactory}) and must be safe to call from several threads at once, for different grants.
 *
 * <p><b>Time limits.</b> Every {@link Step} carries its own time limit. A step that exceeds it is stopped
 * (killed, or its channel closed) and counts as failed; a driver never waits without a bound.
 *
 * <p><b>Failures.</b> A non-zero (non-accepted) exit, a device error answer (e.g. {@code % Invalid input}),
 * a refused connection or a time-out is a failed step and raises {@link DeviceException} with the
 * device's own words; it is never reported as success. Secrets of the sequence are masked in every
 * result, message and log line.
 */
public interface DeviceDriver {

    /** The device's inventory name, used in every log line as {@code device=<name>}. */
    String deviceName();

    /**
     * Runs {@link GrantContext#open()} in order and stops at the first failed step. When a step fails after
     * others succeeded, the driver runs {@link GrantContext#close()} (best effort) so that a failed open
     * leaves nothing behind, then throws.
     *
     * @return the result of every step, in order
     * @throws DeviceException when a step failed or timed out; the device may be partly changed only if the
     *                         undo also failed, which the exception's log says
     */
    List<StepResult> open(GrantContext grant) throws DeviceException;

    /**
     * Runs {@link GrantContext#close()}. Idempotent: closing a grant that is already gone (closed before,
     * expired by the device itself, never fully opened) succeeds. Every step is attempted even when an
     * earlier one failed, so a retry has as little left to do as possible.
     *
     * @return the result of every step, in order
     * @throws DeviceException when any step failed or timed out; the caller retries later
     */
    List<StepResult> close(GrantContext grant) throws DeviceException;

    /**
     * Pushes a device's base policy (create the ACL, set or chain and the default drop). Stops at the first
     * failed step; nothing is undone. Drivers that cannot provision throw.
     */
    default List<StepResult> provision(String logPrefix, CommandSequence steps) throws DeviceException {
        throw new DeviceException(deviceName(), "this driver cannot provision", List.of());
    }

    /** Releases sessions and threads; called once at shutdown. The default does nothing. */
    default void shutdown() {
    }
}
