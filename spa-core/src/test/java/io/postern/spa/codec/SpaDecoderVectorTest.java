package io.postern.spa.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.postern.spa.Rejection;
import io.postern.spa.SpaMessage;
import io.postern.spa.testing.SharedVectors;
import io.postern.spa.testing.SharedVectors.ModeVector;
import io.postern.spa.testing.SharedVectors.PacketVector;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every packet the real fwknop 2.6.10 client made (shared/vectors) through the pure decoder, with the
 * server stanza's keys. Positives must decode to exactly the fields the client reported; negatives
 * rejected by fwknopd before or at decryption must be rejected at the same layer. Negatives that
 * fwknopd refused later (age, replay, policy) must decode here: the policy layer refuses them.
 */
class SpaDecoderVectorTest {

    static List<PacketVector> packetVectors() {
        return SharedVectors.packetVectors();
    }

    static List<ModeVector> modeVectors() {
        return SharedVectors.modeVectors();
    }

    private static final Set<String> DECODER_LAYERS = Set.of("size", "precheck", "hmac", "decrypt");

    @ParameterizedTest(name = "{0}")
    @MethodSource("packetVectors")
    void packetVectorGetsFwknopdVerdictAtDecodeLayer(PacketVector v) {
        for (String packet : v.packets()) {
            DecodeResult r = SpaDecoder.decode(packet, v.serverKeys());
            if (v.outcome().startsWith("accept") || !DECODER_LAYERS.contains(v.layer())) {
                assertThat(r.isAccepted()).as("%s: %s", v.name(), r).isTrue();
            } else {
                assertThat(r.isAccepted()).as("%s must be rejected", v.name()).isFalse();
                assertThat(allowedStages(v.layer())).as("%s rejected as %s", v.name(), r)
                        .contains(r.rejection().stage());
            }
        }
        if (v.outcome().equals("accept") && !v.decoded().isMissingNode()) {
            SpaMessage m = SpaDecoder.decode(v.packets().get(0), v.serverKeys()).message();
            JsonNode d = v.decoded();
            assertThat(m.username()).isEqualTo(d.get("username").asText());
            assertThat(m.timestamp()).isEqualTo(d.get("timestamp").asLong());
            assertThat(m.version()).isEqualTo(d.get("fko_version").asText());
            assertThat(m.type().code()).isEqualTo(d.get("message_type").asInt());
            assertThat(m.type().displayName()).isEqualTo(d.get("message_type_name").asText());
            assertThat(m.message()).isEqualTo(d.get("message_string").asText());
            assertThat(m.natAccess()).isEqualTo(d.get("nat_access").isNull() ? null : d.get("nat_access").asText());
            assertThat(m.serverAuth()).isEqualTo(d.get("server_auth").isNull() ? null : d.get("server_auth").asText());
            assertThat(m.clientTimeout()).isEqualTo(d.get("client_timeout").asInt());
            assertThat(m.randomValue()).isEqualTo(d.get("random_value").asText());
            DecodeResult r = SpaDecoder.decode(v.packets().get(0), v.serverKeys());
            assertThat(r.digestType().code()).isEqualTo(d.get("digest_type").asInt());
            assertThat(r.mode().code()).isEqualTo(d.get("encryption_mode").asInt());
            if (d.hasNonNull("hmac_type_name") && v.serverKeys().hasHmac()) {
                assertThat(r.hmacType().code()).isEqualTo(d.get("hmac_type").asInt());
            }
            assertThat(m.accessRequest()).isNotNull();
        }
        if (v.json().hasNonNull("replay_digest_sha256_b64")) {
            assertThat(SpaDecoder.replayDigest(v.packets().get(0)))
                    .isEqualTo(v.json().get("replay_digest_sha256_b64").asText());
        }
    }

    private static Set<Rejection.Stage> allowedStages(String layer) {
        switch (layer) {
            case "size":
                return Set.of(Rejection.Stage.SIZE);
            case "precheck":
                return Set.of(Rejection.Stage.PRECHECK, Rejection.Stage.SIZE);
            case "hmac":
                return Set.of(Rejection.Stage.HMAC);
            case "decrypt":
                // fwknopd's "Decryption failed" and its decode errors on garbage plaintext
                return Set.of(Rejection.Stage.DECRYPT, Rejection.Stage.DECODE, Rejection.Stage.DIGEST);
            default:
                throw new IllegalArgumentException(layer);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modeVectors")
    void modeVectorDecodesToRecordedPlaintextFields(ModeVector v) {
        DecodeResult r = SpaDecoder.decode(v.wire(), v.keys());
        assertThat(r.isAccepted()).as("%s: %s", v.name(), r).isTrue();
        JsonNode j = v.json();
        SpaMessage m = r.message();
        assertThat(m.username()).isEqualTo(j.get("user").asText());
        assertThat(m.timestamp()).isEqualTo(j.get("timestamp").asLong());
        assertThat(m.version()).isEqualTo(j.get("version").asText());
        assertThat(j.get("msg_type").asText()).startsWith(m.type().code() + " ");
        assertThat(m.message()).isEqualTo(j.get("message").asText());
        if (j.hasNonNull("nat_access")) {
            assertThat(m.natAccess()).isEqualTo(j.get("nat_access").asText());
        }
        assertThat(m.clientTimeout()).isEqualTo(j.path("client_timeout").asInt(0));
        assertThat(r.digestType().configName()).isEqualTo(j.get("digest_type").asText().toLowerCase(Locale.ROOT));
        assertThat(j.get("plaintext").asText()).startsWith(m.randomValue() + ":");
        assertThat(SpaDecoder.replayDigest(v.wire())).isEqualTo(j.get("replay_digest").asText());
    }
}
