package io.postern.device.ssh;

import static io.postern.device.ssh.SshExecFixtures.STEP;
import static org.assertj.core.api.Assertions.assertThat;

import io.postern.device.CommandSequence;
import io.postern.device.DeviceException;
import io.postern.device.GrantContext;
import io.postern.device.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Secrets stay out of every client-side log line with MINA's DEBUG on (MINA's own exec channel would log the
 * command string; ours does not), out of results and out of exception messages: the login password, a wrong
 * password, and a secret argument on the good path and in a failing command's output. The embedded server's
 * loggers stand for the device and are not checked.
 */
class SshExecSecretsTest {

    private static final String ARG_SECRET = "tok-9d1f-s3cret";
    private static final String WRONG = "pw-Wr0ng-exec";

    @Test
    void secretsAreNeverLoggedNorReported() throws Exception {
        List<String> reported = new ArrayList<>();
        List<String> logged;
        try (ShellExecServer server = new ShellExecServer();
             LogCapture logs = new LogCapture();
             SshExecSessions sessions = new SshExecSessions(Duration.ofSeconds(5))) {
            SshExecDriver driver = new SshExecDriver(SshExecFixtures.device(server).build(), sessions);
            CommandSequence good = new CommandSequence(List.of(Step.of(List.of("echo", "token", ARG_SECRET), STEP)),
                    Set.of(ARG_SECRET));
            CommandSequence bad = new CommandSequence(List.of(Step.of(List.of("sh", "-c",
                    "echo \"refused token $0\" >&2; exit 5", ARG_SECRET), STEP)), Set.of(ARG_SECRET));
            driver.open(new GrantContext("[198.18.0.7] (stanza #1)", good, CommandSequence.empty()))
                    .forEach(r -> reported.add(r + r.output()));
            try {
                driver.open(new GrantContext("[198.18.0.7] (stanza #1)", bad, CommandSequence.empty()));
            } catch (DeviceException e) {
                reported.add(e.getMessage());
                e.results().forEach(r -> reported.add(r + r.output()));
            }
            SshExecDriver wrong = new SshExecDriver(SshExecFixtures.device(server)
                    .credentials(SshCredentials.password(Secret.of(WRONG))).build(), sessions);
            try {
                wrong.open(new GrantContext("[198.18.0.7] (stanza #1)", good, CommandSequence.empty()));
            } catch (DeviceException e) {
                reported.add(e.getMessage());
            }
            logged = logs.lines().stream().filter(l -> !l.contains(" org.apache.sshd.server.")).toList();
        }
        assertThat(logged).isNotEmpty().anySatisfy(l -> assertThat(l).startsWith("DEBUG"));
        assertThat(reported).anySatisfy(l -> assertThat(l).contains("token <masked>"))
                .anySatisfy(l -> assertThat(l).contains("refused token <masked>"))
                .anySatisfy(l -> assertThat(l).contains("failed (password)"));
        for (String secret : List.of(ShellExecServer.PASSWORD, WRONG, ARG_SECRET)) {
            assertThat(logged).noneMatch(l -> l.contains(secret));
            assertThat(reported).noneMatch(l -> l.contains(secret));
        }
    }
}
