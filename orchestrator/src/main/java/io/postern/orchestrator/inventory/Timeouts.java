package io.postern.orchestrator.inventory;

import io.postern.device.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * A device's time limits, from {@code connect_timeout}, {@code command_timeout} and {@code device_timeout}.
 *
 * @param connect time to connect and log in
 * @param command time for one command (one step) to answer
 * @param device  time for a whole open or close on this device during a rollout
 */
public record Timeouts(Duration connect, Duration command, Duration device) {

    /** Used for every limit the inventory leaves out. */
    public static final Timeouts DEFAULTS =
            new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(2));

    public Timeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(device, "device");
    }

    @Override
    public String toString() {
        return "connect " + Durations.format(connect) + ", command " + Durations.format(command) + ", device "
                + Durations.format(device);
    }
}
