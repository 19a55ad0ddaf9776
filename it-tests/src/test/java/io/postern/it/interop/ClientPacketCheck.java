package io.postern.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.it.support.FwknopClient;
import io.postern.it.support.KeySpec;
import io.postern.it.support.SpaRequest;
import io.postern.spa.Rejection;
import io.postern.spa.SpaMessage;
import io.postern.spa.codec.DecodeResult;
import io.postern.spa.codec.SpaDecoder;
import io.postern.spa.codec.SpaKeys;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.crypto.EncryptionMode;
import io.postern.spa.crypto.HmacType;
import java.security.SecureRandom;

/** Decodes a packet from the real client with Postern and checks every field against the request. */
final class ClientPacketCheck {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientPacketCheck() {
    }

    /** Decodes with the right keys and asserts the fields; returns the message. */
    static SpaMessage assertDecodes(FwknopClient.Packet p, SpaRequest req, KeySpec keys, DigestType digest,
                                    HmacType hmac, EncryptionMode mode) {
        DecodeResult r = SpaDecoder.decode(p.wire(), keys.spaKeys(hmac, mode));
        assertThat(r.isAccepted()).as("decode %s\n%s", r, p.result().stdout()).isTrue();
        SpaMessage m = r.message();
        assertThat(m.randomValue()).isEqualTo(p.printed().get("Random Value"));
        assertThat(m.username()).isEqualTo(req.username(FwknopClient.USER)).isEqualTo(p.printed().get("Username"));
        assertThat(m.timestamp()).isEqualTo(Long.parseLong(p.printed().get("Timestamp")))
                .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
        assertThat(m.version()).isEqualTo(SpaMessage.PROTOCOL_VERSION);
        assertThat(m.type()).isEqualTo(req.type());
        assertThat(m.message()).isEqualTo(req.message()).isEqualTo(p.printed().get("Message String"));
        assertThat(m.natAccess()).isEqualTo(req.natAccess());
        assertThat(m.serverAuth()).isNull();
        assertThat(m.clientTimeout()).isEqualTo(req.timeout());
        assertThat(r.digestType()).isEqualTo(digest);
        assertThat(r.hmacType()).isEqualTo(keys.hasHmac() ? hmac : null);
        assertThat(r.mode()).isEqualTo(mode);
        if (req.type() != io.postern.spa.MessageType.COMMAND) {
            assertThat(m.accessRequest().ports()).hasSize(req.message().split(",").length - 1);
        }
        return m;
    }

    /** Asserts that wrong keys, and a wrong HMAC type, are all refused. */
    static void assertWrongKeysRejected(String wire, KeySpec keys, HmacType hmac, EncryptionMode mode) {
        KeySpec other = KeySpec.randomBase64(RANDOM);
        SpaKeys wrongKey = new SpaKeys(other.keyMaterial(), keys.hmacMaterial(), hmac, mode, false);
        DecodeResult r = SpaDecoder.decode(wire, wrongKey);
        assertThat(r.isAccepted()).as("wrong Rijndael key: %s", r).isFalse();
        assertThat(r.rejection()).isIn(Rejection.DECRYPT, Rejection.MALFORMED, Rejection.DIGEST);
        if (!keys.hasHmac()) {
            return;
        }
        SpaKeys wrongHmacKey = new SpaKeys(keys.keyMaterial(), other.hmacMaterial(), hmac, mode, false);
        assertThat(SpaDecoder.decode(wire, wrongHmacKey).rejection()).as("wrong HMAC key").isEqualTo(Rejection.HMAC);
        for (HmacType t : HmacType.values()) {
            if (t != hmac) {
                DecodeResult w = SpaDecoder.decode(wire, keys.spaKeys(t, mode));
                assertThat(w.rejection()).as("HMAC type %s instead of %s", t, hmac).isEqualTo(Rejection.HMAC);
            }
        }
        SpaKeys noHmac = keys.withoutHmac().spaKeys(hmac, mode);
        assertThat(SpaDecoder.decode(wire, noHmac).isAccepted()).as("stanza without HMAC key").isFalse();
    }
}
