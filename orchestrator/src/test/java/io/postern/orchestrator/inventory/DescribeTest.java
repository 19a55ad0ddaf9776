package io.postern.orchestrator.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Inventory#describe()}: the effective configuration, every secret masked. */
class DescribeTest {

    private static final String PASSWORD = "pw-Zq81-never-printed";
    private static final String ENABLE = "en-Xk22-never-printed";
    private static final String TOKEN = "tk-Wm93-never-printed";

    @TempDir
    Path dir;

    @Test
    void showsEffectiveSettingsAndMasksEverySecret() throws Exception {
        Path pw = Files.writeString(dir.resolve("router.pw"), PASSWORD + "\n");
        Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
        Path yaml = Files.writeString(dir.resolve("inv.yaml"), """
                all:
                  vars:
                    connect_timeout: PT5S
                  children:
                    routers:
                      rollout: all-or-nothing
                      concurrency: 3
                      vars:
                        driver: ssh-cli
                        template: cisco-ios
                        acl_name: POSTERN
                      hosts:
                        r1:
                          address: 192.0.2.1
                          user: ops
                          password_file: router.pw
                          enable_secret_env: R1_ENABLE
                          host_key: insecure-accept-any
                    cloud:
                      hosts:
                        sg:
                          driver: http
                          template: http-aws-sg
                          base_url: https://api.example.net
                          token_env: SG_TOKEN
                """);
        Inventory inv = Fixtures.loader(Map.of("R1_ENABLE", ENABLE, "SG_TOKEN", TOKEN)).read(yaml);
        // the secrets do resolve ...
        assertThat(inv.device("r1").orElseThrow().credentials().password().resolve()).isEqualTo(PASSWORD);
        assertThat(inv.device("sg").orElseThrow().credentials().token().resolve()).isEqualTo(TOKEN);

        String text = inv.describe();
        // ... yet never appear in the dump, nor in toString or the driver spec
        for (String secret : new String[] {PASSWORD, ENABLE, TOKEN}) {
            assertThat(text).doesNotContain(secret);
            assertThat(inv.devices().toString()).doesNotContain(secret);
            assertThat(inv.devices().stream().map(d -> d.toSpec().toString()).toList().toString())
                    .doesNotContain(secret);
        }
        assertThat(text).contains(
                "device r1  # " + yaml + ":13\n",
                "  groups: all, routers\n",
                "  driver: ssh-cli\n",
                "  address: 192.0.2.1\n",
                "  port: 22\n",
                "  password: <masked> (password_file: " + pw + ")\n",
                "  enable_secret: <masked> (enable_secret_env: R1_ENABLE)\n",
                "  host_key: insecure-accept-any\n",
                "  timeouts: connect 5s, command 30s, device 2m\n",
                "  vars.acl_name: POSTERN\n",
                "  token: <masked> (token_env: SG_TOKEN)\n",
                "group routers  # " + yaml + ":5\n  rollout: all-or-nothing, concurrency 3\n");
        assertThat(inv.warnings()).singleElement().satisfies(w -> assertThat(w.toString())
                .isEqualTo(yaml + ":18: host_key insecure-accept-any: any SSH host key is accepted (labs only) for r1"));
    }
}
