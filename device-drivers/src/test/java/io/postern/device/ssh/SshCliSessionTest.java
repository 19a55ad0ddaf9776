package io.postern.device.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;

import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.postern.device.sim.SimulatedCiscoIos;
import io.postern.device.ssh.SshCliException.Kind;

/** Login, command checks and injected device faults, each against a live simulated router. */
class SshCliSessionTest {

    private static final List<String> ADD = List.of("configure terminal", "ip access-list extended POSTERN",
            "permit tcp host 198.18.0.2 any eq 22", "end");

    private static KeyPair userKey;
    private static SimulatedCiscoIos sim;
    private static SshCliConnector connector;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        userKey = gen.generateKeyPair();
        sim = SimulatedCiscoIos.builder().username(SimulatedDevices.USER)
                .password(SimulatedDevices.PASSWORD.toCharArray())
                .enableSecret(SimulatedDevices.ENABLE.toCharArray()).authorizedKey(userKey.getPublic()).build().start();
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
    void wrongPasswordIsAClearAuthFailure() {
        SshDevice d = SimulatedDevices.device(sim).password(Secret.of("not-the-password")).build();
        assertThatThrownBy(() -> connector.open(d)).isInstanceOfSatisfying(SshCliException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.AUTH);
            assertThat(e.getMessage()).contains("device=" + d.name(), "login to 127.0.0.1:" + sim.port(),
                    "as " + SimulatedDevices.USER, "password").doesNotContain("not-the-password");
        });
    }

    @Test
    void refusedLoginIsAnAuthFailure() {
        sim.faults().refuseLogin(true);
        assertThatThrownBy(() -> connector.open(SimulatedDevices.device(sim).build()))
                .isInstanceOfSatisfying(SshCliException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH));
    }

    @Test
    void wrongEnableSecretIsAnAuthFailure() {
        SshDevice d = SimulatedDevices.device(sim).enableSecret(Secret.of("wrong-enable")).build();
        assertThatThrownBy(() -> connector.open(d)).isInstanceOfSatisfying(SshCliException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.AUTH);
            assertThat(e.getMessage()).contains("enable secret refused").doesNotContain("wrong-enable");
        });
    }

    @Test
    void withoutEnableSecretTheSessionStaysInUserMode() throws Exception {
        try (SshCliSession s = connector.open(SimulatedDevices.device(sim).enableSecret(null).build())) {
            assertThat(s.prompt()).isEqualTo("R1>");
        }
    }

    @Test
    void encryptedKeyFileLogsIn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("id_ecdsa");
        OpenSSHKeyEncryptionContext enc = new OpenSSHKeyEncryptionContext();
        enc.setPassword("key-passphrase");
        enc.setCipherName("AES");
        enc.setCipherMode("CTR");
        enc.setCipherType("256");
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(userKey, "test", enc, out);
        }
        SshDevice d = SimulatedDevices.device(sim)
                .credentials(SshCredentials.keyFile(file, Secret.of("key-passphrase"))).build();
        try (SshCliSession s = connector.open(d)) {
            assertThat(s.run(ADD, SimulatedDevices.STEP)).hasSize(4);
        }
        assertThat(sim.accessList("POSTERN")).containsExactly("10 permit tcp host 198.18.0.2 any eq 22");
    }

    @ParameterizedTest
    @ValueSource(strings = {"permit ip any any\nend", "permit ip any any\r", "x\u0000", "x\u001b[A", "x\u2028y",
        "show ?"})
    void commandsThatCouldAddALineAreRefusedBeforeAnythingIsSent(String bad) throws Exception {
        try (SshCliSession s = connector.open(SimulatedDevices.device(sim).build())) {
            int before = sim.commandsReceived();
            assertThatThrownBy(() -> s.run(List.of("configure terminal", bad), SimulatedDevices.STEP))
                    .isInstanceOfSatisfying(SshCliException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.REFUSED_COMMAND);
                        assertThat(e.commandsSent()).isZero();
                        assertThat(e.getMessage()).contains("refused before sending").doesNotContain("\n", "\r");
                    });
            assertThat(sim.commandsReceived()).isEqualTo(before);
            assertThat(s.isOpen()).isTrue();
        }
    }

    @Test
    void errorAnswerFailsWithTheDevicesWordsAndKeepsTheSession() throws Exception {
        try (SshCliSession s = connector.open(SimulatedDevices.device(sim).build())) {
            sim.faults().failConfigCommands(true);
            assertThatThrownBy(() -> s.run(ADD, SimulatedDevices.STEP)).isInstanceOfSatisfying(SshCliException.class,
                    e -> {
                        assertThat(e.kind()).isEqualTo(Kind.DEVICE_ERROR);
                        assertThat(e.command()).isEqualTo("ip access-list extended POSTERN");
                        assertThat(e.deviceOutput()).contains("% Invalid input detected at '^' marker.");
                        assertThat(e.getMessage()).contains("R1(config)#ip access-list extended POSTERN");
                        assertThat(e.completed()).extracting(CommandResult::command)
                                .containsExactly("configure terminal");
                        assertThat(e.commandsSent()).isEqualTo(2);
                    });
            sim.faults().reset();
            assertThat(s.prompt()).isEqualTo("R1#");
            s.run(ADD, SimulatedDevices.STEP);
            assertThat(sim.accessList("POSTERN")).hasSize(1);
        }
    }

    @Test
    void hungDeviceTimesOutWithinTheLimitAndClosesTheSession() throws Exception {
        SshCliSession s = connector.open(SimulatedDevices.device(sim).build());
        sim.faults().hangAfter(2);
        Duration limit = Duration.ofMillis(700);
        long start = System.nanoTime();
        assertThatThrownBy(() -> s.run(ADD, limit)).isInstanceOfSatisfying(SshCliException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(e.command()).isEqualTo("permit tcp host 198.18.0.2 any eq 22");
            assertThat(e.getMessage()).contains("did not come within 700 ms", "session closed");
            assertThat(e.completed()).hasSize(2);
        });
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isBetween(limit, limit.plusSeconds(2));
        assertThat(s.isOpen()).isFalse();
    }

    @Test
    void slowButTimelyAnswersSucceed() throws Exception {
        try (SshCliSession s = connector.open(SimulatedDevices.device(sim).build())) {
            sim.faults().delayAnswers(Duration.ofMillis(150));
            List<CommandResult> r = s.run(ADD, Duration.ofSeconds(2));
            assertThat(r).allSatisfy(c -> assertThat(c.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(150)));
        }
    }

    @Test
    void anAnswerSlowerThanTheLimitIsATimeout() throws Exception {
        SshCliSession s = connector.open(SimulatedDevices.device(sim).build());
        sim.faults().delayAnswers(Duration.ofMillis(800));
        assertThatThrownBy(() -> s.run(ADD, Duration.ofMillis(300)))
                .isInstanceOfSatisfying(SshCliException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
    }

    @Test
    void unexpectedPromptIsATimeoutQuotingWhatWasSeen() throws Exception {
        SshCliSession s = connector.open(SimulatedDevices.device(sim).build());
        sim.faults().overridePrompt("maintenance-mode$ ");
        assertThatThrownBy(() -> s.run(List.of("show access-lists"), Duration.ofMillis(500)))
                .isInstanceOfSatisfying(SshCliException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
                    assertThat(e.getMessage()).contains("last output: show access-lists\nmaintenance-mode$");
                });
    }

    @Test
    void droppedConnectionMidSequenceIsDisconnected() throws Exception {
        SshCliSession s = connector.open(SimulatedDevices.device(sim).build());
        sim.faults().dropAfter(2);
        assertThatThrownBy(() -> s.run(ADD, SimulatedDevices.STEP)).isInstanceOfSatisfying(SshCliException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(Kind.DISCONNECTED);
                    assertThat(e.commandsSent()).isEqualTo(3);
                    assertThat(e.completed()).hasSize(2);
                });
        assertThat(s.isOpen()).isFalse();
        assertThat(sim.accessList("POSTERN")).isEmpty();
    }

    @Test
    void closedPortIsAConnectFailure() throws Exception {
        SimulatedCiscoIos gone = SimulatedDevices.startRouter();
        SshDevice d = SimulatedDevices.device(gone).build();
        gone.close();
        assertThatThrownBy(() -> connector.open(d))
                .isInstanceOfSatisfying(SshCliException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONNECT));
    }
}
