package io.postern.device.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.postern.device.sim.SimulatedCiscoIos;

/** Host key checking against a live simulated router: pins, known_hosts, and the explicit insecure mode. */
class HostKeyPolicyTest {

    private static SimulatedCiscoIos sim;
    private static SshCliConnector connector;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sim = SimulatedDevices.startRouter();
        connector = new SshCliConnector();
    }

    @AfterAll
    static void stop() {
        connector.close();
        sim.close();
    }

    @Test
    void pinnedFingerprintIsAccepted() throws Exception {
        try (SshCliSession s = open(HostKeyPolicy.pinned(sim.hostKeyFingerprint()))) {
            assertThat(s.prompt()).isEqualTo("R1#");
        }
    }

    @Test
    void paddedPinIsAcceptedToo() throws Exception {
        try (SshCliSession s = open(HostKeyPolicy.parse(sim.hostKeyFingerprint() + "="))) {
            assertThat(s.isOpen()).isTrue();
        }
    }

    @Test
    void wrongPinIsRefusedNamingHostAndPresentedKey() throws Exception {
        String other = HostKeyPolicy.fingerprint(otherKey());
        int before = sim.commandsReceived();
        assertRefused(HostKeyPolicy.pinned(other), "pinned " + other);
        assertThat(sim.commandsReceived()).as("no command reached the device").isEqualTo(before);
    }

    @Test
    void knownHostsEntryIsAccepted() throws Exception {
        Path file = dir.resolve("known_hosts");
        Files.write(file, List.of(sim.knownHostsLine()));
        try (SshCliSession s = open(HostKeyPolicy.knownHosts(file))) {
            assertThat(s.prompt()).isEqualTo("R1#");
        }
    }

    @Test
    void hostMissingFromKnownHostsIsRefusedAndNotAdded() throws Exception {
        Path file = dir.resolve("known_hosts");
        String unrelated = "[127.0.0.1]:1 " + PublicKeyEntry.toString(otherKey());
        Files.write(file, List.of(unrelated));
        assertRefused(HostKeyPolicy.knownHosts(file), "known_hosts " + file);
        assertThat(Files.readAllLines(file)).containsExactly(unrelated);
    }

    @Test
    void changedKeyInKnownHostsIsRefused() throws Exception {
        Path file = dir.resolve("known_hosts");
        Files.write(file, List.of("[127.0.0.1]:" + sim.port() + " " + PublicKeyEntry.toString(otherKey())));
        assertRefused(HostKeyPolicy.knownHosts(file), "known_hosts");
    }

    @Test
    void insecureAcceptAnyConnectsAndWarnsEveryTime() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            for (int i = 0; i < 2; i++) {
                try (SshCliSession s = open(HostKeyPolicy.insecureAcceptAny())) {
                    assertThat(s.prompt()).isEqualTo("R1#");
                }
            }
            assertThat(logs.lines()).filteredOn(l -> l.startsWith("WARN") && l.contains("NOT verified"))
                    .hasSize(2).allSatisfy(l -> assertThat(l).contains(sim.hostKeyFingerprint(), "device=edge-"));
        }
    }

    @Test
    void malformedPinIsAConfigError() {
        assertThatThrownBy(() -> HostKeyPolicy.pinned("SHA256:short"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected: SHA256:");
        assertThat(HostKeyPolicy.parse("insecure-accept-any").isInsecure()).isTrue();
        assertThat(HostKeyPolicy.parse("known-hosts:/etc/ssh/ssh_known_hosts").toString())
                .isEqualTo("known_hosts /etc/ssh/ssh_known_hosts");
    }

    private void assertRefused(HostKeyPolicy policy, String policyText) {
        assertThatThrownBy(() -> open(policy).close()).isInstanceOfSatisfying(SshCliException.class, e -> {
            assertThat(e.kind()).isEqualTo(SshCliException.Kind.HOST_KEY);
            assertThat(e.getMessage()).contains("device=edge-" + sim.port(), "127.0.0.1:" + sim.port(),
                    "presented " + sim.hostKeyFingerprint(), policyText);
        });
    }

    private SshCliSession open(HostKeyPolicy policy) throws SshCliException {
        return connector.open(SimulatedDevices.device(sim).hostKeys(policy).build());
    }

    private static PublicKey otherKey() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        return gen.generateKeyPair().getPublic();
    }
}
