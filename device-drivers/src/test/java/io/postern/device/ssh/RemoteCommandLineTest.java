package io.postern.device.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Quoting for the remote shell: each argv element is exactly one word for every POSIX shell here. */
class RemoteCommandLineTest {

    /** Words that a shell would otherwise expand, split, glob, chain or redirect. */
    static final List<String> NASTY = List.of("plain", "a b", "it's", "''", "'", "$(touch PWNED)", "`touch PWNED`",
            "$HOME", "${IFS}", "*", "?", "[a]", "~", "; touch PWNED", "| touch PWNED", "&& touch PWNED", "> PWNED",
            "\\", "\\'", "\"dq\"", "#comment", "!", "", " ", "-e", "--", "ünïcødé", "198.18.0.7,tcp:22");

    @TempDir
    Path dir;

    @Test
    void wordsAreSingleQuotedWithEmbeddedQuotesEscaped() {
        assertThat(RemoteCommandLine.of(List.of("ipset", "add", "spa allow", "it's", "")))
                .isEqualTo("'ipset' 'add' 'spa allow' 'it'\\''s' ''");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bin/sh", "/bin/dash", "/bin/bash"})
    void everyElementArrivesAsExactlyOneWordAndNothingIsExpanded(String shell) throws Exception {
        List<String> argv = new ArrayList<>(List.of("printf", "<%s>\\n"));
        argv.addAll(NASTY);
        List<String> cmd = new ArrayList<>(List.of(shell, "-c"));
        cmd.add(RemoteCommandLine.of(argv));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        assertThat(out.lines().toList()).containsExactlyElementsOf(NASTY.stream().map(w -> "<" + w + ">").toList());
        assertThat(dir.resolve("PWNED")).doesNotExist();
    }

    @Test
    void controlCharactersAreRefusedWithoutEchoingTheValue() {
        for (String bad : List.of("a\nb", "a\rb", "a\u0000b", "a\tb", "a\u2028b", "a\u202eb")) {
            assertThatThrownBy(() -> RemoteCommandLine.of(List.of("echo", "secret-" + bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("argument 1")
                    .hasMessageNotContaining("secret-");
        }
        assertThatThrownBy(() -> RemoteCommandLine.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
