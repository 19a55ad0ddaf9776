package io.postern.device.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.postern.device.sim.SimulatedCiscoIos;

/**
 * Passwords and enable secrets never reach a log line (DEBUG included, MINA's too), an exception message or a
 * result, through success, a device error, a refused login and a refused enable.
 */
class SecretsNotLoggedTest {

    private static SimulatedCiscoIos sim;

    @BeforeAll
    static void start() {
        sim = SimulatedDevices.startRouter();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void secretsAreNeverLoggedNorReported() throws Exception {
        String wrongPassword = "pw-Wr0ng-guess!";
        String wrongEnable = "en-Wr0ng-guess#";
        List<String> reported = new ArrayList<>();
        List<String> logged;
        try (LogCapture logs = new LogCapture(); SshSessionPool pool = new SshSessionPool()) {
            SshDevice device = SimulatedDevices.device(sim).build();
            assertThat(device.toString()).contains("<masked>").doesNotContain(SimulatedDevices.PASSWORD);
            for (CommandResult r : pool.run(device, List.of("configure terminal", "ip access-list extended P",
                    "permit tcp host 198.18.0.2 any eq 22", "end", "show running-config"), SimulatedDevices.STEP)) {
                reported.add(r.toString());
            }
            SshCliException deviceError = org.junit.jupiter.api.Assertions.assertThrows(SshCliException.class,
                    () -> pool.run(device, List.of("configure terminal", "enable secret " + SimulatedDevices.ENABLE),
                            SimulatedDevices.STEP));
            reported.add(deviceError.getMessage() + deviceError.deviceOutput());
            reported.add(String.valueOf(deviceError.command()));
            for (SshDevice bad : List.of(SimulatedDevices.device(sim).password(Secret.of(wrongPassword)).build(),
                    SimulatedDevices.device(sim).enableSecret(Secret.of(wrongEnable)).build())) {
                assertThatThrownBy(() -> pool.run(bad, List.of("show access-lists"), SimulatedDevices.STEP))
                        .isInstanceOfSatisfying(SshCliException.class, e -> reported.add(e.getMessage()));
            }
            logged = logs.lines();
        }
        assertThat(logged).isNotEmpty().anySatisfy(l -> assertThat(l).startsWith("DEBUG"));
        assertThat(reported).anySatisfy(l -> assertThat(l).contains("enable secret <masked>"));
        for (String secret : List.of(SimulatedDevices.PASSWORD, SimulatedDevices.ENABLE, wrongPassword, wrongEnable)) {
            assertThat(logged).noneSatisfy(l -> assertThat(l).contains(secret));
            assertThat(reported).noneSatisfy(l -> assertThat(l).contains(secret));
        }
    }
}
