package io.postern.spa.gpg;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.spa.Rejection;
import io.postern.spa.config.AccessConf;
import io.postern.spa.config.AccessConfReader;
import io.postern.spa.config.FwknopdConf;
import io.postern.spa.policy.InMemoryDigestStore;
import io.postern.spa.policy.SpaValidator;
import io.postern.spa.policy.ValidatorSettings;
import io.postern.spa.policy.Verdict;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every packet of {@code shared/vectors/gpg/} (made by the real {@code fwknop -g}) through access.conf
 * reading and the validator, with the stanza fwknopd used and the clock pinned to the capture: the
 * verdict is fwknopd's, at fwknopd's layer, except where fwknopd is wrong or its failure was not about
 * the packet — those are asserted as Postern's own verdict below.
 */
class GpgVectorTest {

    /** ECC recipients: fwknopd re-adds hQ where the client dropped hF (issue #247); Postern accepts. */
    private static final Set<String> ECC_HF_FIXED = Set.of("neg-ecc-signed-hmac", "neg-ecc-signed-nohmac",
            "neg-ecc-unsigned-hmac-sha512");
    /**
     * fwknopd failed here only because gpg-agent could not run pinentry without loopback mode (the
     * vector says "environment, not packet"); Postern unlocks the key itself with GPG_DECRYPT_PW.
     */
    private static final String AGENT_ONLY = "neg-decrypt-pw-without-loopback";

    private static final Map<String, Set<Rejection>> LAYERS = Map.of(
            "hmac", Set.of(Rejection.HMAC),
            "gpg-decrypt", Set.of(Rejection.DECRYPT),
            "gpg-signature", Set.of(Rejection.SIGNATURE, Rejection.DECRYPT),
            "gpg-signer-policy", Set.of(Rejection.SIGNATURE),
            "classification", Set.of(Rejection.ENCRYPTION_TYPE),
            "replay", Set.of(Rejection.REPLAY));

    @TempDir
    Path tmp;

    static List<GpgLab.Vector> vectors() {
        return GpgLab.vectors();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verdictMatchesFwknopd(GpgLab.Vector v) throws Exception {
        List<Verdict> verdicts = run(v);
        if (ECC_HF_FIXED.contains(v.name()) || AGENT_ONLY.equals(v.name())) {
            assertThat(v.outcome()).isEqualTo("reject");
            assertThat(verdicts).allSatisfy(x -> assertThat(x.isAccepted()).as("Postern accepts %s: %s", v, x).isTrue());
            if (ECC_HF_FIXED.contains(v.name())) {
                assertThat(v.strippedPrefix()).isEqualTo("hF");
            }
            return;
        }
        switch (v.outcome()) {
            case "accept" -> {
                assertThat(verdicts).allSatisfy(x -> assertThat(x.isAccepted()).as("%s", x).isTrue());
                Verdict.Accepted a = (Verdict.Accepted) verdicts.get(0);
                assertThat(a.message().timestamp()).isEqualTo(v.json().path("expected").path("decoded").path("timestamp").asLong());
                assertThat(a.message().message()).isEqualTo(v.json().path("expected").path("decoded").path("message_string").asText());
                var signer = v.json().path("expected").path("signer");
                if (signer.hasNonNull("id")) {
                    assertThat(a.decoded().gpgSigner()).isNotNull();
                    assertThat(a.decoded().gpgSigner().id()).isEqualTo(signer.get("id").asText());
                    assertThat(a.decoded().gpgSigner().fingerprint()).isEqualTo(signer.get("fpr").asText());
                }
            }
            case "accept-then-reject" -> {
                assertThat(verdicts.get(0).isAccepted()).as("%s", verdicts.get(0)).isTrue();
                assertThat(verdicts.get(1).rejection()).isEqualTo(Rejection.REPLAY);
            }
            case "reject" -> assertThat(verdicts).allSatisfy(x -> {
                assertThat(x.isAccepted()).as("%s", x).isFalse();
                assertThat(LAYERS.get(v.layer())).as("%s for layer %s", x, v.layer()).contains(x.rejection());
            });
            default -> throw new AssertionError("unknown outcome " + v.outcome());
        }
    }

    private List<Verdict> run(GpgLab.Vector v) throws Exception {
        Path conf = Files.writeString(tmp.resolve("access.conf"), v.stanza(tmp));
        AccessConf access = new AccessConfReader(FwknopdConf.defaults(), ZoneOffset.UTC, u -> true).read(conf);
        Clock clock = Clock.fixed(Instant.ofEpochSecond(v.capturedAt() + 1), ZoneOffset.UTC);
        SpaValidator validator = new SpaValidator(clock, new InMemoryDigestStore(), ValidatorSettings.DEFAULTS);
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        return v.packets().stream().map(p -> validator.validate(p, lo, lo, access.stanzas())).toList();
    }
}
