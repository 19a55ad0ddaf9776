package io.postern.device.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import io.postern.device.sim.SimulatedCiscoIos;

/** Test fixtures: simulated routers on port 0 and device settings that point at them. */
public final class SimulatedDevices {

    public static final String USER = "netops";
    public static final String PASSWORD = "pw-Sup3r-s3cret!";
    public static final String ENABLE = "en-T0p-s3cret#";
    public static final Duration STEP = Duration.ofSeconds(5);

    private SimulatedDevices() {
    }

    /** A started router {@code R1} with {@link #USER}/{@link #PASSWORD} and enable secret {@link #ENABLE}. */
    public static SimulatedCiscoIos startRouter() {
        try {
            return SimulatedCiscoIos.builder().hostname("R1").username(USER).password(PASSWORD.toCharArray())
                    .enableSecret(ENABLE.toCharArray()).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings for the router, host key pinned to its fingerprint. */
    public static SshDevice.Builder device(SimulatedCiscoIos sim) {
        return SshDevice.builder("edge-" + sim.port()).address(sim.host(), sim.port()).username(USER)
                .password(Secret.of(PASSWORD)).enableSecret(Secret.of(ENABLE))
                .hostKeys(HostKeyPolicy.pinned(sim.hostKeyFingerprint())).profile(CliProfile.CISCO_IOS)
                .connectTimeout(Duration.ofSeconds(5)).loginTimeout(Duration.ofSeconds(5));
    }
}
