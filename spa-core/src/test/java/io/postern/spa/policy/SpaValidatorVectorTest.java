package io.postern.spa.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.spa.Rejection;
import io.postern.spa.config.AccessConf;
import io.postern.spa.config.AccessConfReader;
import io.postern.spa.config.FwknopdConf;
import io.postern.spa.testing.SharedVectors;
import io.postern.spa.testing.SharedVectors.PacketVector;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fwknop 2.6.10 vector through access.conf reading and the validator, with the access.conf the
 * real fwknopd used and a clock pinned to the capture time: the verdict must be fwknopd's, and a
 * rejection must come at fwknopd's layer.
 */
class SpaValidatorVectorTest {

    @TempDir
    Path tmp;

    static List<PacketVector> vectors() {
        return SharedVectors.packetVectors();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verdictMatchesFwknopd(PacketVector v) throws Exception {
        Path conf = Files.writeString(tmp.resolve("access.conf"), v.accessConf());
        // the NAT vectors ran against a fwknopd.conf with the flag their message type needs
        int type = serverView(v).path("message_type").asInt(1);
        boolean natForwarding = type == 2 || type == 4;
        boolean localNat = type == 5 || type == 6;
        AccessConf access = new AccessConfReader(FwknopdConf.defaults().withNat(natForwarding, localNat),
                ZoneOffset.UTC, u -> true).read(conf);
        ValidatorSettings settings = ValidatorSettings.DEFAULTS.withNat(natForwarding, localNat)
                .withTestMode(v.json().path("fwknopd_result").path("pcap").path("test_mode").asBoolean(false));
        Clock clock = Clock.fixed(Instant.ofEpochSecond(v.capturedAt() + 3), ZoneOffset.UTC);
        SpaValidator validator = new SpaValidator(clock, new InMemoryDigestStore(), settings);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");

        List<Verdict> verdicts = v.packets().stream()
                .map(p -> validator.validate(p, loopback, loopback, access.stanzas())).toList();

        switch (v.outcome()) {
            case "accept" -> assertThat(verdicts).allSatisfy(x -> assertThat(x.isAccepted()).as("%s", x).isTrue());
            case "accept-then-reject" -> {
                assertThat(verdicts.get(0).isAccepted()).as("%s", verdicts.get(0)).isTrue();
                assertThat(verdicts.get(1).rejection()).as("%s", verdicts.get(1)).isEqualTo(Rejection.REPLAY);
            }
            case "reject" -> assertThat(verdicts).allSatisfy(x -> {
                assertThat(x.isAccepted()).as("%s", x).isFalse();
                assertThat(stagesFor(v.layer())).as("%s for layer %s", x, v.layer()).contains(x.rejection().stage());
            });
            default -> throw new AssertionError("unknown outcome " + v.outcome());
        }
        if (v.outcome().startsWith("accept")) {
            Verdict.Accepted a = (Verdict.Accepted) verdicts.get(0);
            assertThat(a.stanzaNumber()).isEqualTo(1);
            assertThat(a.message().username()).isEqualTo(serverView(v).path("username").asText());
            assertThat(a.message().timestamp()).isEqualTo(serverView(v).path("timestamp").asLong());
        }
    }

    /** The fields the real fwknopd logged for the packet. */
    private static com.fasterxml.jackson.databind.JsonNode serverView(PacketVector v) {
        return v.json().path("fwknopd_result").path("pcap").path("server_view");
    }

    private static Set<Rejection.Stage> stagesFor(String layer) {
        return switch (layer) {
            case "size" -> Set.of(Rejection.Stage.SIZE);
            case "precheck" -> Set.of(Rejection.Stage.PRECHECK, Rejection.Stage.SIZE);
            case "hmac" -> Set.of(Rejection.Stage.HMAC);
            case "decrypt" -> Set.of(Rejection.Stage.DECRYPT, Rejection.Stage.DECODE, Rejection.Stage.DIGEST);
            case "age" -> Set.of(Rejection.Stage.AGE);
            case "replay" -> Set.of(Rejection.Stage.REPLAY);
            case "policy" -> Set.of(Rejection.Stage.POLICY);
            default -> throw new AssertionError("unknown layer " + layer);
        };
    }
}
