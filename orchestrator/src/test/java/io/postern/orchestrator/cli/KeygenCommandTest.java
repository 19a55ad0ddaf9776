package io.postern.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code keygen} and {@code knock -k} print fwknop's two lines with the right key lengths. */
class KeygenCommandTest {

    private final CliRunner cli = new CliRunner();

    @ParameterizedTest
    @CsvSource({"sha256, 64", "md5, 16", "sha1, 20", "sha384, 128", "sha512, 128", "sha3_256, 64", "sha3_512, 128"})
    void hmacKeyLengthFollowsType(String type, int hmacLen) {
        CliRunner.Result res = cli.run("keygen", "--hmac-digest-type", type);
        assertThat(res.exit()).isZero();
        assertKeys(res.out(), 32, hmacLen);
    }

    @Test
    void defaultOutputIsExactlyFwknops() {
        CliRunner.Result res = cli.run("keygen");
        assertThat(res.out()).matches("KEY_BASE64: [A-Za-z0-9+/]{43}=\nHMAC_KEY_BASE64: [A-Za-z0-9+/]{86}==\n");
        assertThat(res.err()).isEmpty();
    }

    @Test
    void knockKeyGenIsTheSame() {
        CliRunner.Result res = cli.run("knock", "--no-rc-file", "-k", "--hmac-digest-type", "sha1");
        assertThat(res.exit()).isZero();
        assertKeys(res.out(), 32, 20);
    }

    @Test
    void lengthsCanBeOverridden() {
        assertKeys(cli.run("keygen", "--key-len", "16", "--hmac-key-len", "10").out(), 16, 10);
        assertThat(cli.run("keygen", "--key-len", "0").exit()).isEqualTo(2);
        assertThat(cli.run("keygen", "--hmac-key-len", "129").exit()).isEqualTo(2);
    }

    @Test
    void keyFileIsPrivate(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("keys");
        Files.writeString(f, "old");
        CliRunner.Result res = cli.run("keygen", "-K", f.toString());
        assertThat(res.exit()).isZero();
        assertThat(res.out()).isEqualTo("[+] Wrote Rijndael and HMAC keys to: " + f + System.lineSeparator());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        assertKeys(Files.readString(f), 32, 64);
        // the file feeds knock directly
        CliRunner.Result knock = cli.run("knock", "--no-rc-file", "-T", "-A", "tcp/22", "-s", "--key-file", f.toString());
        assertThat(knock.exit()).as(knock.err()).isZero();
        assertThat(CliRunner.field(knock.out(), "HMAC Type")).isEqualTo("3 (SHA256)");
    }

    private static void assertKeys(String text, int keyLen, int hmacLen) {
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("KEY_BASE64: ");
        assertThat(lines.get(1)).startsWith("HMAC_KEY_BASE64: ");
        String k = lines.get(0).substring("KEY_BASE64: ".length());
        String h = lines.get(1).substring("HMAC_KEY_BASE64: ".length());
        assertThat(k.length() % 4).as("padded").isZero();
        assertThat(h.length() % 4).as("padded").isZero();
        assertThat(Base64.getDecoder().decode(k)).hasSize(keyLen);
        assertThat(Base64.getDecoder().decode(h)).hasSize(hmacLen);
    }
}
