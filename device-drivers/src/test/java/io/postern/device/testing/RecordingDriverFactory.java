package io.postern.device.testing;

import io.postern.device.DeviceDriver;
import io.postern.device.DeviceSpec;
import io.postern.device.DriverFactory;

/** The {@code recording} driver, registered through ServiceLoader in the test resources. */
public final class RecordingDriverFactory implements DriverFactory {

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public DeviceDriver create(DeviceSpec spec) {
        return new RecordingDriver(spec.name());
    }
}
