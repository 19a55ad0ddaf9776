package io.postern.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postern.spa.testing.SharedVectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code decode} on the real fwknop 2.6.10 vectors: recorded fields in, one JSON object out. */
class DecodeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CliRunner cli = new CliRunner();

    private static JsonNode vector(String name) throws Exception {
        return JSON.readTree(Files.readString(SharedVectors.sharedDir().resolve("vectors/fwknop-2.6.10/" + name)));
    }

    private CliRunner.Result decode(JsonNode v, String packet, String... extra) {
        List<String> argv = new java.util.ArrayList<>(List.of("decode",
                "--key-base64-rijndael", v.at("/keys/rijndael_key_base64").asText(),
                "--key-base64-hmac", v.at("/keys/hmac_key_base64").asText()));
        argv.addAll(List.of(extra));
        argv.add(packet);
        return cli.run(argv.toArray(new String[0]));
    }

    @Test
    void jsonHasTheRecordedFields() throws Exception {
        JsonNode v = vector("default.json");
        CliRunner.Result res = decode(v, v.get("packet").asText(), "--json");
        assertThat(res.exit()).as(res.err()).isZero();
        assertThat(res.out().strip().lines()).hasSize(1);
        JsonNode o = JSON.readTree(res.out());
        JsonNode d = v.at("/expected/decoded");
        assertThat(o.get("random").asText()).isEqualTo(d.get("random_value").asText());
        assertThat(o.get("username").asText()).isEqualTo(d.get("username").asText());
        assertThat(o.get("timestamp").asLong()).isEqualTo(d.get("timestamp").asLong());
        assertThat(o.get("version").asText()).isEqualTo(d.get("fko_version").asText());
        assertThat(o.get("message_type").isInt()).isTrue();
        assertThat(o.get("message_type").asInt()).isEqualTo(d.get("message_type").asInt());
        assertThat(o.get("message").asText()).isEqualTo(d.get("message_string").asText());
        assertThat(o.get("nat_access").isNull()).isTrue();
        assertThat(o.get("server_auth").isNull()).isTrue();
        assertThat(o.get("client_timeout").asInt()).isZero();
        assertThat(o.get("digest_type").asText()).isEqualTo("sha256");
        assertThat(o.get("hmac_type").asText()).isEqualTo("sha256");
        assertThat(o.get("encryption_mode").asText()).isEqualTo("cbc");
        Iterator<String> names = o.fieldNames();
        assertThat(names).toIterable().containsExactly("random", "username", "timestamp", "version", "message_type",
                "message", "nat_access", "server_auth", "client_timeout", "digest_type", "hmac_type", "encryption_mode");
    }

    @Test
    void natTimeoutVectorFields() throws Exception {
        JsonNode v = vector("nat-access-timeout.json");
        CliRunner.Result res = decode(v, v.get("packet").asText(), "--json");
        assertThat(res.exit()).as(res.err()).isZero();
        JsonNode o = JSON.readTree(res.out());
        JsonNode d = v.at("/expected/decoded");
        assertThat(o.get("nat_access").asText()).isEqualTo(d.get("nat_access").asText());
        assertThat(o.get("client_timeout").asInt()).isEqualTo(d.get("client_timeout").asInt()).isPositive();
        assertThat(o.get("message_type").asInt()).isEqualTo(d.get("message_type").asInt());
    }

    @Test
    void tamperedPacketIsRejectedByHmac() throws Exception {
        JsonNode v = vector("default.json");
        String p = v.get("packet").asText();
        char c = p.charAt(50);
        String tampered = p.substring(0, 50) + (c == 'A' ? 'B' : 'A') + p.substring(51);
        CliRunner.Result res = decode(v, tampered, "--json");
        assertThat(res.exit()).isEqualTo(1);
        JsonNode o = JSON.readTree(res.out());
        assertThat(o.get("rejected").asText()).isEqualTo("HMAC");
        assertThat(o.has("detail")).isTrue();
        assertThat(o.size()).isEqualTo(2);
    }

    @Test
    void textOutputAndRejectionLine() throws Exception {
        JsonNode v = vector("default.json");
        CliRunner.Result ok = decode(v, v.get("packet").asText());
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).contains(" Message String: 127.0.0.2,tcp/22", "      HMAC Type: 3 (SHA256)");
        CliRunner.Result bad = cli.run("decode", "--key-base64-rijndael", CliRunner.KEY_B64, "--key-hmac",
                "wrong-hmac-s3cr3t", v.get("packet").asText());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).startsWith("postern: packet rejected: HMAC").doesNotContain("s3cr3t");
    }

    @Test
    void packetFromStandardInput() throws Exception {
        JsonNode v = vector("default.json");
        cli.stdin = v.get("packet").asText() + "\n";
        CliRunner.Result res = decode(v, "-", "--json");
        assertThat(res.exit()).as(res.err()).isZero();
        assertThat(JSON.readTree(res.out()).get("username").asText()).isEqualTo("root");
    }

    @Test
    void keysFromAKeygenFile(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        JsonNode v = vector("default.json");
        Path keys = tmp.resolve("keys");
        Files.writeString(keys, "KEY_BASE64: " + v.at("/keys/rijndael_key_base64").asText() + "\nHMAC_KEY_BASE64: "
                + v.at("/keys/hmac_key_base64").asText() + "\n");
        CliRunner.Result res = cli.run("decode", "--key-file", keys.toString(), "--json", v.get("packet").asText());
        assertThat(res.exit()).as(res.err()).isZero();
    }

    @Test
    void legacyVectorWithoutHmac() throws Exception {
        JsonNode v = vector("legacy-mode.json");
        List<String> argv = new java.util.ArrayList<>(List.of("decode", "-M", "legacy", "--json"));
        JsonNode k = v.get("keys");
        if (k.hasNonNull("rijndael_passphrase")) {
            argv.addAll(List.of("--key-rijndael", k.get("rijndael_passphrase").asText()));
        } else {
            argv.addAll(List.of("--key-base64-rijndael", k.get("rijndael_key_base64").asText()));
        }
        argv.add(v.get("packet").asText());
        CliRunner.Result res = cli.run(argv.toArray(new String[0]));
        assertThat(res.exit()).as(res.err()).isZero();
        JsonNode o = JSON.readTree(res.out());
        assertThat(o.get("encryption_mode").asText()).isEqualTo("legacy");
        assertThat(o.get("hmac_type").isNull()).isTrue();
    }
}
