package io.postern.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.it.support.Fwknopd;
import io.postern.it.support.FwknopdLog;
import io.postern.it.support.FwknopdStanza;
import io.postern.it.support.KeySpec;
import io.postern.it.support.PacketVerdict;
import io.postern.it.support.SpaRequest;
import io.postern.it.support.Tools;
import io.postern.spa.MessageType;
import io.postern.spa.SpaMessage;
import io.postern.spa.codec.SpaDecoder;
import io.postern.spa.codec.SpaEncodeException;
import io.postern.spa.codec.SpaEncoder;
import io.postern.spa.codec.SpaKeys;
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
 * Fresh packets from Postern's {@link SpaEncoder}, read by the real fwknopd 2.6.10 from a pcap file
 * with packet aging on (real clock, 120 s): every one is accepted (decoded and its CMD_CYCLE_OPEN ran
 * with the expected {@code $SRC $PROTO $PORT $CLIENT_TIMEOUT}) over every mode x HMAC type (one run
 * per stanza, all seven digests in it), every message type with passphrase and base64 keys, and the
 * command message under {@code -t}; wrong keys, tampering, stale packets and replays are refused.
 */
class FwknopdInteropIT {

    static final String USER = "postern-it";
    static final SecureRandom RANDOM = new SecureRandom();
    static final SpaEncoder ENCODER = new SpaEncoder(RANDOM);
    static final KeySpec BASE64 = KeySpec.randomBase64(RANDOM);
    static final KeySpec PASSPHRASES = KeySpec.passphrases("postern-it-passphrase", "postern-it-hmac-passphrase");

    @TempDir
    Path dir;

    @BeforeAll
    static void requireServer() {
        Tools.requireFwknopd();
    }

    /** One stanza per mode x HMAC type (plus no HMAC, and legacy); each run carries all seven digests. */
    static Stream<Arguments> stanzas() {
        List<Arguments> out = new ArrayList<>();
        for (EncryptionMode mode : FwknopClientInteropIT.MODES) {
            for (HmacType h : HmacType.values()) {
                out.add(Arguments.of(mode, h, BASE64));
            }
            out.add(Arguments.of(mode, HmacType.SHA256, BASE64.withoutHmac()));
        }
        out.add(Arguments.of(EncryptionMode.LEGACY, HmacType.SHA256, PASSPHRASES.withoutHmac()));
        out.add(Arguments.of(EncryptionMode.CBC, HmacType.SHA3_512, PASSPHRASES));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} hmac={1} {2}")
    @MethodSource("stanzas")
    void everyDigestUnderEachStanza(EncryptionMode mode, HmacType hmac, KeySpec keys) throws Exception {
        SpaKeys spaKeys = keys.spaKeys(hmac, mode);
        FwknopdBatch batch = new FwknopdBatch();
        for (DigestType d : DigestType.values()) {
            SpaRequest req = SpaRequest.access(d.ordinal() % 2 == 0 ? "tcp/22" : "udp/53");
            batch.accept(encode(req, spaKeys, d), req, d.code(), keys.hasHmac() ? hmac.code() : 0, mode.code());
        }
        FwknopdStanza stanza = FwknopdStanza.any(keys, hmac.configName(), mode.configName());
        batch.assertVerdicts(new Fwknopd(dir).stanza(stanza).readPcap(batch.datagrams()));
    }

