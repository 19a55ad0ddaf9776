package io.postern.orchestrator.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postern.spa.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret references: read at use time from an injected environment or a file, never printed. */
class SecretRefTest {

    private static final Origin AT = new Origin(Path.of("/etc/postern/inventory.yaml"), 7);

    @TempDir
    Path dir;

    @Test
    void resolvesFromTheInjectedEnvironment() throws Exception {
        SecretRef ref = SecretRef.env("password_env", "ROUTER_PW", AT, Map.of("ROUTER_PW", "env-s3cret")::get);
        assertThat(ref.resolve()).isEqualTo("env-s3cret");
        assertThat(ref.toString()).isEqualTo("password_env: ROUTER_PW");
        assertThat(ref.purpose()).isEqualTo("password");
    }

    @Test
    void aMissingOrEmptyVariableIsAnErrorNamingTheReference() {
        SecretRef unset = SecretRef.env("token_env", "API_TOKEN", AT, Map.<String, String>of()::get);
        assertThatThrownBy(unset::resolve).isInstanceOf(ConfigException.class).hasMessage(
                "/etc/postern/inventory.yaml:7: token_env: 'API_TOKEN' (expected: environment variable API_TOKEN "
                        + "set and non-empty when Postern uses it)");
        SecretRef empty = SecretRef.env("token_env", "API_TOKEN", AT, Map.of("API_TOKEN", "")::get);
        assertThatThrownBy(empty::resolve).isInstanceOf(ConfigException.class);
    }

    @Test
    void aFileLosesExactlyOneTrailingNewline() throws Exception {
        assertThat(fileRef("a", "file-s3cret\n").resolve()).isEqualTo("file-s3cret");
        assertThat(fileRef("b", "file-s3cret\r\n").resolve()).isEqualTo("file-s3cret");
        assertThat(fileRef("c", "file-s3cret\n\n").resolve()).isEqualTo("file-s3cret\n");
        assertThat(fileRef("d", " spaced ").resolve()).isEqualTo(" spaced ");
    }

    @Test
    void aMissingOrEmptyFileIsAnErrorWithoutTheValue() throws Exception {
        SecretRef missing = SecretRef.file("password_file", dir.resolve("nope"), AT);
        assertThatThrownBy(missing::resolve).isInstanceOf(ConfigException.class)
                .hasMessageContaining(":7: password_file: '" + dir.resolve("nope") + "' (expected: a readable file "
                        + "(NoSuchFileException))");
        assertThatThrownBy(fileRef("e", "\n")::resolve).hasMessageContaining("(expected: a non-empty file)");
    }

    @Test
    void aWorldReadableSecretFileIsALoadWarning() throws Exception {
        Path secret = Files.writeString(dir.resolve("pw"), "file-s3cret\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        Path key = Files.writeString(dir.resolve("key"), "-----BEGIN OPENSSH PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path yaml = Files.writeString(dir.resolve("inv.yaml"), """
                all:
                  hosts:
                    r1:
                      driver: ssh-exec
                      template: ipset
                      user: ops
                      password_file: pw
                      key_file: key
                      host_key: "SHA256:%s"
                """.formatted("A".repeat(43)));
        Inventory inv = Fixtures.loader().read(yaml);
        assertThat(inv.warnings()).hasSize(1);
        assertThat(inv.warnings().get(0).toString()).isEqualTo(yaml + ":7: password_file: " + secret
                + " is world-readable (rw-r--r--); chmod 600 it");
        assertThat(inv.device("r1").orElseThrow().credentials().password().resolve()).isEqualTo("file-s3cret");
    }

    @Test
    void secretsUnavailableAtLoadAreWarningsNotErrors() throws Exception {
        Path yaml = Files.writeString(dir.resolve("inv.yaml"), """
                all:
                  hosts:
                    api:
                      driver: http
                      template: http-aws-sg
                      base_url: https://api.example.net/v1
                      token_env: API_TOKEN
                """);
        Inventory inv = Fixtures.loader().read(yaml);
        assertThat(inv.warnings()).singleElement().satisfies(w -> assertThat(w.toString()).isEqualTo(yaml
                + ":7: token_env: API_TOKEN: environment variable API_TOKEN is not set (opening on api will fail "
                + "until it is)"));
        Inventory withEnv = Fixtures.loader(Map.of("API_TOKEN", "t0ken")).read(yaml);
        assertThat(withEnv.warnings()).isEmpty();
        assertThat(withEnv.device("api").orElseThrow().credentials().token().resolve()).isEqualTo("t0ken");
    }

    private SecretRef fileRef(String name, String content) throws Exception {
        Path f = Files.writeString(dir.resolve(name), content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return SecretRef.file("password_file", f, AT);
    }
}
