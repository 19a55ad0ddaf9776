package io.postern.orchestrator.pipeline;

import io.postern.device.CommandSequence;
import io.postern.device.DeviceException;
import io.postern.device.GrantContext;
import io.postern.device.Step;
import io.postern.device.StepResult;
import io.postern.device.exec.LocalExecDriver;
import io.postern.device.exec.RunAs;
import io.postern.spa.config.CommandExec;
import io.postern.spa.policy.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an accepted SPA command message (type 0, only where ENABLE_CMD_EXEC allows it): the text is split
 * on whitespace into an argument vector, as fwknopd's execvpe does, so no shell ever sees it; it runs as
 * CMD_EXEC_USER/GROUP when set (or via sudo settings), with a time limit, and its output is logged.
 */
public final class CommandMessageRunner implements Consumer<Verdict.Accepted> {

    private static final Logger LOG = LoggerFactory.getLogger("io.postern.serve");
    private static final int MAX_OUTPUT = 16 * 1024;

    private final Duration timeout;
    private final Runnable beforeRun;

    public CommandMessageRunner(Duration timeout) {
        this(timeout, () -> { });
    }

    /** @param beforeRun runs before each command (serve: make the packet's replay digest durable first) */
    public CommandMessageRunner(Duration timeout, Runnable beforeRun) {
        this.timeout = timeout;
        this.beforeRun = beforeRun;
    }

    @Override
    public void accept(Verdict.Accepted a) {
        String prefix = "[" + a.allowAddress().getHostAddress() + "] (stanza #" + a.stanzaNumber() + ")";
        List<String> argv = split(a.request().command());
        if (argv.isEmpty()) {
            LOG.warn("{} empty command message ignored", prefix);
            return;
        }
        CommandExec exec = a.stanza().commandExec();
        List<String> sudo = new ArrayList<>();
        RunAs runAs = null;
        if (exec.sudo()) {
            sudo.add("sudo");
            if (exec.sudoUser() != null && !exec.sudoUser().equals("root")) {
                sudo.addAll(List.of("-u", exec.sudoUser()));
            }
            if (exec.sudoGroup() != null && !exec.sudoGroup().equals("root")) {
                sudo.addAll(List.of("-g", exec.sudoGroup()));
            }
        } else if (exec.user() != null) {
            runAs = new RunAs(exec.user(), exec.group());
        }
        beforeRun.run();
        LocalExecDriver driver = new LocalExecDriver("cmd-exec", LocalExecDriver.DEFAULT_PATH, sudo, runAs, MAX_OUTPUT);
        try {
            List<StepResult> results = driver.open(new GrantContext(prefix,
                    CommandSequence.of(List.of(Step.of(argv, timeout))), CommandSequence.empty()));
            LOG.info("{} ran command {} (exit 0): {}", prefix, argv, results.isEmpty() ? "" : results.get(0).output().strip());
        } catch (DeviceException e) {
            LOG.warn("{} command {} failed: {}", prefix, argv, e.getMessage());
        }
    }

    static List<String> split(String command) {
        List<String> out = new ArrayList<>();
        for (String w : command.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
