package io.postern.device;

import java.util.Map;
import java.util.Objects;

/**
 * How the inventory describes one device to its driver: its name, the driver name and the driver's own
 * settings as strings (the driver validates and types them). Secrets do not appear here in clear; the
 * inventory loader resolves references before it builds a spec and masks them when it prints one.
 *
 * @param name     inventory host name, unique
 * @param driver   driver name as in {@link BuiltinDrivers} or a {@link java.util.ServiceLoader} factory
 * @param settings driver settings, e.g. {@code path}, {@code run_as}, {@code command_prefix}
 */
public record DeviceSpec(String name, String driver, Map<String, String> settings) {

    public DeviceSpec {
        SafeText.require("device name", name);
        Objects.requireNonNull(driver, "driver");
        settings = Map.copyOf(settings);
    }

    /** A setting, or {@code fallback} when absent. */
    public String setting(String key, String fallback) {
        return settings.getOrDefault(key, fallback);
    }
}
