package io.postern.device.exec;

import io.postern.device.DeviceDriver;
import io.postern.device.DeviceSpec;
import io.postern.device.DriverFactory;
import io.postern.spa.config.ConfigException;

/** Factory of {@link LocalExecDriver}, the built-in {@code local-exec}. Stateless. */
public final class LocalExecDriverFactory implements DriverFactory {

    @Override
    public String name() {
        return "local-exec";
    }

    @Override
    public DeviceDriver create(DeviceSpec spec) throws ConfigException {
        return LocalExecDriver.fromSpec(spec);
    }
}
