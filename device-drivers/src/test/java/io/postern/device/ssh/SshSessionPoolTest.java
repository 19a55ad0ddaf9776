package io.postern.device.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.postern.device.sim.SimulatedCiscoIos;
import io.postern.device.ssh.SshCliException.Kind;

/** One warm session per device: reuse, serialization, keep-alive, and reconnects after breakage. */
class SshSessionPoolTest {

    private static SimulatedCiscoIos sim;
    private static SshDevice device;
    private SshSessionPool pool;

    @BeforeAll
    static void start() {
        sim = SimulatedDevices.startRouter();
        device = SimulatedDevices.device(sim).build();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void newPool() {
        pool = new SshSessionPool(new SshCliConnector(Duration.ofMillis(200)), true);
    }

    @AfterEach
    void closePool() {
        pool.close();
        sim.faults().reset();
        sim.clearConfig();
    }

    private static List<String> open(int host) {
        return List.of("configure terminal", "ip access-list extended POSTERN",
                "permit tcp host 198.18.0." + host + " any eq 22", "end");
    }

    private static List<String> close(int host) {
        return List.of("configure terminal", "ip access-list extended POSTERN",
                "no permit tcp host 198.18.0." + host + " any eq 22", "end");
    }

    @Test
    void fiftySequencesShareOneSessionAndLatencyIsPrinted() throws Exception {
        int sessionsBefore = sim.sessionsOpened();
        pool.run(device, open(1), SimulatedDevices.STEP);
        pool.run(device, close(1), SimulatedDevices.STEP);
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long t = System.nanoTime();
            pool.run(device, i % 2 == 0 ? open(2) : close(2), SimulatedDevices.STEP);
            micros.add((System.nanoTime() - t) / 1000);
        }
        assertThat(sim.sessionsOpened() - sessionsBefore).isEqualTo(1);
        assertThat(sim.accessList("POSTERN")).isEmpty();
        Collections.sort(micros);
        System.out.printf("ssh-cli warm session, 4-command sequence, 50 runs: p50=%.2f ms p99=%.2f ms max=%.2f ms%n",
                micros.get(24) / 1000.0, micros.get(48) / 1000.0, micros.get(49) / 1000.0);
    }

    @Test
    void sequencesForOneDeviceAreSerialized() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int host = 10 + i;
                done.add(threads.submit(() -> pool.run(device, open(host), SimulatedDevices.STEP)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(sim.accessList("POSTERN")).hasSize(40);
        assertThat(sim.activeSessions()).isEqualTo(1);
    }

    @Test
    void idleSessionIsKeptAlive() throws Exception {
        pool.run(device, open(3), SimulatedDevices.STEP);
        int sessions = sim.sessionsOpened();
        Thread.sleep(1500);
        assertThat(pool.isConnected(device.name())).isTrue();
        pool.run(device, close(3), SimulatedDevices.STEP);
        assertThat(sim.sessionsOpened()).isEqualTo(sessions);
    }

    @Test
    void sessionClosedBetweenSequencesIsReplacedTransparently() throws Exception {
        pool.run(device, open(4), SimulatedDevices.STEP);
        int sessions = sim.sessionsOpened();
        sim.disconnectAll();
        waitUntilDisconnected();
        pool.run(device, close(4), SimulatedDevices.STEP);
        assertThat(sim.sessionsOpened()).isEqualTo(sessions + 1);
        assertThat(sim.accessList("POSTERN")).isEmpty();
    }

    @Test
    void droppedConnectionFailsThatCallThenTheNextCallReconnects() throws Exception {
        pool.run(device, open(5), SimulatedDevices.STEP);
        int sessions = sim.sessionsOpened();
        sim.faults().dropAfter(2);
        assertThatThrownBy(() -> pool.run(device, open(6), SimulatedDevices.STEP))
                .isInstanceOfSatisfying(SshCliException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.DISCONNECTED);
                    assertThat(e.commandsSent()).isPositive();
                });
        assertThat(sim.sessionsOpened()).as("no retry once lines were sent").isEqualTo(sessions);
        assertThat(pool.isConnected(device.name())).isFalse();
        pool.run(device, open(6), SimulatedDevices.STEP);
        assertThat(sim.sessionsOpened()).isEqualTo(sessions + 1);
        assertThat(sim.accessList("POSTERN")).hasSize(2);
    }

    @Test
    void hungDeviceTimesOutThenTheNextCallGetsAFreshSession() throws Exception {
        pool.run(device, open(7), SimulatedDevices.STEP);
        int sessions = sim.sessionsOpened();
        sim.faults().hangAfter(1);
        long start = System.nanoTime();
        assertThatThrownBy(() -> pool.run(device, close(7), Duration.ofMillis(500)))
                .isInstanceOfSatisfying(SshCliException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        sim.faults().reset();
        pool.run(device, close(7), SimulatedDevices.STEP);
        assertThat(sim.sessionsOpened()).isEqualTo(sessions + 1);
        assertThat(sim.accessList("POSTERN")).isEmpty();
    }

    @Test
    void deviceErrorKeepsThePooledSession() throws Exception {
        pool.run(device, open(8), SimulatedDevices.STEP);
        int sessions = sim.sessionsOpened();
        assertThatThrownBy(() -> pool.run(device, List.of("configure terminal", "bogus"), SimulatedDevices.STEP))
                .isInstanceOfSatisfying(SshCliException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.DEVICE_ERROR));
        pool.run(device, close(8), SimulatedDevices.STEP);
        assertThat(sim.sessionsOpened()).isEqualTo(sessions);
    }

    @Test
    void changedSettingsForTheSameDeviceLogInAgain() throws Exception {
        pool.run(device, open(11), SimulatedDevices.STEP);
        pool.run(SimulatedDevices.device(sim).build(), close(11), SimulatedDevices.STEP);
        int sessions = sim.sessionsOpened();
        SshDevice wrong = SimulatedDevices.device(sim).password(Secret.of("changed-password")).build();
        assertThatThrownBy(() -> pool.run(wrong, open(11), SimulatedDevices.STEP))
                .isInstanceOfSatisfying(SshCliException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH));
        assertThat(sim.sessionsOpened()).isEqualTo(sessions + 1);
        assertThat(pool.isConnected(device.name())).isFalse();
    }

    @Test
    void closeClosesEverySession() throws Exception {
        pool.run(device, open(9), SimulatedDevices.STEP);
        assertThat(sim.activeSessions()).isEqualTo(1);
        pool.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (sim.activeSessions() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sim.activeSessions()).isZero();
        assertThatThrownBy(() -> pool.run(device, open(9), SimulatedDevices.STEP))
                .isInstanceOf(IllegalStateException.class);
    }

    private void waitUntilDisconnected() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (pool.isConnected(device.name()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(pool.isConnected(device.name())).isFalse();
    }
}
