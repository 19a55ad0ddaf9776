package io.postern.device;

import java.util.List;
import java.util.Objects;

/**
 * A device refused, failed or did not answer in time. The message names the device and the failed
 * step and quotes the device's own output (secrets already masked); {@link #results()} holds every step
 * that ran, the failed one last, so the caller can log and store them.
 *
 * <p>A failed open normally left the device as it was (nothing was applied, or the undo removed it). When
 * that is not known, {@link #mayHaveChanged()} is true: a step may have been applied and its undo failed too,
 * so the caller must treat the grant as possibly open and keep trying to close it, never as simply failed.
 */
public class DeviceException extends Exception {

    private final String device;
    private final List<StepResult> results;
    private boolean mayHaveChanged;

    public DeviceException(String device, String message, List<StepResult> results) {
        super("device=" + device + ": " + message);
        this.device = Objects.requireNonNull(device, "device");
        this.results = List.copyOf(results);
    }

    public DeviceException(String device, String message, List<StepResult> results, Throwable cause) {
        this(device, message, results);
        initCause(cause);
    }

    /** The failing step's result, described for a message: command, exit code or time-out, output. */
    public static String describe(StepResult failed) {
        String out = failed.output().strip();
        return failed + (out.isEmpty() ? " (no output)" : ": " + out);
    }

    /** Marks this failure as one that may have left the open (partly) applied on the device. */
    public DeviceException mayHaveChangedTheDevice() {
        this.mayHaveChanged = true;
        return this;
    }

    /** Whether the device may have been (partly) changed despite the failure: see the class comment. */
    public boolean mayHaveChanged() {
        return mayHaveChanged;
    }

    public String device() {
        return device;
    }

    /** The steps that ran, in order; the last is the one that failed (if a step failed at all). */
    public List<StepResult> results() {
        return results;
    }

    /** The device's own output for the last step that ran, or an empty string. */
    public String output() {
        return results.isEmpty() ? "" : results.get(results.size() - 1).output();
    }
}
