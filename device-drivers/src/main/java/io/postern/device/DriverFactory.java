package io.postern.device;

import io.postern.spa.config.ConfigException;

/**
 * Creates the driver for one device. Built-ins are the {@link BuiltinDrivers} constants; other
 * implementations are found with {@link java.util.ServiceLoader} when listed in
 * {@code META-INF/services/io.postern.device.DriverFactory} and need a public no-argument constructor.
 * Factories are stateless and thread-safe.
 */
public interface DriverFactory {

    /** The lower-case name an inventory's {@code driver:} key uses, e.g. {@code local-exec}. */
    String name();

    /** Whether the driver can work on this machine (e.g. a needed library is present). */
    default boolean isSupported() {
        return true;
    }

    /**
     * @throws ConfigException when a setting is missing or invalid, naming the setting and the expectation
     */
    DeviceDriver create(DeviceSpec spec) throws ConfigException;
}
