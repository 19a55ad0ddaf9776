package io.postern.orchestrator.cli;

import static io.postern.orchestrator.cli.CliRunner.HMAC_B64;
import static io.postern.orchestrator.cli.CliRunner.KEY_B64;
import static org.assertj.core.api.Assertions.assertThat;

import io.postern.spa.MessageType;
import io.postern.spa.SpaMessage;
import io.postern.spa.codec.DecodeResult;
import io.postern.spa.codec.SpaDecoder;
import io.postern.spa.codec.SpaKeys;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.crypto.EncryptionMode;
import io.postern.spa.crypto.HmacType;
import io.postern.spa.crypto.KeyMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code knock -T -B} packets decode back, with SpaDecoder, to exactly the fields asked for. */
class KnockRoundTripTest {

    @TempDir
    Path tmp;

    private final CliRunner cli = new CliRunner();

    static Stream<Arguments> messageTypes() {
        return Stream.of(
            Arguments.of("access", "-A tcp/22 -a 192.0.2.7", MessageType.ACCESS, "192.0.2.7,tcp/22", null, 0),
            Arguments.of("multi-port", "-A tcp/22,udp/53,tcp/8443 -a 192.0.2.7", MessageType.ACCESS,
                "192.0.2.7,tcp/22,udp/53,tcp/8443", null, 0),
            Arguments.of("timeout", "-A tcp/22 -a 192.0.2.7 -f 45", MessageType.CLIENT_TIMEOUT_ACCESS,
                "192.0.2.7,tcp/22", null, 45),
            Arguments.of("timeout 0", "-A tcp/22 -a 192.0.2.7 -f 0", MessageType.ACCESS, "192.0.2.7,tcp/22", null, 0),
            Arguments.of("nat", "-A tcp/22 -a 192.0.2.7 -N 10.0.0.5:2222", MessageType.NAT_ACCESS,
                "192.0.2.7,tcp/22", "10.0.0.5,2222", 0),
            Arguments.of("nat without port", "-A tcp/22 -a 192.0.2.7 -N 10.0.0.5", MessageType.NAT_ACCESS,
                "192.0.2.7,tcp/22", "10.0.0.5,22", 0),
            Arguments.of("nat timeout", "-A tcp/22 -a 192.0.2.7 -N 10.0.0.5:2222 -f 30",
                MessageType.CLIENT_TIMEOUT_NAT_ACCESS, "192.0.2.7,tcp/22", "10.0.0.5,2222", 30),
            Arguments.of("nat-local", "-A tcp/22 -a 192.0.2.7 --nat-local -D 127.0.0.1",
                MessageType.LOCAL_NAT_ACCESS, "192.0.2.7,tcp/22", "127.0.0.1,22", 0),
            Arguments.of("nat-local nat-port", "-A tcp/22 -a 192.0.2.7 --nat-local -D 127.0.0.1 --nat-port 2222",
                MessageType.LOCAL_NAT_ACCESS, "192.0.2.7,tcp/2222", "127.0.0.1,22", 0),
            Arguments.of("nat-local timeout", "-A tcp/22 -a 192.0.2.7 --nat-local -D 127.0.0.1 -f 60",
                MessageType.CLIENT_TIMEOUT_LOCAL_NAT_ACCESS, "192.0.2.7,tcp/22", "127.0.0.1,22", 60),
            Arguments.of("command", "-C uptime -a 192.0.2.7", MessageType.COMMAND, "192.0.2.7,uptime", null, 0),
            Arguments.of("source", "-A udp/53 -s", MessageType.ACCESS, "0.0.0.0,udp/53", null, 0),
            Arguments.of("ipv6 allow", "-A tcp/22 -a 2001:db8::1", MessageType.ACCESS, "2001:db8::1,tcp/22", null, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messageTypes")
    void everyMessageTypeRoundTrips(String name, String args, MessageType type, String message, String nat,
                                    int timeout) throws Exception {
        DecodeResult r = knockAndDecode(args, SpaKeys.of(KeyMaterial.ofBase64(KEY_B64), KeyMaterial.ofBase64(HMAC_B64)),
                "--key-base64-rijndael", KEY_B64, "--key-base64-hmac", HMAC_B64);
        SpaMessage m = r.message();
        assertThat(m.type()).isEqualTo(type);
        assertThat(m.message()).isEqualTo(message);
        assertThat(m.natAccess()).isEqualTo(nat);
        assertThat(m.clientTimeout()).isEqualTo(timeout);
        assertThat(m.username()).isEqualTo("tester");
        assertThat(m.timestamp()).isEqualTo(CliRunner.NOW);
        assertThat(m.version()).isEqualTo("3.0.0");
        assertThat(m.serverAuth()).isNull();
    }

    @ParameterizedTest
    @EnumSource(DigestType.class)
    void everyDigestType(DigestType d) throws Exception {
        DecodeResult r = knockAndDecode("-A tcp/22 -a 192.0.2.7 -m " + d.configName(),
                SpaKeys.of(KeyMaterial.ofBase64(KEY_B64), KeyMaterial.ofBase64(HMAC_B64)),
                "--key-base64-rijndael", KEY_B64, "--key-base64-hmac", HMAC_B64);
        assertThat(r.digestType()).isEqualTo(d);
    }

    @ParameterizedTest
    @EnumSource(HmacType.class)
    void everyHmacType(HmacType h) throws Exception {
        DecodeResult r = knockAndDecode("-A tcp/22 -a 192.0.2.7 --hmac-digest-type " + h.configName(),
                SpaKeys.of(KeyMaterial.ofBase64(KEY_B64), KeyMaterial.ofBase64(HMAC_B64)).withHmacType(h),
                "--key-base64-rijndael", KEY_B64, "--key-base64-hmac", HMAC_B64);
        assertThat(r.hmacType()).isEqualTo(h);
    }

    @ParameterizedTest
    @EnumSource(value = EncryptionMode.class, names = {"ECB", "CBC", "CFB", "OFB", "CTR"})
    void everyModeWithHmac(EncryptionMode mode) throws Exception {
        DecodeResult r = knockAndDecode("-A tcp/22 -a 192.0.2.7 -M " + mode.configName(),
                SpaKeys.of(KeyMaterial.ofBase64(KEY_B64), KeyMaterial.ofBase64(HMAC_B64)).withMode(mode),
                "--key-base64-rijndael", KEY_B64, "--key-base64-hmac", HMAC_B64);
        assertThat(r.mode()).isEqualTo(mode);
    }

    @ParameterizedTest
    @EnumSource(value = EncryptionMode.class, names = {"ECB", "CBC", "CFB", "OFB", "CTR", "LEGACY"})
    void everyModeWithPassphraseAndNoHmac(EncryptionMode mode) throws Exception {
        DecodeResult r = knockAndDecode("-A tcp/22 -a 192.0.2.7 -M " + mode.configName(),
                SpaKeys.of(KeyMaterial.ofPassphrase("fwknoptest"), null).withMode(mode),
                "--key-rijndael", "fwknoptest");
        assertThat(r.mode()).isEqualTo(mode);
        assertThat(r.hmacType()).isNull();
    }

    @org.junit.jupiter.api.Test
    void passphraseKeysWithHmacPassphrase() throws Exception {
        DecodeResult r = knockAndDecode("-A tcp/22 -a 192.0.2.7",
                SpaKeys.of(KeyMaterial.ofPassphrase("encpass"), KeyMaterial.ofPassphrase("hmacpass")),
                "--key-rijndael", "encpass", "--key-hmac", "hmacpass");
        assertThat(r.message().message()).isEqualTo("192.0.2.7,tcp/22");
    }

    @org.junit.jupiter.api.Test
    void testOutputLooksLikeFwknopAndShowsThePacket() throws Exception {
        Path saved = tmp.resolve("p");
        CliRunner.Result res = cli.run("knock", "--no-rc-file", "-T", "-B", saved.toString(), "-A", "tcp/22", "-a",
                "192.0.2.7", "-U", "alice", "--key-base64-rijndael", KEY_B64, "--key-base64-hmac", HMAC_B64);
        assertThat(res.exit()).isZero();
        String packet = Files.readString(saved).strip();
        assertThat(res.out()).contains("SPA Field Values:", "   Random Value: ", "       Username: alice",
                "   Message Type: 1 (Access msg)", " Message String: 192.0.2.7,tcp/22", "     Nat Access: <NULL>",
                "    Digest Type: 3 (SHA256)", "      HMAC Type: 3 (SHA256)", "Encryption Mode: 2 (CBC)",
                " Final SPA Data: " + packet, "not actually sent");
        assertThat(res.all()).doesNotContain(KEY_B64).doesNotContain(HMAC_B64);
    }

    @org.junit.jupiter.api.Test
    void saveFileHoldsPacketAndOneNewline() throws Exception {
        Path saved = tmp.resolve("p");
        cli.run("knock", "--no-rc-file", "-T", "-B", saved.toString(), "-A", "tcp/22", "-a", "192.0.2.7",
                "--key-base64-rijndael", KEY_B64, "--key-base64-hmac", HMAC_B64);
        String text = Files.readString(saved);
        assertThat(text).endsWith("\n").doesNotContain("\r");
        assertThat(text.strip()).matches("[A-Za-z0-9+/]{140,399}");
    }

    @org.junit.jupiter.api.Test
    void spoofUserIsCutTo29AndEnvironmentOrderIsFwknops() throws Exception {
        SpaKeys keys = SpaKeys.of(KeyMaterial.ofBase64(KEY_B64), KeyMaterial.ofBase64(HMAC_B64));
        String[] k = {"--key-base64-rijndael", KEY_B64, "--key-base64-hmac", HMAC_B64};
        assertThat(knockAndDecode("-A tcp/22 -s -U 123456789012345678901234567890123456", keys, k)
                .message().username()).isEqualTo("12345678901234567890123456789");
        cli.env.put("SPOOF_USER", "spoofed");
        cli.env.put("USER", "plain");
        assertThat(knockAndDecode("-A tcp/22 -s", keys, k).message().username()).isEqualTo("spoofed");
        cli.env.clear();
        // no variables: the login name of the process, as fwknop's cuserid() fallback
        assertThat(knockAndDecode("-A tcp/22 -s", keys, k).message().username())
                .isEqualTo(System.getProperty("user.name"));
        cli.env.put("USER", "plain");
        assertThat(knockAndDecode("-A tcp/22 -s", keys, k).message().username())
                .isEqualTo(System.getProperty("user.name"));
    }

    @org.junit.jupiter.api.Test
    void timeOffsetsShiftTheTimestamp() throws Exception {
        SpaKeys keys = SpaKeys.of(KeyMaterial.ofBase64(KEY_B64), KeyMaterial.ofBase64(HMAC_B64));
        String[] k = {"--key-base64-rijndael", KEY_B64, "--key-base64-hmac", HMAC_B64};
        assertThat(knockAndDecode("-A tcp/22 -s --time-offset-plus 2m", keys, k).message().timestamp())
                .isEqualTo(CliRunner.NOW + 120);
        assertThat(knockAndDecode("-A tcp/22 -s --time-offset-minus 1h", keys, k).message().timestamp())
                .isEqualTo(CliRunner.NOW - 3600);
        assertThat(knockAndDecode("-A tcp/22 -s --time-offset-plus 30s", keys, k).message().timestamp())
                .isEqualTo(CliRunner.NOW + 30);
    }

    private DecodeResult knockAndDecode(String args, SpaKeys keys, String... keyArgs) throws Exception {
        Path saved = tmp.resolve("packet-" + System.nanoTime());
        List<String> argv = new ArrayList<>(List.of("knock", "--no-rc-file", "-T", "-B", saved.toString()));
        argv.addAll(Arrays.asList(args.split(" ")));
        argv.addAll(Arrays.asList(keyArgs));
        CliRunner.Result res = cli.run(argv.toArray(new String[0]));
        assertThat(res.exit()).as(res.err()).isZero();
        String packet = Files.readString(saved);
        assertThat(packet).endsWith("\n");
        packet = packet.substring(0, packet.length() - 1);
        assertThat(CliRunner.field(res.out(), "Final SPA Data")).isEqualTo(packet);
        DecodeResult r = SpaDecoder.decode(packet, keys);
        assertThat(r.isAccepted()).as(String.valueOf(r)).isTrue();
        return r;
    }
}
