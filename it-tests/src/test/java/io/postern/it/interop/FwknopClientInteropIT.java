package io.postern.it.interop;

import static io.postern.it.interop.ClientPacketCheck.assertDecodes;
import static io.postern.it.interop.ClientPacketCheck.assertWrongKeysRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.postern.it.support.FwknopClient;
import io.postern.it.support.KeySpec;
import io.postern.it.support.ProcessRunner;
import io.postern.it.support.SpaRequest;
import io.postern.it.support.Tools;
import io.postern.spa.Rejection;
import io.postern.spa.SpaMessage;
import io.postern.spa.codec.DecodeResult;
import io.postern.spa.codec.SpaDecoder;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.crypto.EncryptionMode;
import io.postern.spa.crypto.HmacType;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fresh packets from the real {@code fwknop} 2.6.10 client ({@code -T -B}) decode in Postern to exactly
 * the fields given on its command line, over every Rijndael mode x inner digest x HMAC type, every
 * message type with passphrase and base64 keys, and edge cases; wrong keys and HMAC types are refused.
 */
class FwknopClientInteropIT {

    static final List<EncryptionMode> MODES = List.of(EncryptionMode.CBC, EncryptionMode.ECB, EncryptionMode.CFB,
            EncryptionMode.OFB, EncryptionMode.CTR);
    static final KeySpec PASSPHRASES = KeySpec.passphrases("postern-it-passphrase", "postern-it-hmac-passphrase");
    static final KeySpec BASE64 = KeySpec.randomBase64(new SecureRandom());

    @TempDir
    static Path home;
    static FwknopClient client;

    @BeforeAll
    static void requireClient() {
        Tools.requireFwknop();
        client = new FwknopClient(home);
    }

