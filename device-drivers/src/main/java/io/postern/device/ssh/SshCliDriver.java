package io.postern.device.ssh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.postern.device.CommandSequence;
import io.postern.device.DeviceDriver;
import io.postern.device.DeviceException;
import io.postern.device.GrantContext;
import io.postern.device.Step;
import io.postern.device.StepResult;

/**
 * The {@code ssh-cli} {@link DeviceDriver}: each {@link Step} is one CLI line (its argv joined by single spaces),
 * and a whole sequence runs as one round on the device's pooled {@link SshCliSession}, with each step's own time
 * limit.
 *
 * <p><b>Failures.</b> An error answer of the profile ({@code % Invalid input}, {@code % Incomplete command},
 * {@code ERROR:}...), no prompt within a step's limit, a lost connection, a refused login or host key all raise
 * {@link DeviceException} with the device's own words; the failed step is the last result ({@code exitCode} 1 for
 * a device error, -1 for a time-out or a connection failure). A failed open runs the grant's close (best effort)
 * when any line of the open was sent (a line sent but not answered may have been applied). When nothing of the open
 * reached the device (the login failed, or the pooled session was found broken and the new login failed) there is
 * nothing to undo, and no second login is tried for it.
 *
 * <p><b>Time limits.</b> The login, when the device has no pooled session, is bounded as a whole by the device's
 * {@code login_timeout}; each line after it by its step's limit ({@code command_timeout}).
 *
 * <p><b>Close.</b> Unlike argv drivers, a CLI close stops at its first failed line: later lines depend on the mode
 * that earlier ones entered, and the session is returned to exec mode after an error. Closes stay idempotent
 * through the templates ({@code no <seq>} of an absent entry succeeds on IOS).
 *
 * <p>Thread-safe; sequences for the device are serialized by the pool. The pool may be shared by many drivers;
 * {@link #shutdown()} closes only this device's session.
 */
public final class SshCliDriver implements DeviceDriver {

    private static final Logger LOG = LoggerFactory.getLogger(SshCliDriver.class);

    private final SshDevice device;
    private final SshSessionPool pool;

    public SshCliDriver(SshDevice device, SshSessionPool pool) {
        this.device = Objects.requireNonNull(device, "device");
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    @Override
    public String deviceName() {
        return device.name();
    }

    @Override
    public List<StepResult> open(GrantContext grant) throws DeviceException {
        try {
            return runOrThrow(grant.logPrefix(), "open", grant.open());
        } catch (Failed f) {
            if (f.sent == 0) {
                LOG.info("{} device={} nothing of the open reached the device; no undo", grant.logPrefix(),
                        device.name());
            } else if (!grant.close().isEmpty()) {
                try {
                    runOrThrow(grant.logPrefix(), "undo", grant.close());
                } catch (Failed undo) {
                    LOG.error("{} device={} undo of a failed open failed too; the device may be partly changed: {}",
                            grant.logPrefix(), device.name(), undo.exception.getMessage());
                    if (!f.refusedByDevice) {
                        // the failing line's answer was lost (time-out, dropped session): it may have been applied
                        throw f.exception.mayHaveChangedTheDevice();
                    }
                }
            }
            throw f.exception;
        }
    }

    @Override
    public List<StepResult> close(GrantContext grant) throws DeviceException {
        try {
            return runOrThrow(grant.logPrefix(), "close", grant.close());
        } catch (Failed f) {
            throw f.exception;
        }
    }

    @Override
    public List<StepResult> provision(String logPrefix, CommandSequence steps) throws DeviceException {
        try {
            return runOrThrow(logPrefix, "provision", steps);
        } catch (Failed f) {
            throw f.exception;
        }
    }

    @Override
    public void shutdown() {
        pool.evict(device.name());
    }

    private List<StepResult> runOrThrow(String prefix, String what, CommandSequence seq) throws Failed {
        List<Step> steps = seq.steps();
        if (steps.isEmpty()) {
            return List.of();
        }
        List<String> lines = steps.stream().map(s -> String.join(" ", s.argv())).toList();
        List<Duration> limits = steps.stream().map(Step::timeout).toList();
        long start = System.nanoTime();
        try {
            List<StepResult> results = new ArrayList<>();
            List<CommandResult> answers = pool.run(device, lines, limits);
            for (int i = 0; i < answers.size(); i++) {
                results.add(ok(seq, steps.get(i), answers.get(i)));
            }
            LOG.info("{} device={} {} done: {} lines in {} ms", prefix, device.name(), what, results.size(),
                    (System.nanoTime() - start) / 1_000_000);
            return results;
        } catch (SshCliException e) {
            List<StepResult> results = new ArrayList<>();
            for (int i = 0; i < e.completed().size(); i++) {
                results.add(ok(seq, steps.get(i), e.completed().get(i)));
            }
            Step failed = steps.get(Math.min(results.size(), steps.size() - 1));
            boolean deviceError = e.kind() == SshCliException.Kind.DEVICE_ERROR;
            boolean commandTimeout = e.kind() == SshCliException.Kind.TIMEOUT && e.loginStage() == null;
            String output = deviceError || commandTimeout ? e.deviceOutput() : e.getMessage();
            results.add(new StepResult(seq.mask(failed.argv()), deviceError ? 1 : -1, seq.mask(output),
                    Duration.ofNanos(System.nanoTime() - start), false, e.kind() == SshCliException.Kind.TIMEOUT));
            String message = seq.mask(what + " failed (" + e.kind() + "): " + stripDevice(e.getMessage()));
            LOG.warn("{} device={} {}", prefix, device.name(), message);
            throw new Failed(new DeviceException(device.name(), message, results, e), e.commandsSent(), deviceError);
        }
    }

    private static StepResult ok(CommandSequence seq, Step step, CommandResult r) {
        return new StepResult(seq.mask(step.argv()), 0, seq.mask(r.output()), r.elapsed(), true, false);
    }

    private String stripDevice(String message) {
        String head = "device=" + device.name() + ": ";
        return message.startsWith(head) ? message.substring(head.length()) : message;
    }

    /**
     * Carries the exception, how many lines reached the device (for the undo decision) and whether the device
     * answered the failing line with an error (then that line was refused, not applied).
     */
    private static final class Failed extends Exception {
        final DeviceException exception;
        final int sent;
        final boolean refusedByDevice;

        Failed(DeviceException exception, int sent, boolean refusedByDevice) {
            super(null, null, false, false);
            this.exception = exception;
            this.sent = sent;
            this.refusedByDevice = refusedByDevice;
        }
    }
}
