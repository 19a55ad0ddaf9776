package io.postern.device.exec;

import io.postern.device.CommandSequence;
import io.postern.device.DeviceException;
import io.postern.device.DeviceSpec;
import io.postern.device.Step;
import io.postern.device.StepResult;
import io.postern.device.StepSequenceDriver;
import io.postern.spa.config.ConfigException;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code local-exec} driver: runs each step on this host as an argument vector handed to the kernel
 * ({@link ProcessBuilder}, {@code execve}), never through a shell. The program is looked up in the
 * driver's own search path, the environment holds only {@code PATH} and {@code LC_ALL=C}, standard input
 * is closed, and standard output and error are captured together (up to {@code max_output_bytes}).
 *
 * <p>Each step has its own time limit: when it expires the command and its descendants are killed and the
 * step fails (see {@link ChildProcess}). A step fails when its exit code is not one of the step's success
 * codes. The calling thread waits for the command and collects its output itself: no thread is started per
 * command (Commons Exec, used before, started a watchdog and two stream pumpers for each), which matters
 * when every grant runs a command (CMD_CYCLE_OPEN).
 *
 * <p>Settings: {@code path} (colon-separated search path), {@code command_prefix} (argv words put before
 * every command, e.g. {@code ip netns exec blue} or {@code sudo -n}), {@code run_as} and
 * {@code run_as_group} (see {@link RunAs}), {@code max_output_bytes}. Thread-safe and stateless: steps of
 * different grants may run concurrently.
 */
public final class LocalExecDriver extends StepSequenceDriver {

    /** The default search path. */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static final Logger LOG = LoggerFactory.getLogger(LocalExecDriver.class);
    private static final File ROOT = new File("/");

    private final String name;
    private final List<String> searchPath;
    private final String pathText;
    private final List<String> prefix;
    private final int maxOutput;

    /**
     * @param name      device name for logs
     * @param path      colon-separated search path for program names without a slash
     * @param prefix    argv words before every command (may be empty)
     * @param runAs     user to run as, or {@code null}
     * @param maxOutput bytes of output kept per step
     */
    public LocalExecDriver(String name, String path, List<String> prefix, RunAs runAs, int maxOutput) {
        this.name = Objects.requireNonNull(name, "name");
        this.searchPath = Arrays.stream(path.split(":")).filter(s -> !s.isEmpty()).toList();
        this.pathText = String.join(":", searchPath);
        List<String> p = new ArrayList<>(prefix);
        if (runAs != null) {
            p.addAll(runAs.prefix());
        }
        this.prefix = List.copyOf(p);
        if (maxOutput < 1) {
            throw new IllegalArgumentException("maxOutput must be positive");
        }
        this.maxOutput = maxOutput;
    }

    /** A driver with the default path, no prefix, as the current user. */
    public static LocalExecDriver simple(String name) {
        return new LocalExecDriver(name, DEFAULT_PATH, List.of(), null, 64 * 1024);
    }

    /** Builds the driver from inventory settings. */
    public static LocalExecDriver fromSpec(DeviceSpec spec) throws ConfigException {
        String runAsUser = spec.setting("run_as", null);
        RunAs runAs = null;
        try {
            runAs = runAsUser == null ? null : new RunAs(runAsUser, spec.setting("run_as_group", null));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(null, 0, spec.name() + ": " + e.getMessage());
        }
        String prefixText = spec.setting("command_prefix", "").strip();
        List<String> prefix = prefixText.isEmpty() ? List.of() : List.of(prefixText.split("\\s+"));
        String max = spec.setting("max_output_bytes", "65536");
        int maxOutput;
        try {
            maxOutput = Integer.parseInt(max);
        } catch (NumberFormatException e) {
            maxOutput = -1;
        }
        if (maxOutput < 1) {
            throw new ConfigException(null, 0, "max_output_bytes", max, "a positive integer");
        }
        return new LocalExecDriver(spec.name(), spec.setting("path", DEFAULT_PATH), prefix, runAs, maxOutput);
    }

    @Override
    public String deviceName() {
        return name;
    }

    @Override
    protected StepResult run(String logPrefix, Step step, CommandSequence seq) {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(step.argv());
        List<String> shown = seq.mask(argv);
        long start = System.nanoTime();
        String program = resolve(argv.get(0));
        if (program == null) {
            StepResult r = new StepResult(shown, -1, "command not found in " + pathText + ": "
                    + seq.mask(argv.get(0)), elapsed(start), false, false);
            LOG.warn("{} device={} {}", logPrefix, name, DeviceException.describe(r));
            return r;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("run({}) device={} argv={} timeout={}", logPrefix, name, shown, step.timeout());
        }
        argv.set(0, program);
        ProcessBuilder pb = newBuilder().command(argv);
        BoundedOutput out = new BoundedOutput(maxOutput);
        int exit = -1;
        String extra = "";
        boolean timedOut = false;
        try {
            Process p = pb.start();
            try {
                p.getOutputStream().close(); // standard input: closed, as before
                ChildProcess child = new ChildProcess(p, out);
                ChildProcess.End end = child.await(step.timeout());
                timedOut = end == ChildProcess.End.TIMED_OUT;
                if (timedOut) {
                    extra = "killed after the time limit of " + step.timeout().toMillis() + " ms";
                } else if (end == ChildProcess.End.INTERRUPTED) {
                    extra = "interrupted; the command was killed";
                } else {
                    exit = child.exitCode();
                }
            } finally {
                p.getInputStream().close();
            }
        } catch (IOException e) {
            extra = "cannot run: " + e.getMessage();
        }
        String output = seq.mask(extra.isEmpty() ? out.text() : join(out.text(), extra));
        boolean ok = !timedOut && extra.isEmpty() && step.succeeded(exit);
        StepResult r = new StepResult(shown, exit, output, elapsed(start), ok, timedOut);
        if (ok) {
            LOG.info("{} device={} ran {}", logPrefix, name, r);
        } else {
            LOG.warn("{} device={} failed {}", logPrefix, name, DeviceException.describe(r));
        }
        return r;
    }

    private ProcessBuilder newBuilder() {
        ProcessBuilder pb = new ProcessBuilder().directory(ROOT).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", pathText);
        env.put("LC_ALL", "C");
        return pb;
    }

    private String resolve(String program) {
        if (program.indexOf('/') >= 0) {
            return new File(program).canExecute() ? program : null;
        }
        for (String dir : searchPath) {
            File f = new File(dir, program);
            if (f.isFile() && f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    private static String join(String output, String extra) {
        return output.isEmpty() ? extra : output.stripTrailing() + "\n" + extra;
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
