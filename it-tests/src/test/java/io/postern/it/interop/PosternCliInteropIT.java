package io.postern.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postern.it.support.FwknopClient;
import io.postern.it.support.Fwknopd;
import io.postern.it.support.FwknopdStanza;
import io.postern.it.support.KeySpec;
import io.postern.it.support.PosternJar;
import io.postern.it.support.ProcessRunner;
import io.postern.it.support.SpaRequest;
import io.postern.it.support.Tools;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.crypto.EncryptionMode;
import io.postern.spa.crypto.HmacType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code postern} command against the real fwknop: {@code postern decode --json} reads
 * packets from the real client, and packets from {@code postern knock -T -B FILE} are accepted by the
 * real fwknopd. Each case is one JVM start, so the matrix here is small; the codec's full matrix runs
 * in-process in {@link FwknopClientInteropIT} and {@link FwknopdInteropIT}.
 */
class PosternCliInteropIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KeySpec BASE64 = KeySpec.randomBase64(new SecureRandom());
    private static final KeySpec PASSPHRASES = KeySpec.passphrases("postern-cli-pass", "postern-cli-hmac");

    @TempDir
    Path dir;
    PosternJar postern;

    @BeforeEach
    void jar() {
        postern = PosternJar.require(dir);
    }

    @Test
    void decodeJsonReadsPacketsFromTheRealClient() throws Exception {
        Tools.requireFwknop();
        FwknopClient client = new FwknopClient(dir);
        record Case(SpaRequest req, KeySpec keys, EncryptionMode mode, DigestType digest, HmacType hmac) {
        }
        List<Case> cases = List.of(
                new Case(SpaRequest.access("tcp/22"), BASE64, EncryptionMode.CBC, DigestType.SHA256, HmacType.SHA256),
                new Case(SpaRequest.access("tcp/22", "udp/53").withNat("198.18.200.2:2222").withTimeout(45),
                        PASSPHRASES, EncryptionMode.CTR, DigestType.SHA3_512, HmacType.SHA512),
                new Case(SpaRequest.access("udp/1194").withSourceIp(), BASE64, EncryptionMode.CFB, DigestType.SHA384,
                        HmacType.SHA3_256),
                new Case(SpaRequest.command("echo postern-it"), PASSPHRASES.withoutHmac(), EncryptionMode.LEGACY,
                        DigestType.SHA1, null));
        for (Case c : cases) {
            FwknopClient.Packet p = client.make(FwknopClientInteropIT.clientArgs(c.req(), c.keys(), c.mode(), c.digest(),
                    c.hmac()));
            ProcessRunner.Result r = postern.run(decodeArgs(p.wire(), c.keys(), c.mode(), c.hmac()));
            assertThat(r.exitCode()).as(r.describe()).isZero();
            JsonNode j = JSON.readTree(r.stdout());
            assertThat(j.path("random").asText()).isEqualTo(p.printed().get("Random Value"));
            assertThat(j.path("username").asText()).isEqualTo(FwknopClient.USER);
            assertThat(j.path("timestamp").asText()).isEqualTo(p.printed().get("Timestamp"));
            assertThat(j.path("version").asText()).isEqualTo("3.0.0");
            assertThat(j.path("message_type").asInt()).isEqualTo(c.req().type().code());
            assertThat(j.path("message").asText()).isEqualTo(c.req().message());
            assertThat(j.path("nat_access").isNull() ? null : j.path("nat_access").asText()).isEqualTo(c.req().natAccess());
            assertThat(j.path("client_timeout").asInt()).isEqualTo(c.req().timeout());
            assertThat(j.path("digest_type").asText()).isEqualTo(c.digest().configName());
            assertThat(j.path("encryption_mode").asText()).isEqualTo(c.mode().configName());
            if (c.hmac() != null) {
                assertThat(j.path("hmac_type").asText()).isEqualTo(c.hmac().configName());
                KeySpec wrong = new KeySpec(c.keys().key(), c.keys().keyBase64(), "wrong-hmac-key", false);
                ProcessRunner.Result bad = postern.run(decodeArgs(p.wire(), wrong, c.mode(), c.hmac()));
                assertThat(bad.exitCode()).as(bad.describe()).isNotZero();
                assertThat(JSON.readTree(bad.stdout()).path("rejected").asText()).isEqualTo("HMAC");
            }
        }
    }

    @Test
    void fwknopdAcceptsPacketsFromPosternKnock() throws Exception {
        Tools.requireFwknopd();
        List<SpaRequest> base64Requests = List.of(
                SpaRequest.access("tcp/22"),
                SpaRequest.access("tcp/22", "udp/53").withNat("198.18.200.2:2222").withTimeout(45),
                SpaRequest.access("udp/1194").withSourceIp(),
                SpaRequest.access("tcp/22").withNatLocal().withNatPort(2022));
        FwknopdBatch b64 = new FwknopdBatch();
        for (SpaRequest req : base64Requests) {
            b64.accept(knock(req, BASE64, List.of("-m", "sha512")), req, DigestType.SHA512.code(), 3, 2);
        }
        b64.assertVerdicts(new Fwknopd(dir).stanza(FwknopdStanza.any(BASE64, "sha256", "cbc")).readPcap(b64.datagrams()));

        SpaRequest req = SpaRequest.access("tcp/2222").withUser("alice").withTimeout(120);
        List<String> opts = List.of("-M", "ctr", "--hmac-digest-type", "sha384", "-m", "sha3_256");
        FwknopdBatch pass = new FwknopdBatch().accept(knock(req, PASSPHRASES, opts), req, DigestType.SHA3_256.code(),
                HmacType.SHA384.code(), EncryptionMode.CTR.code());
        pass.assertVerdicts(new Fwknopd(dir).stanza(FwknopdStanza.any(PASSPHRASES, "sha384", "ctr")).readPcap(pass.datagrams()));
    }

    private String knock(SpaRequest req, KeySpec keys, List<String> extra) throws Exception {
        Path file = Files.createTempFile(dir, "knock-", ".txt");
        List<String> args = new ArrayList<>(List.of("knock", "-T", "-B", file.toString(), "--no-rc-file", "-D", SpaRequest.SERVER));
        args.addAll(req.clientArgs());
        args.addAll(keys.clientArgs());
        args.addAll(extra);
        ProcessRunner.Result r = postern.run(args);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        String saved = Files.readString(file, StandardCharsets.US_ASCII);
        assertThat(saved).endsWith("\n").doesNotContain("\r");
        return saved.substring(0, saved.length() - 1);
    }

    private static List<String> decodeArgs(String wire, KeySpec keys, EncryptionMode mode, HmacType hmac) {
        List<String> a = new ArrayList<>(List.of("decode", "--json", "-M", mode.configName()));
        a.addAll(keys.clientArgs());
        if (hmac != null) {
            a.addAll(List.of("--hmac-digest-type", hmac.configName()));
        }
        a.add(wire);
        return a;
    }
}
