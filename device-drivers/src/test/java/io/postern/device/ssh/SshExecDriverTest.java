package io.postern.device.ssh;

import static io.postern.device.ssh.SshExecFixtures.STEP;
import static io.postern.device.ssh.SshExecFixtures.device;
import static io.postern.device.ssh.SshExecFixtures.openOnly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postern.device.DeviceException;
import io.postern.device.Step;
import io.postern.device.StepResult;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ssh-exec driver against an embedded sshd that runs each exec command with {@code /bin/sh -c}, as OpenSSH
 * does: argv quoting end to end, exit codes, time-outs, output bounds, session reuse and reconnects, channel limits,
 * host key and login refusals, key-file login and the sudo prefix.
 */
class SshExecDriverTest {

    @TempDir
    static Path dir;
    private static ShellExecServer server;
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
    void newSessions() {
        sessions = new SshExecSessions(Duration.ofMillis(500));
    }

    @AfterEach
    void closeSessions() {
        sessions.close();
    }

    private SshExecDriver driver(SshExecDevice device) {
        return new SshExecDriver(device, sessions);
    }

    private SshExecDriver driver() {
        return driver(device(server).build());
    }

    private static Step step(String... argv) {
        return Step.of(List.of(argv), STEP);
    }

    @Test
    void eachArgvElementReachesTheRemoteProgramAsExactlyOneWord() throws Exception {
        List<String> argv = new ArrayList<>(List.of("printf", "<%s>\\n"));
        argv.addAll(RemoteCommandLineTest.NASTY);
        List<StepResult> r = driver().open(openOnly(Step.of(argv, STEP)));
        assertThat(r.get(0).output().lines().toList())
                .containsExactlyElementsOf(RemoteCommandLineTest.NASTY.stream().map(w -> "<" + w + ">").toList());
        assertThat(r.get(0).exitCode()).isZero();
        assertThat(r.get(0).argv()).isEqualTo(argv);
        assertThat(server.commands().get(server.commands().size() - 1)).startsWith("'printf' '<%s>\\n' 'plain' 'a b'");
    }

