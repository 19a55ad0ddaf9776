package io.postern.spa.gpg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postern.spa.MessageType;
import io.postern.spa.Rejection;
import io.postern.spa.SpaMessage;
import io.postern.spa.codec.DecodeResult;
import io.postern.spa.codec.SpaDecoder;
import io.postern.spa.codec.SpaEncodeException;
import io.postern.spa.codec.SpaEncoder;
import io.postern.spa.codec.SpaKeys;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.crypto.HmacType;
import io.postern.spa.crypto.KeyMaterial;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Postern's GPG packets, made with the lab's exported keys, through Postern's decoder with the lab's
 * GnuPG homes: signer checked, ECC {@code hF} packets accepted, and unsigned, wrongly signed and
 * unknown-signer packets refused with the reason. Needs no tools.
 */
class GpgRoundTripTest {

    private static final KeyMaterial HMAC = KeyMaterial.ofBase64(
            "2Y3mMQvkHwZPv3ePnTLsbP7BXRgB877Z8IuqsMt05ITdILzUSJFfaRL/c4i5b/aIsXCAgXS9PiB7TJgnYdiADQ==");
    private static final String SERVER = "BC8E3763DE17F6915A747CDA03397E2FBEEC26D8";
    private static final String CLIENT_A = "715FFBBF31F24DB62951D51AE029BC6E67D063F3";
    private static final String CLIENT_B = "9D50A2E594C9CE3027C86A720D53B6026232C4C0";
    private static final String ECC_SERVER = "082A2B90A8170220B8CBE4CBDAA52CEC36BEE03E";
    private static final String ECC_CLIENT = "8BB6460665A9820D13ADACF14D7D77D57FD4C45B";

    @TempDir
    Path tmp;

    static GpgHome keys(String... names) throws GpgKeyException {
        return GpgHome.ofKeyFiles(java.util.Arrays.stream(names).map(n -> GpgLab.dir().resolve("keys").resolve(n)).toList());
    }

    static SpaMessage message() {
        return new SpaMessage(new SpaEncoder().newRandomValue(), "root", System.currentTimeMillis() / 1000, "3.0.0",
                MessageType.ACCESS, "127.0.0.2,tcp/22", null, null, 0);
    }

    static String encode(GpgSender sender, KeyMaterial hmac) throws SpaEncodeException {
        return new SpaEncoder().encode(message(), SpaKeys.gpgOnly(GpgKeys.sending(sender), hmac, HmacType.SHA256),
                DigestType.SHA256);
    }

    static SpaKeys serverStanza(Path home, String decryptId, KeyMaterial hmac, SignatureRules rules) {
        return SpaKeys.gpgOnly(GpgKeys.receiving(new GpgReceiver(home, decryptId, KeyMaterial.ofBytes(new byte[0]), rules)),
                hmac, HmacType.SHA256);
    }

    static SignatureRules remoteIds(String... ids) {
        return new SignatureRules(true, false, List.of(ids), List.of());
    }

    @Test
    void rsaSignedPacketIsAcceptedWithItsSigner() throws Exception {
        GpgSender s = GpgSender.of(keys("server.pub.asc"), SERVER, keys("client-a.sec.asc"), CLIENT_A, null);
        for (KeyMaterial hmac : new KeyMaterial[] {HMAC, null}) {
            String wire = encode(s, hmac);
            assertThat(s.fwknopdCompatible()).isTrue();
            DecodeResult r = SpaDecoder.decode(wire, serverStanza(GpgLab.dir().resolve("homes/server"), SERVER, hmac,
                    remoteIds("67D063F3")));
            assertThat(r.isAccepted()).as("%s", r).isTrue();
            assertThat(r.gpgSigner().fingerprint()).isEqualTo(CLIENT_A);
            assertThat(r.gpgSigner().validity()).isEqualTo(GpgValidity.FULL);
            assertThat(r.message().message()).isEqualTo("127.0.0.2,tcp/22");
        }
    }

    @Test
    void signingSubkeyIsUsedAndNamed() throws Exception {
        GpgSender s = GpgSender.of(keys("server.pub.asc"), SERVER, keys("client-b.sec.asc"), CLIENT_B, null);
        assertThat(s.signer().id()).isEqualTo("33FE5655");
        DecodeResult r = SpaDecoder.decode(encode(s, HMAC), serverStanza(GpgLab.dir().resolve("homes/server"), SERVER,
                HMAC, remoteIds("33FE5655")));
        assertThat(r.gpgSigner().id()).as("%s", r).isEqualTo("33FE5655");
    }

    @Test
    void eccRecipientPacketStartsWithHfAndPosternAcceptsIt() throws Exception {
        Path home = GpgLab.rebuildHome("ecc-server", tmp);
        GpgSender s = GpgSender.of(keys("ecc-server.pub.asc"), ECC_SERVER, keys("ecc-client.sec.asc"), ECC_CLIENT, null);
        assertThat(s.fwknopdCompatible()).isFalse();
        for (KeyMaterial hmac : new KeyMaterial[] {HMAC, null}) {
            DecodeResult r = SpaDecoder.decode(encode(s, hmac), serverStanza(home, ECC_SERVER, hmac, remoteIds("7FD4C45B")));
            assertThat(r.isAccepted()).as("%s", r).isTrue();
            assertThat(r.gpgSigner().id()).isEqualTo("7FD4C45B");
        }
    }