    /** Every Rijndael mode x digest x HMAC type, plus legacy and no-HMAC packets. */
    static Stream<Arguments> cryptoMatrix() {
        List<Arguments> out = new ArrayList<>();
        for (EncryptionMode mode : MODES) {
            for (DigestType d : DigestType.values()) {
                for (HmacType h : HmacType.values()) {
                    out.add(Arguments.of(mode, d, h, BASE64));
                }
            }
            out.add(Arguments.of(mode, DigestType.SHA256, null, BASE64.withoutHmac()));
        }
        for (DigestType d : DigestType.values()) {
            out.add(Arguments.of(EncryptionMode.LEGACY, d, null, PASSPHRASES.withoutHmac()));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} digest={1} hmac={2} {3}")
    @MethodSource("cryptoMatrix")
    void cryptoMatrix(EncryptionMode mode, DigestType digest, HmacType hmac, KeySpec keys) throws IOException {
        SpaRequest req = SpaRequest.access("tcp/22");
        List<String> args = clientArgs(req, keys, mode, digest, hmac);
        HmacType stanzaHmac = hmac == null ? HmacType.SHA256 : hmac;
        FwknopClient.Packet p = client.make(args);
        assertDecodes(p, req, keys, digest, stanzaHmac, mode);
        assertWrongKeysRejected(p.wire(), keys, stanzaHmac, mode);
    }

    /** Every message type and option that shapes the message, with passphrase and base64 keys. */
    static Stream<Arguments> messageMatrix() {
        List<Arguments> out = new ArrayList<>();
        for (KeySpec keys : List.of(PASSPHRASES, BASE64)) {
            for (SpaRequest r : requests()) {
                out.add(Arguments.of(r, keys));
            }
        }
        return out.stream();
    }

    static List<SpaRequest> requests() {
        return List.of(
                SpaRequest.access("tcp/22"),
                SpaRequest.access("udp/53"),
                SpaRequest.access("tcp/22", "udp/53", "tcp/443"),
                SpaRequest.access("tcp/22").withTimeout(45),
                SpaRequest.access("tcp/22").withTimeout(65536),
                SpaRequest.access("tcp/22").withNat("198.18.200.2:2222"),
                SpaRequest.access("tcp/22").withNat("198.18.200.2:2222").withTimeout(60),
                SpaRequest.access("tcp/22").withNat("198.18.200.2:2222").withNatPort(2022),
                SpaRequest.access("tcp/22").withNatLocal(),
                SpaRequest.access("tcp/22").withNatLocal().withTimeout(90),
                SpaRequest.access("tcp/22").withNatLocal().withNatPort(2022),
                SpaRequest.command("echo postern-it"),
                SpaRequest.access("tcp/22", "udp/1194").withSourceIp(),
                SpaRequest.access("tcp/22").withUser("alice"));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("messageMatrix")
    void messageTypes(SpaRequest req, KeySpec keys) throws IOException {
        FwknopClient.Packet p = client.make(clientArgs(req, keys, null, null, null));
        assertDecodes(p, req, keys, DigestType.SHA256, HmacType.SHA256, EncryptionMode.CBC);
        assertWrongKeysRejected(p.wire(), keys, HmacType.SHA256, EncryptionMode.CBC);
    }

    @Test
    void usernameIsCutTo29Characters() throws IOException {
        SpaRequest req = SpaRequest.access("tcp/22").withUser("abcdefghijklmnopqrstuvwxyz0123456789");
        FwknopClient.Packet p = client.make(clientArgs(req, BASE64, null, null, null));
        SpaMessage m = assertDecodes(p, req, BASE64, DigestType.SHA256, HmacType.SHA256, EncryptionMode.CBC);
        assertThat(m.username()).hasSize(29).isEqualTo("abcdefghijklmnopqrstuvwxyz012");
    }

    @Test
    void passphraseOf32BytesAnd1Byte() throws IOException {
        for (KeySpec keys : List.of(KeySpec.passphrases("0123456789abcdef0123456789ABCDEF", "h"),
                KeySpec.passphrases("k", "0123456789abcdef0123456789ABCDEF"))) {
            for (EncryptionMode mode : List.of(EncryptionMode.CBC, EncryptionMode.CTR)) {
                SpaRequest req = SpaRequest.access("tcp/22");
                FwknopClient.Packet p = client.make(clientArgs(req, keys, mode, null, null));
                assertDecodes(p, req, keys, DigestType.SHA256, HmacType.SHA256, mode);
                assertWrongKeysRejected(p.wire(), keys, HmacType.SHA256, mode);
            }
        }
    }

    @Test
    void legacyModeWithOneBytePassphrase() throws IOException {
        KeySpec keys = KeySpec.passphrases("k", null);
        SpaRequest req = SpaRequest.access("tcp/22");
        FwknopClient.Packet p = client.make(clientArgs(req, keys, EncryptionMode.LEGACY, null, null));
        assertDecodes(p, req, keys, DigestType.SHA256, HmacType.SHA256, EncryptionMode.LEGACY);
    }

    @Test
    void passphraseOf33BytesIsRefusedByTheClient() {
        KeySpec keys = KeySpec.passphrases("0123456789abcdef0123456789ABCDEF!", "hmac");
        ProcessRunner.Result r = client.run(clientArgs(SpaRequest.access("tcp/22"), keys, null, null, null));
        assertThat(r.exitCode()).as(r.describe()).isNotZero();
        assertThat(r.stdout() + r.stderr()).containsIgnoringCase("key length");
    }

    /**
     * Adds ports until the client's packet reaches 400 characters: the last packet under 400 decodes
     * with every field; the first at 400 or more is taken for GPG by fwknopd, and refused by Postern too.
     */
    @Test
    void manyPortsUpTo399Characters() throws IOException {
        List<String> ports = new ArrayList<>();
        FwknopClient.Packet last = null;
        SpaRequest lastReq = null;
        String allowIp = SpaRequest.nextAllowIp();
        for (int port = 10000; port < 10100; port++) {
            ports.add("tcp/" + port);
            SpaRequest req = new SpaRequest(allowIp, ports, null, false, 0, 0, null, null);
            FwknopClient.Packet p = client.make(clientArgs(req, BASE64, null, null, null));
            if (p.wire().length() >= 400) {
                DecodeResult r = SpaDecoder.decode(p.wire(), BASE64.spaKeys(HmacType.SHA256, EncryptionMode.CBC));
                assertThat(r.rejection()).as("%d characters", p.wire().length()).isEqualTo(Rejection.ENCRYPTION_TYPE);
                break;
            }
            last = p;
            lastReq = req;
        }
        assertThat(last).isNotNull();
        assertThat(last.wire().length()).isBetween(370, 399);
        SpaMessage m = assertDecodes(last, lastReq, BASE64, DigestType.SHA256, HmacType.SHA256, EncryptionMode.CBC);
        assertThat(m.accessRequest().ports()).hasSize(lastReq.access().size()).hasSizeGreaterThan(8);
    }

    static List<String> clientArgs(SpaRequest req, KeySpec keys, EncryptionMode mode, DigestType digest, HmacType hmac) {
        List<String> a = new ArrayList<>(req.clientArgs());
        a.addAll(List.of("-D", SpaRequest.SERVER));
        a.addAll(keys.clientArgs());
        if (mode != null) {
            a.addAll(List.of("-M", mode.configName()));
        }
        if (digest != null) {
            a.addAll(List.of("-m", digest.configName()));
        }
        if (hmac != null) {
            a.addAll(List.of("--hmac-digest-type", hmac.configName()));
        }
        return a;
    }
}
