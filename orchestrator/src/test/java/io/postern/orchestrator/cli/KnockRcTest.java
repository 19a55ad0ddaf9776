package io.postern.orchestrator.cli;

import static io.postern.orchestrator.cli.CliRunner.HMAC_B64;
import static io.postern.orchestrator.cli.CliRunner.KEY_B64;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code knock} takes {@code [default]}, then the {@code -n} stanza, then the command line. */
class KnockRcTest {

    @TempDir
    Path tmp;

    private final CliRunner cli = new CliRunner();
    private Path rc;

    @BeforeEach
    void writeRc() throws Exception {
        rc = tmp.resolve(".fwknoprc");
        Files.writeString(rc, "[default]\n"
                + "ACCESS              tcp/22\n"
                + "ALLOW_IP            198.51.100.1\n"
                + "SPOOF_USER          fromdefault\n"
                + "DIGEST_TYPE         sha512\n"
                + "KEY_BASE64          " + KEY_B64 + "\n"
                + "HMAC_KEY_BASE64     " + HMAC_B64 + "\n"
                + "\n[gw]\n"
                + "ACCESS              tcp/2222\n"
                + "FW_TIMEOUT          30\n"
                + "SPA_SERVER          127.0.0.1\n"
                + "\n[Broken]\n"
                + "NOT_A_VARIABLE      1\n");
    }

    @Test
    void defaultStanzaAlone() {
        CliRunner.Result res = cli.run("knock", "--rc-file", rc.toString(), "-T");
        assertThat(res.exit()).as(res.err()).isZero();
        assertThat(CliRunner.field(res.out(), "Message String")).isEqualTo("198.51.100.1,tcp/22");
        assertThat(CliRunner.field(res.out(), "Username")).isEqualTo("fromdefault");
        assertThat(CliRunner.field(res.out(), "Digest Type")).isEqualTo("5 (SHA512)");
        assertThat(CliRunner.field(res.out(), "HMAC Type")).isEqualTo("3 (SHA256)");
    }

    @Test
    void namedStanzaOverridesDefaultCaseInsensitively() {
        CliRunner.Result res = cli.run("knock", "--rc-file", rc.toString(), "-n", "GW", "-T");
        assertThat(res.exit()).as(res.err()).isZero();
        assertThat(CliRunner.field(res.out(), "Message String")).isEqualTo("198.51.100.1,tcp/2222");
        assertThat(CliRunner.field(res.out(), "Client Timeout")).isEqualTo("30");
    }

    @Test
    void commandLineOverridesBoth() {
        CliRunner.Result res = cli.run("knock", "--rc-file", rc.toString(), "-n", "gw", "-T", "-A", "udp/53", "-f",
                "0", "-U", "cli", "-m", "sha256");
        assertThat(res.exit()).as(res.err()).isZero();
        assertThat(CliRunner.field(res.out(), "Message String")).isEqualTo("198.51.100.1,udp/53");
        assertThat(CliRunner.field(res.out(), "Client Timeout")).isEqualTo("0");
        assertThat(CliRunner.field(res.out(), "Username")).isEqualTo("cli");
        assertThat(CliRunner.field(res.out(), "Digest Type")).isEqualTo("3 (SHA256)");
    }

    @Test
    void homeFwknoprcIsReadByDefault() throws Exception {
        cli.env.put("HOME", tmp.toString());
        CliRunner.Result res = cli.run("knock", "-T");
        assertThat(res.exit()).as(res.err()).isZero();
        assertThat(CliRunner.field(res.out(), "Message String")).isEqualTo("198.51.100.1,tcp/22");
        assertThat(cli.run("knock", "-T", "--no-rc-file").exit()).isEqualTo(2);
    }

    @Test
    void unknownNamedStanzaIsExit2() {
        CliRunner.Result res = cli.run("knock", "--rc-file", rc.toString(), "-n", "nope", "-T");
        assertThat(res.exit()).isEqualTo(2);
        assertThat(res.err()).isEqualTo("postern: " + rc + ": named stanza [nope] was not found" + System.lineSeparator());
    }

    @Test
    void badLineInNamedStanzaIsExit2WithFileAndLine() {
        CliRunner.Result res = cli.run("knock", "--rc-file", rc.toString(), "-n", "broken", "-T");
        assertThat(res.exit()).isEqualTo(2);
        assertThat(res.err()).startsWith("postern: " + rc + ":15: unknown variable 'NOT_A_VARIABLE'");
    }

    @Test
    void rcErrorsNeverShowKeys() throws Exception {
        Files.writeString(rc, "[default]\nKEY_BASE64 not-base64-s3cr3t\n");
        CliRunner.Result res = cli.run("knock", "--rc-file", rc.toString(), "-T");
        assertThat(res.exit()).isEqualTo(2);
        assertThat(res.err()).contains(":2: KEY_BASE64").doesNotContain("s3cr3t");
    }

    @Test
    void namedConfigWithNoRcFileIsUsageError() {
        assertThat(cli.run("knock", "--no-rc-file", "-n", "gw", "-T").exit()).isEqualTo(2);
    }
}
