package io.postern.device.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.postern.device.CommandSequence;
import io.postern.device.DeviceException;
import io.postern.device.GrantContext;
import io.postern.device.Step;
import io.postern.device.StepResult;
import io.postern.device.sim.SimulatedCiscoIos;

/** The DeviceDriver adapter over the pool, against the simulated router. */
class SshCliDriverTest {

    private static final String ENTRY = "permit tcp host 198.18.0.2 any eq 22";

    private static SimulatedCiscoIos sim;
    private static SshSessionPool pool;
    private static SshCliDriver driver;

    @BeforeAll
    static void start() {
        sim = SimulatedDevices.startRouter();
        pool = new SshSessionPool();
        driver = new SshCliDriver(SimulatedDevices.device(sim).build(), pool);
    }

    @AfterAll
    static void stop() {
        driver.shutdown();
        pool.close();
        sim.close();
    }

    @AfterEach
    void clean() {
        sim.faults().reset();
        sim.clearConfig();
    }

    private static CommandSequence seq(Duration limit, String... lines) {
        return CommandSequence.of(java.util.Arrays.stream(lines).map(l -> Step.of(List.of(l), limit)).toList());
    }

    private static GrantContext grant(String... openExtra) {
        String[] open = new String[3 + openExtra.length + 1];
        open[0] = "configure terminal";
        open[1] = "ip access-list extended POSTERN";
        open[2] = "10 " + ENTRY;
        System.arraycopy(openExtra, 0, open, 3, openExtra.length);
        open[open.length - 1] = "end";
        return new GrantContext("[198.18.0.2] (stanza #1)", seq(Duration.ofSeconds(5), open),
                seq(Duration.ofSeconds(5), "configure terminal", "ip access-list extended POSTERN", "no 10", "end"));
    }

    @Test
    void openThenCloseLeavesTheDeviceAsBeforeAndCloseIsIdempotent() throws Exception {
        List<StepResult> opened = driver.open(grant());
        assertThat(opened).hasSize(4).allSatisfy(r -> assertThat(r.succeeded()).isTrue());
        assertThat(sim.accessList("POSTERN")).containsExactly("10 " + ENTRY);
        driver.close(grant());
        assertThat(sim.accessList("POSTERN")).isEmpty();
        assertThat(driver.close(grant())).allSatisfy(r -> assertThat(r.succeeded()).isTrue());
    }

    @Test
    void failedOpenIsUndoneAndReportsTheDevicesWords() {
        assertThatThrownBy(() -> driver.open(grant("bogus line"))).isInstanceOfSatisfying(DeviceException.class,
                e -> {
                    assertThat(e.getMessage()).contains("device=" + driver.deviceName(), "DEVICE_ERROR",
                            "% Invalid input detected at '^' marker.");
                    assertThat(e.results()).hasSize(4);
                    StepResult last = e.results().get(3);
                    assertThat(last.succeeded()).isFalse();
                    assertThat(last.exitCode()).isEqualTo(1);
                    assertThat(last.argv()).containsExactly("bogus line");
                    assertThat(e.output()).contains("% Invalid input");
                });
        assertThat(sim.accessList("POSTERN")).as("undone by the close sequence").isEmpty();
    }

    @Test
    void hungDeviceIsATimedOutStep() throws Exception {
        driver.provision("[warm-up]", seq(Duration.ofSeconds(5), "show access-lists"));
        sim.faults().hangAfter(0);
        GrantContext g = new GrantContext("[198.18.0.2] (stanza #1)",
                seq(Duration.ofMillis(400), "configure terminal", "end"), CommandSequence.empty());
        assertThatThrownBy(() -> driver.open(g)).isInstanceOfSatisfying(DeviceException.class, e -> {
            StepResult last = e.results().get(e.results().size() - 1);
            assertThat(last.timedOut()).isTrue();
            assertThat(last.succeeded()).isFalse();
        });
    }

    @Test
    void sequenceSecretsAreMaskedInResults() throws Exception {
        CommandSequence withSecret = new CommandSequence(
                List.of(Step.of(List.of("show", "access-lists", "TOKEN-42"), Duration.ofSeconds(5))), Set.of("TOKEN-42"));
        List<StepResult> r = driver.provision("[provision]", withSecret);
        assertThat(r.get(0).argv()).containsExactly("show", "access-lists", "<masked>");
    }
}
