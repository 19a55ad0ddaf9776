package io.postern.orchestrator.cli;

import static io.postern.orchestrator.cli.CliRunner.HMAC_B64;
import static io.postern.orchestrator.cli.CliRunner.KEY_B64;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad usage and bad configuration exit 2 with one {@code postern: <reason>} line and no secret in it. */
class ExitCodeTest {

    private static final String SECRET = "s3cr3t-passphrase";

    private final CliRunner cli = new CliRunner();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad -A syntax           | -A tcp/22x -a 192.0.2.7 --key-rijndael " + SECRET + " | invalid -A/--access",
        "icmp not allowed        | -A icmp/1 -a 192.0.2.7 --key-rijndael " + SECRET + " | invalid -A/--access",
        "no -A                   | -a 192.0.2.7 --key-rijndael " + SECRET + "           | missing -A/--access",
        "no -a or -s             | -A tcp/22 --key-rijndael " + SECRET + "               | missing -a/--allow-ip",
        "-R needs the internet   | -A tcp/22 -R --key-rijndael " + SECRET + "            | -R/--resolve-ip-https",
        "bad allow ip            | -A tcp/22 -a 1.2.3.300 --key-rijndael " + SECRET + "  | invalid allow IP",
        "key too long            | -A tcp/22 -s --key-rijndael 123456789012345678901234567890123 | Invalid key length",
        "identical keys          | -A tcp/22 -s --key-rijndael " + SECRET + " --key-hmac " + SECRET + " | should not be identical",
        "missing key             | -A tcp/22 -s                                           | no encryption key",
        "use-hmac without key    | -A tcp/22 -s --use-hmac --key-rijndael " + SECRET + "  | --use-hmac without an HMAC key",
        "legacy with hmac        | -A tcp/22 -s -M legacy --key-rijndael " + SECRET + " --key-hmac other | legacy",
        "two key sources         | -A tcp/22 -s --key-rijndael " + SECRET + " --key-base64-rijndael " + KEY_B64 + " | more than one encryption key",
        "unknown digest          | -A tcp/22 -s -m sha999 --key-rijndael " + SECRET + "   | unknown digest type 'sha999'",
        "unknown mode            | -A tcp/22 -s -M pcbc --key-rijndael " + SECRET + "     | unknown encryption mode",
        "timeout too big         | -A tcp/22 -s -f 70000 --key-rijndael " + SECRET + "    | -f/--fw-timeout 70000",
        "nat-port multi          | -A tcp/22,tcp/80 -s -N 10.0.0.1:80 --nat-port 99 --key-rijndael " + SECRET + " | NAT for multiple ports",
        "nat-local without -D    | -A tcp/22 -s --nat-local --key-rijndael " + SECRET + " | --nat-local needs -D",
        "bad time offset         | -A tcp/22 -s --time-offset-plus xyz --key-rijndael " + SECRET + " | --time-offset-plus",
    })
    void knockTestModeUsageErrors(String name, String args, String reason) {
        List<String> argv = new ArrayList<>(List.of("knock", "--no-rc-file", "-T"));
        argv.addAll(Arrays.asList(args.trim().split("\\s+")));
        assertUsageError(cli.run(argv.toArray(new String[0])), reason.trim());
    }

    @Test
    void packetOver400CharactersIsRefused() {
        String ports = "tcp/10001,tcp/10002,tcp/10003,tcp/10004,tcp/10005,tcp/10006,tcp/10007,tcp/10008,tcp/10009,tcp/10010";
        assertUsageError(cli.run("knock", "--no-rc-file", "-T", "-A", ports, "-a", "192.0.2.7", "-m", "sha512",
                "--hmac-digest-type", "sha512", "--key-base64-rijndael", KEY_B64, "--key-base64-hmac", HMAC_B64),
                "fwknopd takes 400 or more for GPG");
    }

    @Test
    void sendingNeedsADestination() {
        assertUsageError(cli.run("knock", "--no-rc-file", "-A", "tcp/22", "-s", "--key-rijndael", SECRET),
                "missing -D/--destination");
    }

    @Test
    void rawProtocolsAreRefused() {
        assertUsageError(cli.run("knock", "--no-rc-file", "-A", "tcp/22", "-s", "-D", "127.0.0.1", "-P", "udpraw",
                "--key-rijndael", SECRET), "needs raw sockets");
    }

    @Test
    void picocliErrorsAreOneLineExit2() {
        assertUsageError(cli.run("knock", "--no-such-option"), "Unknown option: '--no-such-option'");
        assertUsageError(cli.run("knock", "-p", "notanumber"), "Invalid value");
        assertUsageError(cli.run("decode"), "Missing required parameter: 'PACKET'");
        assertUsageError(cli.run("frobnicate"), "Unmatched argument");
        assertUsageError(cli.run(), "missing subcommand");
    }

    @Test
    void helpAndVersionExitZero() {
        CliRunner.Result help = cli.run("knock", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--access", "--key-base64-rijndael", "fwknopd 2.6.10 cannot take them");
        assertThat(cli.run("--version").out()).startsWith("postern ");
        assertThat(cli.run("--help").out()).contains("knock", "decode", "keygen");
    }

    @Test
    void decodeWithBadKeyOptionIsExit2() {
        assertUsageError(cli.run("decode", "--key-base64-rijndael", "!!notbase64!!", "AAAA"),
                "--key-base64-rijndael is not valid base64");
    }

    private static void assertUsageError(CliRunner.Result res, String reason) {
        assertThat(res.exit()).as(res.err()).isEqualTo(2);
        assertThat(res.out()).isEmpty();
        assertThat(res.err()).startsWith("postern: ").contains(reason).doesNotContain(SECRET)
                .doesNotContain(KEY_B64).doesNotContain(HMAC_B64);
        assertThat(res.err().strip().lines()).hasSize(1);
    }
}
