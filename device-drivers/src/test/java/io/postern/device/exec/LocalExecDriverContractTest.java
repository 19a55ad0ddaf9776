package io.postern.device.exec;

import io.postern.device.CommandSequence;
import io.postern.device.DeviceDriver;
import io.postern.device.GrantContext;
import io.postern.device.Step;
import io.postern.device.testing.DeviceDriverContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver contract for {@code local-exec}, against a fake device: a shell script (run by argv, not by a
 * shell line) that keeps its rules in a state file and wants a password argument, echoing it on errors.
 */
class LocalExecDriverContractTest extends DeviceDriverContractTest {

    private static final String SECRET = "pw-4f9c2e71";
    private static final Duration T = Duration.ofSeconds(5);
    private static final String SCRIPT = """
            #!/bin/sh
            # fake device: device.sh STATE PASSWORD add|del|fail|slow RULE
            state=$1; pw=$2; op=$3; rule=$4
            if [ "$pw" != "SECRET" ]; then echo "login failed for password $pw" >&2; exit 3; fi
            touch "$state"
            case "$op" in
              add) grep -qxF "$rule" "$state" || echo "$rule" >> "$state"; echo "added $rule" ;;
              del) grep -vxF "$rule" "$state" > "$state.new"; mv "$state.new" "$state"; echo "removed $rule" ;;
              fail) echo "% Invalid input detected (password $pw)"; exit 2 ;;
              slow) exec sleep 30 ;;
              *) echo "unknown op $op"; exit 4 ;;
            esac
            """.replace("SECRET", SECRET);

    @TempDir
    Path dir;
    private Path script;
    private Path state;

    @BeforeEach
    void device() throws Exception {
        script = dir.resolve("device.sh");
        state = dir.resolve("state");
        Files.writeString(script, SCRIPT);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    private CommandSequence seq(String op, Duration timeout) {
        List<String> argv = List.of("sh", script.toString(), state.toString(), SECRET, op, "192.0.2.7,tcp:22");
        return new CommandSequence(List.of(Step.of(argv, timeout)), Set.of(SECRET));
    }

    @Override
    protected DeviceDriver driver() {
        return LocalExecDriver.simple("fake-exec");
    }

    @Override
    protected GrantContext grant() {
        return new GrantContext("[192.0.2.7] (stanza 1)", seq("add", T), seq("del", T));
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
    protected Faulty withFault(Fault fault) {
        GrantContext g = switch (fault) {
            case TIMEOUT -> new GrantContext("[192.0.2.7] (stanza 1)", seq("slow", Duration.ofMillis(300)),
                    seq("slow", Duration.ofMillis(300)));
            case REFUSED -> {
                CommandSequence missing = new CommandSequence(List.of(Step.of(List.of(dir.resolve("no-such-device")
                        .toString(), SECRET), T)), Set.of(SECRET));
                yield new GrantContext("[192.0.2.7] (stanza 1)", missing, missing);
            }
            case ERROR_ANSWER -> new GrantContext("[192.0.2.7] (stanza 1)", seq("fail", T), seq("fail", T));
        };
        return new Faulty(driver(), g);
    }
}
