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
import io.postern.device.Step;
import io.postern.device.StepResult;
import io.postern.device.StepSequenceDriver;

/**
 * The {@code ssh-exec} {@link DeviceDriver}: each {@link Step} runs as one remote command on its own SSH
 * {@code exec} channel, over the device's pooled, authenticated session ({@link SshExecSessions}). Made for a
 * remote Linux or appliance shell running {@code ipset}, {@code nft} or {@code iptables}: the same argv lines the
 * templates render for {@code local-exec} run there.
 *
 * <p><b>Argv and the remote shell.</b> sshd always hands an exec command to the login user's shell. Each argv
 * element is single-quoted by {@link RemoteCommandLine}, so it reaches the remote program as exactly one word,
 * with no expansion, globbing, redirection or command chaining; the login shell must be a POSIX shell. With
 * {@code sudo} each command runs as {@code sudo -n -- <argv>} ({@code -n}: fail instead of asking for a password).
 *
 * <p><b>Time limits and failures.</b> A step's own time limit covers waiting for a channel, running the command
 * and reading its exit status; connect and login have the device's limits. A step fails, with
 * {@link DeviceException} carrying the device's own output, when its exit status is not one of the step's
 * success codes ({@code exitCode} as reported), when it exceeds its limit ({@code timedOut}, channel closed,
 * {@code exitCode} -1), or when it could not run: connection refused, host key refused, login refused, session
 * lost, killed by a signal ({@code exitCode} -1). Standard output and error are captured together, up to the
 * device's {@code maxOutputBytes}. Open stops at the first failure and then runs the grant's close (best effort)
 * if an earlier step succeeded; close attempts every step. Secrets of the sequence are masked in results, messages
 * and logs, and the command string itself is never logged.
 *
 * <p>Thread-safe: steps of different grants may run at once on the shared session. {@link #shutdown()} closes
 * only this device's session.
 */
public final class SshExecDriver extends StepSequenceDriver {

    private static final Logger LOG = LoggerFactory.getLogger(SshExecDriver.class);
    private static final List<String> SUDO = List.of("sudo", "-n", "--");

    private final SshExecDevice device;
    private final SshExecSessions sessions;

    public SshExecDriver(SshExecDevice device, SshExecSessions sessions) {
        this.device = Objects.requireNonNull(device, "device");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    @Override
    public String deviceName() {
        return device.name();
    }

    @Override
    public void shutdown() {
        sessions.evict(device.name());
    }

    /** The remote command string for a step (sudo prefix, every word quoted); never logged. */
    String commandLine(Step step) {
        List<String> argv = new ArrayList<>(device.sudo() ? SUDO : List.of());
        argv.addAll(step.argv());
        return RemoteCommandLine.of(argv);
    }

    @Override
    protected StepResult run(String logPrefix, Step step, CommandSequence seq) {
        List<String> shown = seq.mask(device.sudo() ? concat(SUDO, step.argv()) : step.argv());
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} device={} exec argv={} timeout={}", logPrefix, device.name(), shown, step.timeout());
        }
        long start = System.nanoTime();
        SshExecSessions.Outcome o = sessions.run(device, commandLine(step), step.timeout());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        int exit = o.exitStatus() == null ? -1 : o.exitStatus();
        boolean ok = o.failure() == null && step.succeeded(exit);
        StepResult r = new StepResult(shown, exit, seq.mask(o.output()), took, ok, o.timedOut());
        if (ok) {
            LOG.info("{} device={} ran {}", logPrefix, device.name(), r);
        } else {
            LOG.warn("{} device={} failed {}", logPrefix, device.name(), DeviceException.describe(r));
        }
        return r;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
