package io.postern.device.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postern.device.CommandSequence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile strings in every string-typed value never add an argument or a line. */
class InjectionTest {

    private static final String TEMPLATE =
            "cmd ${vars.v} --opt=${vars.v} '${vars.v}' \"${vars.v}\" x${stanza}y last\n";

    @TempDir
    Path dir;

    private CommandSequence render(GrantValues v) throws IOException, RenderException {
        Files.createDirectories(dir.resolve("fam"));
        Files.writeString(dir.resolve("fam/open.ftl"), TEMPLATE);
        return TemplateRenderer.withUserDir(dir).render("fam", Section.OPEN, v, Duration.ofSeconds(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "x;reboot", "x && rm -rf /", "$(touch /tmp/pwned)", "`id`", "${src}",
            "<#stop 'x'>", "'", "\"", "\\", "a' 'b", "a\" \"b", "--", "*", "|tee /etc/passwd", "#{src}",
            "[=src]", "<@x/>", "  leading and trailing  "})
    void hostileDeviceVariableStaysOneArgumentPerUse(String payload) throws Exception {
        GrantValues v = TestValues.ipv4().vars(Map.of("v", payload)).stanza(payload).build();
        CommandSequence s = render(v);
        assertThat(s.steps()).hasSize(1);
        assertThat(s.steps().get(0).argv())
                .containsExactly("cmd", payload, "--opt=" + payload, payload, payload, "x" + payload + "y", "last");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\rb", "a\u0000b", "a\tb", "a\u2028b", "a\u2029b", "a\u0085b", "a\u200eb",
            "a\ue000b", "a\ue001b", ""})
    void newlinesControlAndMarkerCharactersAreRefusedUpFront(String payload) {
        assertThatThrownBy(() -> TestValues.ipv4().vars(Map.of("v", payload)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("device variable v");
        assertThatThrownBy(() -> TestValues.ipv4().stanza(payload).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stanza");
    }

    @Test
    void variableNamesMustBeIdentifiers() {
        assertThatThrownBy(() -> TestValues.ipv4().vars(Map.of("a b", "x")).build())
                .hasMessageContaining("device variable name");
        assertThatThrownBy(() -> TestValues.ipv4().vars(Map.of("${x}", "x")).build())
                .hasMessageContaining("device variable name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1 x", "10.0.0.1;id", "$(id)", "a\nb", "-rf", "host/evil", ""})
    void natHostIsAHostNameOrAddressOnly(String host) {
        assertThatThrownBy(() -> TestValues.ipv4().nat(host, 22).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostileValueInShippedTemplatesIsRefusedWhereTheToolWouldReparseIt() {
        GrantValues v = TestValues.ipv4().vars(Map.of("table", "postern ; flush ruleset")).build();
        assertThatThrownBy(() -> TemplateRenderer.classpathOnly().render("nftables", Section.OPEN, v,
                Duration.ofSeconds(1))).hasMessageContaining("vars.table");
    }

    @Test
    void renderedLinesNeverExceedTheTemplateLines() throws Exception {
        GrantValues v = TestValues.ipv4().vars(Map.of("v", "a b c d e f g h")).build();
        List<List<String>> argvs = render(v).argvs();
        assertThat(argvs).hasSize(1);
        assertThat(argvs.get(0)).hasSize(7);
    }
}
