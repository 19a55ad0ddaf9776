package io.postern.device.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postern.device.BuiltinDrivers;
import io.postern.device.DeviceSpec;
import io.postern.spa.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inventory settings of {@code ssh-exec}: shared SSH settings, its own ones, and the built-in registration. */
class SshExecDriverFactoryTest {

    private static final String PIN = "SHA256:" + "A".repeat(43);

    @TempDir
    Path dir;

    private Map<String, String> base() {
        Map<String, String> s = new HashMap<>();
        s.put("address", "198.18.0.2");
        s.put("user", "root");
        s.put("key_file", dir.resolve("id_ed25519").toString());
        s.put("host_key", PIN);
        return s;
    }

    private static DeviceSpec spec(Map<String, String> settings) {
        return new DeviceSpec("lab-fw", "ssh-exec", settings);
    }

    @Test
    void isABuiltinDriverNamedSshExec() throws Exception {
        assertThat(BuiltinDrivers.fromFactoryName("ssh-exec")).isEqualTo(BuiltinDrivers.SSH_EXEC);
        assertThat(BuiltinDrivers.resolve("ssh-exec")).isInstanceOf(SshExecDriverFactory.class);
        assertThat(BuiltinDrivers.knownNames()).contains("ssh-exec");
        assertThat(BuiltinDrivers.resolve("ssh-exec").create(spec(base())).deviceName()).isEqualTo("lab-fw");
    }

    @Test
    void defaultsAndOwnSettings() throws Exception {
        SshExecDevice d = SshExecDriverFactory.device(spec(base()));
        assertThat(d.port()).isEqualTo(22);
        assertThat(d.sudo()).isFalse();
        assertThat(d.maxOutputBytes()).isEqualTo(65536);
        assertThat(d.maxChannels()).isEqualTo(4);
        assertThat(d.hostKeys()).isEqualTo(HostKeyPolicy.pinned(PIN));
        assertThat(d.credentials()).isEqualTo(SshCredentials.keyFile(dir.resolve("id_ed25519"), null));

        Map<String, String> s = base();
        s.put("port", "2022");
        s.put("sudo", "true");
        s.put("max_output_bytes", "1024");
        s.put("max_channels", "2");
        s.put("connect_timeout", "3s");
        s.put("login_timeout", "500ms");
        d = SshExecDriverFactory.device(spec(s));
        assertThat(d.port()).isEqualTo(2022);
        assertThat(d.sudo()).isTrue();
        assertThat(d.maxOutputBytes()).isEqualTo(1024);
        assertThat(d.maxChannels()).isEqualTo(2);
        assertThat(d.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(d.loginTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void passwordFromAFileIsMaskedInTheDevice() throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), "pw-from-file\n");
        Map<String, String> s = base();
        s.remove("key_file");
        s.put("password_file", pw.toString());
        SshExecDevice d = SshExecDriverFactory.device(spec(s));
        assertThat(d.credentials()).isEqualTo(SshCredentials.password(Secret.of("pw-from-file")));
        assertThat(d.toString()).doesNotContain("pw-from-file").contains("<masked>");
    }

    @Test
    void badSettingsNameTheSetting() {
        for (String[] kv : new String[][] {{"sudo", "maybe"}, {"max_channels", "0"}, {"max_output_bytes", "x"},
                {"port", "70000"}, {"host_key", "SHA256:short"}, {"connect_timeout", "soon"}}) {
            Map<String, String> s = base();
            s.put(kv[0], kv[1]);
            assertThatThrownBy(() -> SshExecDriverFactory.device(spec(s))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining(kv[0]);
        }
        for (String missing : new String[] {"address", "user", "host_key", "key_file"}) {
            Map<String, String> s = base();
            s.remove(missing);
            assertThatThrownBy(() -> SshExecDriverFactory.device(spec(s))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining(missing.equals("key_file") ? "no credentials" : missing);
        }
    }
}
