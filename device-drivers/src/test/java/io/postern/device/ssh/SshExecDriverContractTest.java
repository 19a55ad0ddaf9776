package io.postern.device.ssh;

import io.postern.device.CommandSequence;
import io.postern.device.DeviceDriver;
import io.postern.device.GrantContext;
import io.postern.device.Step;
import io.postern.device.testing.DeviceDriverContractTest;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver contract for {@code ssh-exec}, against an embedded sshd running {@code /bin/sh -c}: the device is a
 * script that keeps its rules in a state file and wants the SSH password as an argument too (echoing it on
 * errors), so the secret travels both in the login and in the argv. Faults: a command over its limit, a port
 * nothing listens on, a non-zero exit.
 */
class SshExecDriverContractTest extends DeviceDriverContractTest {

    private static final String SECRET = ShellExecServer.PASSWORD;
    private static final String SCRIPT = """
            #!/bin/sh
            # fake device: device.sh STATE PASSWORD add|del|fail|slow RULE
            state=$1; pw=$2; op=$3; rule=$4
            if [ "$pw" != "SECRET" ]; then echo "login failed for password $pw" >&2; exit 3; fi
            touch "$state"
            case "$op" in
              add) grep -qxF "$rule" "$state" || echo "$rule" >> "$state"; echo "added $rule" ;;
              del) grep -vxF "$rule" "$state" > "$state.new"; mv "$state.new" "$state"; echo "removed $rule" ;;
              fail) echo "ipset v7.17: The set with the given name does not exist (password $pw)" >&2; exit 1 ;;
              slow) exec sleep 30 ;;
              *) echo "unknown op $op"; exit 4 ;;
            esac
            """.replace("SECRET", SECRET);

    private static ShellExecServer server;

    @TempDir
    Path dir;
    private Path script;
    private Path state;
    private SshExecSessions sessions;

    @BeforeAll
    static void start() {
        server = new ShellExecServer();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void device() throws Exception {
        script = dir.resolve("device.sh");
        state = dir.resolve("state");
        Files.writeString(script, SCRIPT);
        sessions = new SshExecSessions(Duration.ofSeconds(5));
    }

    @AfterEach
    void closeSessions() {
        sessions.close();
    }

    private GrantContext grant(String openOp, String closeOp, Duration limit) {
        return new GrantContext("[198.18.0.7] (stanza #1)", seq(openOp, limit), seq(closeOp, limit));
    }

    private CommandSequence seq(String op, Duration limit) {
        List<String> argv = List.of("sh", script.toString(), state.toString(), SECRET, op, "198.18.0.7,tcp:22");
        return new CommandSequence(List.of(Step.of(argv, limit)), Set.of(SECRET));
    }

    @Override
    protected DeviceDriver driver() {
        return new SshExecDriver(SshExecFixtures.device(server).build(), sessions);
    }

    @Override
    protected GrantContext grant() {
        return grant("add", "del", SshExecFixtures.STEP);
    }

    @Override
    protected Object deviceState() throws Exception {
        return Files.exists(state) ? Files.readAllLines(state).stream().sorted().toList() : List.of();
    }

    @Override
    protected String secret() {
        return SECRET;
    }

    @Override
    protected Faulty withFault(Fault fault) throws Exception {
        return switch (fault) {
            case TIMEOUT -> new Faulty(driver(), grant("slow", "slow", Duration.ofMillis(300)));
            case REFUSED -> {
                int closed;
                try (ServerSocket s = new ServerSocket(0)) {
                    closed = s.getLocalPort();
                }
                SshExecDevice nowhere = SshExecFixtures.device(server).address("127.0.0.1", closed).build();
                yield new Faulty(new SshExecDriver(nowhere, sessions), grant());
            }
            case ERROR_ANSWER -> new Faulty(driver(), grant("fail", "fail", SshExecFixtures.STEP));
        };
    }
}
