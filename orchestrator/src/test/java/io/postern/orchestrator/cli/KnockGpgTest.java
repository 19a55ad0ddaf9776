package io.postern.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.spa.codec.DecodeResult;
import io.postern.spa.codec.SpaDecoder;
import io.postern.spa.codec.SpaKeys;
import io.postern.spa.crypto.HmacType;
import io.postern.spa.crypto.KeyMaterial;
import io.postern.spa.gpg.GpgKeys;
import io.postern.spa.gpg.GpgReceiver;
import io.postern.spa.gpg.SignatureRules;
import io.postern.spa.testing.SharedVectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code knock -g} with the GPG lab's exported keys: the saved packet is what the lab's fwknopd
 * stanza (GnuPG home {@code homes/server}) accepts, signed by client A; an ECC recipient warns that
 * fwknopd cannot take the packet.
 */
class KnockGpgTest {

    private static final String SERVER = "BC8E3763DE17F6915A747CDA03397E2FBEEC26D8";
    private static final String CLIENT_A = "715FFBBF31F24DB62951D51AE029BC6E67D063F3";
    private static final Path LAB = SharedVectors.sharedDir().resolve("vectors/gpg");

    @TempDir
    Path tmp;

    private final CliRunner cli = new CliRunner();

    @Test
    void signedGpgPacketDecodesWithTheServerHome() throws Exception {
        Path saved = tmp.resolve("packet.txt");
        CliRunner.Result r = cli.run("knock", "--no-rc-file", "-T", "-B", saved.toString(), "-A", "tcp/22",
                "-a", "127.0.0.2", "-g", "--gpg-recipient-key", SERVER, "--gpg-signer-key", CLIENT_A,
                "--gpg-recipient-key-file", LAB.resolve("keys/server.pub.asc").toString(),
                "--gpg-signer-key-file", LAB.resolve("keys/client-a.sec.asc").toString(), "--gpg-no-signing-pw",
                "--key-base64-hmac", CliRunner.HMAC_B64);
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(CliRunner.field(r.out(), "Encryption Type")).isEqualTo("2 (GPG)");
        assertThat(CliRunner.field(r.out(), "GPG signer")).isEqualTo(CLIENT_A);
        String packet = Files.readString(saved).strip();
        SpaKeys stanza = SpaKeys.gpgOnly(GpgKeys.receiving(new GpgReceiver(LAB.resolve("homes/server"), SERVER,
                KeyMaterial.ofBytes(new byte[0]), new SignatureRules(true, false, List.of("67D063F3"), List.of()))),
                KeyMaterial.ofBase64(CliRunner.HMAC_B64), HmacType.SHA256);
        DecodeResult d = SpaDecoder.decode(packet, stanza);
        assertThat(d.isAccepted()).as("%s", d).isTrue();
        assertThat(d.gpgSigner().fingerprint()).isEqualTo(CLIENT_A);
        assertThat(d.message().username()).isEqualTo("tester");
        assertThat(r.out()).doesNotContain("PRIVATE KEY").doesNotContain(CliRunner.HMAC_B64);
    }

    @Test
    void eccRecipientWarnsAboutFwknopd() {
        CliRunner.Result r = cli.run("knock", "--no-rc-file", "-T", "-A", "tcp/22", "-a", "127.0.0.2", "-g",
                "--gpg-recipient-key", "ecc-server@fwknop-lab.invalid", "--gpg-signer-key", "ecc-client",
                "--gpg-recipient-key-file", LAB.resolve("keys/ecc-server.pub.asc").toString(),
                "--gpg-signer-key-file", LAB.resolve("keys/ecc-client.sec.asc").toString(), "--gpg-no-signing-pw");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.err()).contains("issue #247");
    }

    @Test
    void missingRecipientIsAUsageError() {
        CliRunner.Result r = cli.run("knock", "--no-rc-file", "-T", "-A", "tcp/22", "-a", "127.0.0.2", "-g");
        assertThat(r.exit()).isEqualTo(CliException.USAGE);
        assertThat(r.err()).contains("--gpg-recipient-key");
    }
}