    @Test
    void aNonZeroExitIsAFailedStepCarryingTheDevicesOwnWords() {
        Step failing = step("sh", "-c", "echo 'ipset v7.17: The set with the given name does not exist' >&2; exit 1");
        assertThatThrownBy(() -> driver().open(openOnly(step("true"), failing)))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    assertThat(e.getMessage()).contains("open step 2/2 failed", "exit 1",
                            "The set with the given name does not exist");
                    assertThat(e.results()).hasSize(2);
                    StepResult last = e.results().get(1);
                    assertThat(last.succeeded()).isFalse();
                    assertThat(last.exitCode()).isEqualTo(1);
                    assertThat(last.timedOut()).isFalse();
                    assertThat(e.output()).contains("does not exist");
                });
    }

    @Test
    void anExitCodeListedAsSuccessCountsAsSuccess() throws Exception {
        Step tolerant = new Step(List.of("sh", "-c", "exit 1"), STEP, Set.of(0, 1));
        List<StepResult> r = driver().open(openOnly(tolerant));
        assertThat(r.get(0).succeeded()).isTrue();
        assertThat(r.get(0).exitCode()).isEqualTo(1);
    }

    @Test
    void aStepOverItsTimeLimitFailsQuicklyAndTheSessionStaysUsable() throws Exception {
        SshExecDriver d = driver();
        d.open(openOnly(step("true")));
        int logins = server.sessionsOpened();
        long start = System.nanoTime();
        assertThatThrownBy(() -> d.open(openOnly(Step.of(List.of("sleep", "30"), Duration.ofMillis(300)))))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    StepResult last = e.results().get(0);
                    assertThat(last.timedOut()).isTrue();
                    assertThat(last.succeeded()).isFalse();
                    assertThat(last.exitCode()).isEqualTo(-1);
                    assertThat(last.output()).contains("time limit of 300 ms", "channel closed");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(d.open(openOnly(step("echo", "still here"))).get(0).output()).isEqualTo("still here\n");
        assertThat(server.sessionsOpened()).as("no new login after a command time-out").isEqualTo(logins);
    }

    @Test
    void stepsAndGrantsReuseOneAuthenticatedSession() throws Exception {
        SshExecDriver d = driver();
        int before = server.sessionsOpened();
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long t = System.nanoTime();
            d.open(openOnly(step("true")));
            micros.add((System.nanoTime() - t) / 1000);
        }
        assertThat(server.sessionsOpened() - before).isEqualTo(1);
        long first = micros.get(0);
        Collections.sort(micros);
        System.out.printf("ssh-exec warm session, one step (sh -c true), 40 runs: first (login)=%.2f ms p50=%.2f ms "
                + "max=%.2f ms%n", first / 1000.0, micros.get(20) / 1000.0, micros.get(39) / 1000.0);
    }

    @Test
    void aDroppedConnectionIsReplacedByOneNewLogin() throws Exception {
        SshExecDriver d = driver();
        d.open(openOnly(step("true")));
        int before = server.sessionsOpened();
        server.disconnectAll();
        assertThat(d.open(openOnly(step("echo", "after drop"))).get(0).output()).isEqualTo("after drop\n");
        assertThat(server.sessionsOpened()).isEqualTo(before + 1);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.activeSessions() != 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.activeSessions()).isEqualTo(1);
    }

    @Test
    void concurrentStepsShareTheSessionWithinTheChannelLimit() throws Exception {
        SshExecDriver d = driver(device(server).maxChannels(3).build());
        d.open(openOnly(step("true")));
        int before = server.sessionsOpened();
        ExecutorService threads = Executors.newFixedThreadPool(12);
        try {
            List<Future<List<StepResult>>> done = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                done.add(threads.submit(() -> d.open(openOnly(step("sleep", "0.2")))));
            }
            for (Future<List<StepResult>> f : done) {
                assertThat(f.get().get(0).succeeded()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(server.sessionsOpened()).isEqualTo(before);
        assertThat(server.maxConcurrentCommands()).isBetween(2, 3);
    }

    @Test
    void outputIsCapturedFromBothStreamsAndBounded() throws Exception {
        SshExecDriver d = driver(device(server).maxOutputBytes(1000).build());
        String both = d.open(openOnly(step("sh", "-c", "echo out; echo err >&2"))).get(0).output();
        assertThat(both).contains("out\n", "err\n");
        String big = d.open(openOnly(step("sh", "-c", "yes x | head -c 100000"))).get(0).output();
        assertThat(big).startsWith("x\nx\n").contains("[output truncated at 1000 bytes]");
        assertThat(big.length()).isLessThan(1100);
    }

    @Test
    void anUnknownHostKeyIsRefusedBeforeAnyCommandRuns() {
        int commands = server.commands().size();
        SshExecDevice wrong = device(server)
                .hostKeys(HostKeyPolicy.pinned("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).build();
        assertThatThrownBy(() -> driver(wrong).open(openOnly(step("true"))))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    assertThat(e.getMessage()).contains("host key of 127.0.0.1:" + server.port() + " refused",
                            "presented " + server.hostKeyFingerprint());
                    assertThat(e.results().get(0).exitCode()).isEqualTo(-1);
                });
        assertThat(server.commands()).hasSize(commands);
    }

    @Test
    void aRefusedLoginNamesUserAndMethodButNeverThePassword() {
        SshExecDevice wrong = device(server).credentials(SshCredentials.password(Secret.of("pw-wrong-guess"))).build();
        assertThatThrownBy(() -> driver(wrong).open(openOnly(step("true"))))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.getMessage())
                        .contains("login to 127.0.0.1:" + server.port() + " as ops failed (password)")
                        .doesNotContain("pw-wrong-guess"));
    }

    @Test
    void aRefusedConnectionFailsFast() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        SshExecDevice nowhere = device(server).address("127.0.0.1", closed).build();
        assertThatThrownBy(() -> driver(nowhere).open(openOnly(step("true"))))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    assertThat(e.getMessage()).contains("cannot connect to 127.0.0.1:" + closed);
                    assertThat(e.results().get(0).timedOut()).isFalse();
                });
    }

    @Test
    void aKeyFileLogsIn() throws Exception {
        Path key = server.writeClientKey(dir.resolve("id_ecdsa"));
        SshExecDevice byKey = device(server).credentials(SshCredentials.keyFile(key, null)).build();
        assertThat(driver(byKey).open(openOnly(step("echo", "by key"))).get(0).output()).isEqualTo("by key\n");
    }

    @Test
    void sudoPrefixesEveryCommandNonInteractively() {
        SshExecDriver d = driver(device(server).sudo(true).build());
        assertThat(d.commandLine(step("ipset", "list", "spa_allow"))).isEqualTo(
                "'sudo' '-n' '--' 'ipset' 'list' 'spa_allow'");
        try {
            d.open(openOnly(step("true")));
        } catch (DeviceException e) {
            assertThat(e.results().get(0).argv()).containsExactly("sudo", "-n", "--", "true");
        }
        assertThat(server.commands().get(server.commands().size() - 1)).isEqualTo("'sudo' '-n' '--' 'true'");
    }

    @Test
    void closeRunsEveryStepAndReportsTheFirstFailure() {
        Step bad = step("sh", "-c", "echo gone >&2; exit 2");
        var grant = new io.postern.device.GrantContext("[198.18.0.7] (stanza #1)",
                io.postern.device.CommandSequence.empty(),
                io.postern.device.CommandSequence.of(List.of(bad, step("echo", "second ran"))));
        assertThatThrownBy(() -> driver().close(grant)).isInstanceOfSatisfying(DeviceException.class, e -> {
            assertThat(e.getMessage()).contains("close step 1/2 failed", "gone");
            assertThat(e.results()).hasSize(2);
            assertThat(e.results().get(1).output()).isEqualTo("second ran\n");
        });
    }
}