    @Test
    void unsignedPacketIsRefusedWhenSignaturesAreRequired() throws Exception {
        GpgSender s = GpgSender.of(keys("server.pub.asc"), SERVER, null, null, null);
        String wire = encode(s, HMAC);
        DecodeResult r = SpaDecoder.decode(wire, serverStanza(GpgLab.dir().resolve("homes/server"), SERVER, HMAC,
                remoteIds("67D063F3")));
        assertThat(r.rejection()).isEqualTo(Rejection.SIGNATURE);
        assertThat(r.detail()).isEqualTo("Missing GPG signature");
        assertThat(SpaDecoder.decode(wire, serverStanza(GpgLab.dir().resolve("homes/server"), SERVER, HMAC,
                SignatureRules.NONE)).isAccepted()).isTrue();
    }

    @Test
    void signerOutsideTheListsIsRefused() throws Exception {
        GpgSender s = GpgSender.of(keys("server.pub.asc"), SERVER, keys("client-b.sec.asc"), CLIENT_B, null);
        Path home = GpgLab.dir().resolve("homes/server");
        DecodeResult byId = SpaDecoder.decode(encode(s, HMAC), serverStanza(home, SERVER, HMAC, remoteIds("6232C4C0")));
        assertThat(byId.rejection()).isEqualTo(Rejection.SIGNATURE);
        assertThat(byId.detail()).contains("33FE5655", "not in the GPG_REMOTE_ID list");
        DecodeResult byFpr = SpaDecoder.decode(encode(s, HMAC), serverStanza(home, SERVER, HMAC,
                new SignatureRules(true, false, List.of(), List.of(CLIENT_A))));
        assertThat(byFpr.detail()).contains("not in the GPG_FINGERPRINT_ID list");
        DecodeResult lowerCase = SpaDecoder.decode(encode(s, HMAC), serverStanza(home, SERVER, HMAC, remoteIds("33fe5655")));
        assertThat(lowerCase.rejection()).as("IDs compare case-sensitively").isEqualTo(Rejection.SIGNATURE);
    }

    @Test
    void unknownSignerIsRefused() throws Exception {
        // the server home holds ecc-client but not ecc-server
        GpgSender s = GpgSender.of(keys("server.pub.asc"), SERVER, keys("ecc-server.sec.asc"), ECC_SERVER, null);
        DecodeResult r = SpaDecoder.decode(encode(s, HMAC), serverStanza(GpgLab.dir().resolve("homes/server"), SERVER,
                HMAC, remoteIds("36BEE03E")));
        assertThat(r.rejection()).isEqualTo(Rejection.SIGNATURE);
        assertThat(r.detail()).contains("Bad GPG signature", "No public key");
    }

    @Test
    void signatureThatDoesNotVerifyIsRefused() throws Exception {
        // signed with client-b's key, claiming client-a's key ID: a forged signature
        GpgHome b = keys("client-b.sec.asc");
        GpgSender real = GpgSender.of(keys("server.pub.asc"), SERVER, b, CLIENT_B, null);
        PGPPrivateKey bKey = real.signingPrivate();
        long aId = keys("client-a.pub.asc").keyring().rings().get(0).getPublicKey().getKeyID();
        PGPPrivateKey forged = new PGPPrivateKey(aId, bKey.getPublicKeyPacket(), bKey.getPrivateKeyDataPacket());
        GpgSender s = new GpgSender(real.recipient(), keys("client-a.pub.asc").keyring().rings().get(0).getPublicKey(), forged);
        DecodeResult r = SpaDecoder.decode(encode(s, HMAC), serverStanza(GpgLab.dir().resolve("homes/server"), SERVER,
                HMAC, remoteIds("67D063F3")));
        assertThat(r.rejection()).as("%s", r).isEqualTo(Rejection.SIGNATURE);
        assertThat(r.detail()).contains("Bad GPG signature");
        // GPG_IGNORE_SIG_VERIFY_ERROR takes it, as fwknopd does
        DecodeResult ignored = SpaDecoder.decode(encode(s, HMAC), serverStanza(GpgLab.dir().resolve("homes/server"), SERVER,
                HMAC, new SignatureRules(true, true, List.of("67D063F3"), List.of())));
        assertThat(ignored.isAccepted()).as("%s", ignored).isTrue();
    }

    @Test
    void tooShortUnsignedEccPacketIsRefusedByTheEncoder() throws Exception {
        GpgSender s = GpgSender.of(keys("ecc-server.pub.asc"), ECC_SERVER, null, null, null);
        assertThatThrownBy(() -> encode(s, null)).isInstanceOf(SpaEncodeException.class).hasMessageContaining("Rijndael");
    }

    @Test
    void reframedMessageIsRefusedWithoutHmac() throws Exception {
        GpgSender s = GpgSender.of(keys("server.pub.asc"), SERVER, keys("client-a.sec.asc"), CLIENT_A, null);
        String wire = encode(s, null);
        // flip the unused low bits of the last base64 character: same bytes, different string
        char last = wire.charAt(wire.length() - 1);
        String tweaked = wire.substring(0, wire.length() - 1) + (char) (last ^ 1);
        DecodeResult r = SpaDecoder.decode(tweaked, serverStanza(GpgLab.dir().resolve("homes/server"), SERVER, null,
                remoteIds("67D063F3")));
        assertThat(r.isAccepted()).as("%s", r).isFalse();
    }
}
