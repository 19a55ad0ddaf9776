package io.postern.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postern.device.exec.LocalExecDriver;
import io.postern.device.testing.RecordingDriver;
import io.postern.spa.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuiltinDriversTest {

    @Test
    void builtinsResolveByLowerCaseNameCaseInsensitively() throws ConfigException {
        assertThat(BuiltinDrivers.LOCAL_EXEC.factoryName()).isEqualTo("local-exec");
        assertThat(BuiltinDrivers.fromFactoryName("LOCAL-EXEC")).isEqualTo(BuiltinDrivers.LOCAL_EXEC);
        DriverFactory f = BuiltinDrivers.resolve("local-exec");
        assertThat(f.name()).isEqualTo("local-exec");
        DeviceDriver d = f.create(new DeviceSpec("fw-1", "local-exec", Map.of("run_as", "nobody")));
        assertThat(d).isInstanceOf(LocalExecDriver.class);
        assertThat(d.deviceName()).isEqualTo("fw-1");
    }

    @Test
    void serviceLoaderFactoriesAreFound() throws ConfigException {
        DeviceDriver d = BuiltinDrivers.resolve("recording").create(new DeviceSpec("sim", "recording", Map.of()));
        assertThat(d).isInstanceOf(RecordingDriver.class);
        assertThat(BuiltinDrivers.knownNames()).contains("local-exec", "ssh-cli", "ssh-exec", "http", "recording").isSorted();
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> BuiltinDrivers.resolve("ssh-telnet"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("driver: 'ssh-telnet' (expected: one of http, local-exec, recording, ssh-cli, ssh-exec)");
    }

    @Test
    void badSettingsAreConfigErrors() {
        assertThatThrownBy(() -> BuiltinDrivers.LOCAL_EXEC.factory()
                .create(new DeviceSpec("fw-1", "local-exec", Map.of("max_output_bytes", "lots"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max_output_bytes");
        assertThatThrownBy(() -> BuiltinDrivers.LOCAL_EXEC.factory()
                .create(new DeviceSpec("fw-1", "local-exec", Map.of("run_as", "root;id"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("run-as user");
    }
}
