package io.postern.device.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.postern.device.CommandSequence;
import io.postern.device.DeviceException;
import io.postern.device.GrantContext;
import io.postern.device.Step;
import io.postern.device.sim.SimulatedCiscoIos;
import io.postern.device.ssh.SshCliException.Kind;

/**
 * The ssh-cli login has one time limit ({@code login_timeout}) for all its stages, a failed login names its stage
 * and the time it took, and an open whose login failed is not undone (nothing reached the device, so no second
 * login is spent on an undo). A session that breaks in the middle of an open is still undone.
 */
class SshLoginDeadlineTest {

    private static final Duration LOGIN = Duration.ofSeconds(2);
    /** Scheduling and SSH set-up on a loaded 2-core machine. */
    private static final Duration SLACK = Duration.ofMillis(1500);
    private static final String ENTRY = "permit tcp host 198.18.0.9 any eq 22";

    private static SimulatedCiscoIos sim;
    private SshCliConnector connector;
    private SshSessionPool pool;

    @BeforeAll
    static void startRouter() {
        sim = SimulatedDevices.startRouter();
    }

    @AfterAll
    static void stopRouter() {
        sim.close();
    }

    /** A new client and pool per test, so that no session of an earlier test is reused. */
    @BeforeEach
    void newClient() {
        connector = new SshCliConnector();
        pool = new SshSessionPool(connector, true);
    }

    @AfterEach
    void clean() {
        pool.close();
        sim.faults().reset();
        sim.clearConfig();
    }

    private static SshDevice device() {
        return SimulatedDevices.device(sim).loginTimeout(LOGIN).build();
    }

    private static CommandSequence seq(String... lines) {
        return CommandSequence.of(java.util.Arrays.stream(lines).map(l -> Step.of(List.of(l),
                SimulatedDevices.STEP)).toList());
    }

    private static GrantContext grant() {
        return new GrantContext("[198.18.0.9] (stanza #1)",
                seq("configure terminal", "ip access-list extended POSTERN", "10 " + ENTRY, "end"),
                seq("configure terminal", "ip access-list extended POSTERN", "no 10", "end"));
    }

    @Test
    void aDeviceThatHangsAfterLoginFailsTheOpenWithinTheLoginTimeoutWithoutAnUndo() {
        SshCliDriver driver = new SshCliDriver(device(), pool);
        sim.faults().hangAfter(1); // answers 'terminal length 0', then never answers 'enable'
        int sessions = sim.sessionsOpened();
        long start = System.nanoTime();
        assertThatThrownBy(() -> driver.open(grant())).isInstanceOfSatisfying(DeviceException.class, e -> {
            assertThat(e.getMessage()).contains("device=" + driver.deviceName(), "TIMEOUT",
                    "login to 127.0.0.1:" + sim.port() + " as " + SimulatedDevices.USER,
                    "timed out at stage 'enable'", "login_timeout 2000 ms");
            assertThat(e.results().get(e.results().size() - 1).succeeded()).isFalse();
        });
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isBetween(LOGIN.minusMillis(100), LOGIN.plus(SLACK));
        assertThat(sim.sessionsOpened() - sessions).as("logins: no second one for an undo").isEqualTo(1);
        assertThat(sim.accessList("POSTERN")).isEmpty();
    }

    @Test
    void theLoginStepsShareOneDeadline() {
        // each answer in 900 ms is within 2 s, but pager-off, enable and the secret take 2.7 s together
        sim.faults().delayAnswers(Duration.ofMillis(900));
        long start = System.nanoTime();
        assertThatThrownBy(() -> connector.open(device())).isInstanceOfSatisfying(SshCliException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(e.getMessage()).contains("timed out at stage 'enable", "login_timeout 2000 ms");
            assertThat(e.commandsSent()).isZero();
            assertThat(e.completed()).isEmpty();
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(LOGIN.minusMillis(100), LOGIN.plus(SLACK));
    }

    @Test
    void noFirstPromptTimesOutAtThatStage() {
        sim.faults().overridePrompt("maintenance$ ");
        long start = System.nanoTime();
        assertThatThrownBy(() -> connector.open(device())).isInstanceOfSatisfying(SshCliException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(e.getMessage()).contains("device=" + device().name(), "127.0.0.1:" + sim.port(),
                    "timed out at stage 'first prompt' after ", "last output: maintenance$");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(LOGIN.minusMillis(100), LOGIN.plus(SLACK));
    }

    @Test
    void aRefusedLoginIsReportedAtOnceAndNotUndone() {
        SshCliDriver driver = new SshCliDriver(device(), pool);
        sim.faults().refuseLogin(true);
        int sessions = sim.sessionsOpened();
        long start = System.nanoTime();
        assertThatThrownBy(() -> driver.open(grant())).isInstanceOfSatisfying(DeviceException.class,
                e -> assertThat(e.getMessage()).contains("AUTH", "failed at stage 'authentication'", "password"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LOGIN);
        assertThat(sim.sessionsOpened() - sessions).isEqualTo(1);
    }

    @Test
    void aSessionLostInTheMiddleOfTheOpenIsStillUndone() throws Exception {
        SshCliDriver driver = new SshCliDriver(device(), pool);
        driver.provision("[warm-up]", seq("show access-lists"));
        int sessions = sim.sessionsOpened();
        sim.faults().dropAfter(3); // the entry is added, then the connection drops on 'end'
        assertThatThrownBy(() -> driver.open(grant())).isInstanceOfSatisfying(DeviceException.class,
                e -> assertThat(e.getMessage()).contains("DISCONNECTED"));
        assertThat(sim.sessionsOpened() - sessions).as("one new login, for the undo").isEqualTo(1);
        assertThat(sim.accessList("POSTERN")).as("removed by the undo").isEmpty();
    }
}
