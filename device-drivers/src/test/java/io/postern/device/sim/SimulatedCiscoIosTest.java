package io.postern.device.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.postern.device.ssh.CommandResult;
import io.postern.device.ssh.SshCliConnector;
import io.postern.device.ssh.SshCliException;
import io.postern.device.ssh.SshCliSession;
import io.postern.device.ssh.SimulatedDevices;

/** The simulated router driven through a real SSH session of the ssh-cli client. */
class SimulatedCiscoIosTest {

    private static SimulatedCiscoIos sim;
    private static SshCliConnector connector;

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

    @AfterEach
    void clean() {
        sim.faults().reset();
        sim.clearConfig();
    }

    @Test
    void listensOnAnOsChosenLoopbackPort() {
        assertThat(sim.host()).isEqualTo("127.0.0.1");
        assertThat(sim.port()).isPositive();
        assertThat(sim.hostKeyFingerprint()).matches("SHA256:[A-Za-z0-9+/]{43}");
        assertThat(sim.knownHostsLine()).startsWith("[127.0.0.1]:" + sim.port() + " ecdsa-sha2-nistp256 AAAA");
    }

    @Test
    void enableConfigureAddShowAndRemove() throws Exception {
        try (SshCliSession s = connector.open(SimulatedDevices.device(sim).build())) {
            assertThat(s.prompt()).isEqualTo("R1#");
            List<CommandResult> r = s.run(List.of("configure terminal", "ip access-list extended POSTERN",
                    "10 permit tcp host 198.18.0.2 any eq 22", "end", "show access-lists POSTERN"),
                    SimulatedDevices.STEP);
            assertThat(r).extracting(CommandResult::prompt).containsExactly("R1(config)#",
                    "R1(config-ext-nacl)#", "R1(config-ext-nacl)#", "R1#", "R1#");
            assertThat(r.get(4).output())
                    .isEqualTo("Extended IP access list POSTERN\n    10 permit tcp host 198.18.0.2 any eq 22\n");
            assertThat(sim.accessList("POSTERN")).containsExactly("10 permit tcp host 198.18.0.2 any eq 22");

            s.runInConfigMode(List.of("ip access-list extended POSTERN", "no 10"), SimulatedDevices.STEP);
            assertThat(sim.accessList("POSTERN")).isEmpty();
            assertThat(sim.hasAccessList("POSTERN")).isTrue();
            assertThat(s.prompt()).isEqualTo("R1#");
        }
    }

    @Test
    void showRunningConfigAndWriteMemory() throws Exception {
        try (SshCliSession s = connector.open(SimulatedDevices.device(sim).build())) {
            s.runInConfigMode(List.of("ip access-list extended A", "permit udp any host 10.0.0.1 eq 53"),
                    SimulatedDevices.STEP);
            List<CommandResult> r = s.run(List.of("show running-config", "write memory"), SimulatedDevices.STEP);
            assertThat(r.get(0).output()).contains("hostname R1", "ip access-list extended A",
                    " permit udp any host 10.0.0.1 eq 53", "end");
            assertThat(r.get(1).output()).contains("[OK]");
        }
    }

    @Test
    void invalidInputComesBackWithTheCaretMarker() throws Exception {
        try (SshCliSession s = connector.open(SimulatedDevices.device(sim).build())) {
            assertThatThrownBy(() -> s.run(List.of("configure terminal", "ip access-list extended X",
                    "permit tcp host 198.18.0.300 any eq 22"), SimulatedDevices.STEP))
                    .isInstanceOfSatisfying(SshCliException.class, e -> {
                        assertThat(e.kind()).isEqualTo(SshCliException.Kind.DEVICE_ERROR);
                        assertThat(e.command()).isEqualTo("permit tcp host 198.18.0.300 any eq 22");
                        assertThat(e.deviceOutput()).isEqualTo(" ".repeat("R1(config-ext-nacl)#".length() + 16)
                                + "^\n% Invalid input detected at '^' marker.\n");
                        assertThat(e.getMessage()).contains("R1(config-ext-nacl)#permit tcp host 198.18.0.300",
                                "% Invalid input detected at '^' marker.");
                        assertThat(e.completed()).hasSize(2);
                    });
            assertThat(s.prompt()).as("left config mode after the error").isEqualTo("R1#");
            assertThat(s.run(List.of("show access-lists"), SimulatedDevices.STEP).get(0).output())
                    .isEqualTo("Extended IP access list X\n");
        }
    }

    @Test
    void truncatedCommandIsIncomplete() throws Exception {
        try (SshCliSession s = connector.open(SimulatedDevices.device(sim).build())) {
            assertThatThrownBy(() -> s.runInConfigMode(List.of("ip access-list extended X", "permit tcp host"),
                    SimulatedDevices.STEP))
                    .isInstanceOfSatisfying(SshCliException.class, e -> {
                        assertThat(e.kind()).isEqualTo(SshCliException.Kind.DEVICE_ERROR);
                        assertThat(e.deviceOutput()).isEqualTo("% Incomplete command.\n");
                    });
        }
    }

    @Test
    void hostKeyFileIsCreatedOnceThenReused(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("ssh_host_ecdsa_key");
        String first;
        try (SimulatedCiscoIos a = SimulatedCiscoIos.builder().hostKeyFile(key).build().start()) {
            first = a.hostKeyFingerprint();
        }
        assertThat(Files.readString(key)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        try (SimulatedCiscoIos b = SimulatedCiscoIos.builder().hostKeyFile(key).build().start()) {
            assertThat(b.hostKeyFingerprint()).isEqualTo(first);
        }
    }

    @Test
    void closeReleasesThePort() throws Exception {
        SimulatedCiscoIos other = SimulatedDevices.startRouter();
        int port = other.port();
        other.close();
        try (SimulatedCiscoIos again = SimulatedCiscoIos.builder().port(port).build().start()) {
            assertThat(again.port()).isEqualTo(port);
        }
    }
}