    /** Every message type except command (which a CMD_CYCLE stanza cannot carry), both key kinds. */
    static Stream<KeySpec> keyKinds() {
        return Stream.of(PASSPHRASES, BASE64);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyKinds")
    void everyMessageType(KeySpec keys) throws Exception {
        SpaKeys spaKeys = keys.spaKeys(HmacType.SHA256, EncryptionMode.CBC);
        FwknopdBatch batch = new FwknopdBatch();
        for (SpaRequest req : FwknopClientInteropIT.requests()) {
            if (req.type() != MessageType.COMMAND) {
                batch.accept(encode(req, spaKeys, DigestType.SHA256), req, 3, 3, 2);
            }
        }
        batch.assertVerdicts(new Fwknopd(dir).stanza(FwknopdStanza.any(keys, "sha256", "cbc")).readPcap(batch.datagrams()));
    }

    /** Command messages need ENABLE_CMD_EXEC; under -t fwknopd decodes and stops before running it. */
    @Test
    void commandMessageInTestMode() throws Exception {
        SpaKeys spaKeys = BASE64.spaKeys(HmacType.SHA256, EncryptionMode.CBC);
        SpaRequest cmd = SpaRequest.command("echo postern-it");
        SpaRequest access = SpaRequest.access("tcp/22");
        String cmdWire = encode(cmd, spaKeys, DigestType.SHA256);
        String accessWire = encode(access, spaKeys, DigestType.SHA512);
        FwknopdStanza stanza = FwknopdStanza.any(BASE64, "sha256", "cbc").set("ENABLE_CMD_EXEC", "Y").withoutCmdCycle();
        FwknopdLog log = new Fwknopd(dir).testMode(true).stanza(stanza).readPcap(new FwknopdBatch()
                .reject(cmdWire).reject(accessWire).datagrams());
        assertThat(log.exitCode()).as("%s", log).isZero();
        PacketVerdict c = log.verdict(cmdWire);
        assertThat(c.accepted()).as("%s", c).isTrue();
        assertThat(c.testModeAction()).isEqualTo("skipping command execution.");
        assertThat(c.fields().get("Message String")).isEqualTo(cmd.message());
        assertThat(c.fields().get("Message Type")).startsWith("0 (");
        PacketVerdict a = log.verdict(accessWire);
        assertThat(a.accepted()).as("%s", a).isTrue();
        assertThat(a.testModeAction()).isEqualTo("skipping firewall manipulation.");
        assertThat(log.cycleLines()).isEmpty();
    }

    /** Wrong keys, a wrong HMAC type, tampering, stale and future timestamps: refused; a replay is caught. */
    @Test
    void negatives() throws Exception {
        SpaKeys right = BASE64.spaKeys(HmacType.SHA256, EncryptionMode.CBC);
        KeySpec other = KeySpec.randomBase64(RANDOM);
        SpaRequest good = SpaRequest.access("tcp/22");
        String goodWire = encode(good, right, DigestType.SHA256);
        long now = System.currentTimeMillis() / 1000;
        List<String> bad = List.of(
                encode(SpaRequest.access("tcp/22"), new SpaKeys(other.keyMaterial(), BASE64.hmacMaterial(), HmacType.SHA256,
                        EncryptionMode.CBC, false), DigestType.SHA256),
                encode(SpaRequest.access("tcp/22"), new SpaKeys(BASE64.keyMaterial(), other.hmacMaterial(), HmacType.SHA256,
                        EncryptionMode.CBC, false), DigestType.SHA256),
                encode(SpaRequest.access("tcp/22"), BASE64.spaKeys(HmacType.SHA512, EncryptionMode.CBC), DigestType.SHA256),
                encode(SpaRequest.access("tcp/22"), BASE64.spaKeys(HmacType.SHA256, EncryptionMode.CTR), DigestType.SHA256),
                tamper(encode(SpaRequest.access("tcp/22"), right, DigestType.SHA256)),
                encodeAt(SpaRequest.access("tcp/22"), right, now - 600),
                encodeAt(SpaRequest.access("tcp/22"), right, now + 600));
        for (String w : bad) {
            assertThat(SpaDecoder.decode(w, right).isAccepted() && !isStale(w, right, now))
                    .as("Postern itself accepts negative %s", w).isFalse();
        }
        FwknopdBatch batch = new FwknopdBatch().accept(goodWire, good, 3, 3, 2);
        bad.forEach(batch::reject);
        batch.replay(goodWire);
        FwknopdLog log = new Fwknopd(dir).stanza(FwknopdStanza.any(BASE64, "sha256", "cbc")).readPcap(batch.datagrams());
        batch.assertVerdicts(log);
        assertThat(log.replays()).as("%s", log).isEqualTo(1);
        assertThat(log.text()).contains("Original source IP: " + batch.entries().get(0).source() + ",");
        assertThat(log.text()).contains("HMAC_COMPAREFAIL").contains("SPA data time difference is too great (600 seconds)");
    }

    private static boolean isStale(String wire, SpaKeys keys, long now) {
        return Math.abs(SpaDecoder.decode(wire, keys).message().timestamp() - now) > 120;
    }

    static String tamper(String wire) {
        char[] c = wire.toCharArray();
        int i = 60;
        c[i] = c[i] == 'A' ? 'B' : 'A';
        return new String(c);
    }

    static String encode(SpaRequest req, SpaKeys keys, DigestType digest) throws SpaEncodeException {
        return ENCODER.encode(req.toMessage(ENCODER.newRandomValue(), USER, System.currentTimeMillis() / 1000), keys, digest);
    }

    static String encodeAt(SpaRequest req, SpaKeys keys, long timestamp) throws SpaEncodeException {
        SpaMessage m = req.toMessage(ENCODER.newRandomValue(), USER, timestamp);
        return ENCODER.encode(m, keys, DigestType.SHA256);
    }
}
