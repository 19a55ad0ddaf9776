package io.postern.device;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What happened when one {@link Step} ran. Secrets are already masked in {@link #argv()} and
 * {@link #output()}, so a result may be logged or stored as is.
 *
 * @param argv      the command as run, secrets masked
 * @param exitCode  the exit code; {@code -1} when the command could not be started or was killed
 * @param output    standard output and standard error, interleaved, possibly truncated, masked
 * @param duration  wall-clock time of the step
 * @param succeeded whether the step counts as success (its exit code is accepted and it was not killed)
 * @param timedOut  whether the step was killed because it exceeded its time limit
 */
public record StepResult(List<String> argv, int exitCode, String output, Duration duration, boolean succeeded,
                         boolean timedOut) {

    public StepResult {
        argv = List.copyOf(argv);
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(duration, "duration");
    }

    /** The argv joined with spaces, for logs (not for execution). */
    public String commandLine() {
        return String.join(" ", argv);
    }

    @Override
    public String toString() {
        return "'" + commandLine() + "' " + (timedOut ? "timed out" : "exit " + exitCode) + " in "
                + duration.toMillis() + " ms";
    }
}
