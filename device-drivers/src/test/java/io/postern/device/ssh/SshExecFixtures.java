package io.postern.device.ssh;

import io.postern.device.CommandSequence;
import io.postern.device.GrantContext;
import io.postern.device.Step;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Device settings and grants for tests against a {@link ShellExecServer}. */
final class SshExecFixtures {

    static final Duration STEP = Duration.ofSeconds(5);

    private SshExecFixtures() {
    }

    /** Settings for the server: password login, host key pinned, 5 s limits. */
    static SshExecDevice.Builder device(ShellExecServer server) {
        return SshExecDevice.builder("box-" + server.port()).address("127.0.0.1", server.port())
                .username(ShellExecServer.USER)
                .credentials(SshCredentials.password(Secret.of(ShellExecServer.PASSWORD)))
                .hostKeys(HostKeyPolicy.pinned(server.hostKeyFingerprint()))
                .connectTimeout(Duration.ofSeconds(5)).loginTimeout(Duration.ofSeconds(5));
    }

    /** A grant whose open and close are one step each. */
    static GrantContext grant(List<String> open, List<String> close, Set<String> secrets) {
        return new GrantContext("[198.18.0.7] (stanza #1)",
                new CommandSequence(List.of(Step.of(open, STEP)), secrets),
                new CommandSequence(List.of(Step.of(close, STEP)), secrets));
    }

    /** An open-only grant of the given steps. */
    static GrantContext openOnly(Step... steps) {
        return new GrantContext("[198.18.0.7] (stanza #1)", CommandSequence.of(List.of(steps)),
                CommandSequence.empty());
    }
}
