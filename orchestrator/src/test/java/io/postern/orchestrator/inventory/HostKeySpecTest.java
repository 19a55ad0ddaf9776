package io.postern.orchestrator.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostKeySpecTest {

    private static final Path BASE = Path.of("/etc/postern");
    private static final String PIN = "SHA256:" + "A".repeat(42) + "B";

    @Test
    void knownHostsPathsResolveAgainstTheInventoryDirectory() {
        assertThat(HostKeySpec.parse("known_hosts:/var/lib/postern/known_hosts", BASE))
                .isEqualTo(new HostKeySpec(HostKeySpec.Kind.KNOWN_HOSTS, "/var/lib/postern/known_hosts"));
        HostKeySpec rel = HostKeySpec.parse("known-hosts:ssh/known_hosts", BASE);
        assertThat(rel.value()).isEqualTo("/etc/postern/ssh/known_hosts");
        assertThat(rel.policySpec()).isEqualTo("known-hosts:/etc/postern/ssh/known_hosts");
        assertThat(rel.toString()).isEqualTo("known_hosts:/etc/postern/ssh/known_hosts");
    }

    @Test
    void pinsAndInsecure() {
        assertThat(HostKeySpec.parse(PIN + "=", BASE).value()).isEqualTo(PIN);
        assertThat(HostKeySpec.parse(PIN, BASE).policySpec()).isEqualTo(PIN);
        assertThat(HostKeySpec.parse("insecure-accept-any", BASE).isInsecure()).isTrue();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"accept-all", "SHA256:short", "sha256:" + "A", "MD5:aa:bb", "known_hosts:",
            "/etc/postern/known_hosts", "INSECURE-ACCEPT-ANY"})
    void refusesAnythingElse(String text) {
        assertThatThrownBy(() -> HostKeySpec.parse(text, BASE)).hasMessage(HostKeySpec.EXPECTED);
    }
}
