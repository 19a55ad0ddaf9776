package io.postern.spa.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postern.spa.codec.SpaKeys;
import io.postern.spa.crypto.EncryptionMode;
import io.postern.spa.crypto.HmacType;
import io.postern.spa.crypto.KeyMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the packets made by the real fwknop 2.6.10 client from {@code shared/vectors/}: the per-packet
 * files of {@code fwknop-2.6.10/} (with fwknopd's verdict) and the 27 entries of
 * {@code fwknop-2.6.10-modes.json}. The folder comes from the {@code postern.sharedDir} system
 * property (set by the build) or is found by walking up from the working directory.
 */
public final class SharedVectors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedVectors() {
    }

    /** The {@code shared/} folder beside the project. */
    public static Path sharedDir() {
        String prop = System.getProperty("postern.sharedDir");
        if (prop != null && Files.isDirectory(Paths.get(prop, "vectors"))) {
            return Paths.get(prop).toAbsolutePath().normalize();
        }
        Path p = Paths.get("").toAbsolutePath();
        for (; p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("vectors"))) {
                return candidate;
            }
            if (Files.isDirectory(p.resolve("shared/vectors"))) {
                return p.resolve("shared");
            }
        }
        throw new IllegalStateException("shared/vectors not found: set -Dpostern.sharedDir");
    }

    /** One file of {@code fwknop-2.6.10/}. */
    public record PacketVector(String name, JsonNode json) {

        public String kind() {
            return json.path("kind").asText();
        }

        /** accept, reject or accept-then-reject. */
        public String outcome() {
            return json.path("expected").path("outcome").asText();
        }

        /** The layer fwknopd rejected at (size, precheck, hmac, decrypt, age, replay, policy). */
        public String layer() {
            return json.path("expected").path("layer").asText(null);
        }

        /**
         * The packets (one, or two for replay), each byte as one char (ISO-8859-1), as a receiver
         * sees a datagram. Binary garbage is stored hex-encoded ({@code packets_encoding: hex}).
         */
        public List<String> packets() {
            List<String> out = new ArrayList<>();
            boolean hex = "hex".equals(json.path("packets_encoding").asText());
            if (json.hasNonNull("packet")) {
                out.add(json.get("packet").asText());
            } else {
                json.path("packets").forEach(n -> out.add(hex ? fromHex(n.asText()) : n.asText()));
            }
            return out;
        }

        private static String fromHex(String h) {
            byte[] b = java.util.HexFormat.of().parseHex(h);
            return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        public long capturedAt() {
            return (long) json.path("captured_at_unix").asDouble();
        }

        public JsonNode decoded() {
            return json.path("expected").path("decoded");
        }

        /** The server stanza's keys: HMAC type from the stanza, mode from ENCRYPTION_MODE. */
        public SpaKeys serverKeys() {
            JsonNode keys = json.path("keys");
            JsonNode server = json.path("server");
            KeyMaterial key = keys.hasNonNull("rijndael_key_base64")
                    ? KeyMaterial.ofBase64(keys.get("rijndael_key_base64").asText())
                    : KeyMaterial.ofPassphrase(keys.get("rijndael_passphrase").asText());
            KeyMaterial hmac = null;
            if (keys.hasNonNull("hmac_key_base64")) {
                hmac = KeyMaterial.ofBase64(keys.get("hmac_key_base64").asText());
            } else if (keys.hasNonNull("hmac_passphrase")) {
                hmac = KeyMaterial.ofPassphrase(keys.get("hmac_passphrase").asText());
            }
            HmacType ht = server.hasNonNull("hmac_type") ? HmacType.fromName(server.get("hmac_type").asText())
                    : HmacType.SHA256;
            EncryptionMode mode = server.hasNonNull("enc_mode") ? EncryptionMode.fromName(server.get("enc_mode").asText())
                    : EncryptionMode.CBC;
            boolean cmdExec = server.path("extra").path("ENABLE_CMD_EXEC").asText("N").startsWith("Y");
            return new SpaKeys(key, hmac, ht, mode, cmdExec);
        }

        /** The access.conf text fwknopd used for the pcap run. */
        public String accessConf() {
            return json.path("fwknopd_result").path("pcap").path("access_conf").asText();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Every file of {@code vectors/fwknop-2.6.10/}, sorted by name. */
    public static List<PacketVector> packetVectors() {
        Path dir = sharedDir().resolve("vectors/fwknop-2.6.10");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().map(p -> {
                try {
                    String n = p.getFileName().toString();
                    return new PacketVector(n.substring(0, n.length() - 5), JSON.readTree(p.toFile()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One entry of {@code fwknop-2.6.10-modes.json}. */
    public record ModeVector(String name, JsonNode json) {

        public String wire() {
            return json.get("wire").asText();
        }

        public SpaKeys keys() {
            KeyMaterial key = json.hasNonNull("key_b64") ? KeyMaterial.ofBase64(json.get("key_b64").asText())
                    : KeyMaterial.ofPassphrase(json.path("key").asText(json.path("passphrase").asText()));
            KeyMaterial hmac = null;
            if (json.hasNonNull("hmac_key_b64")) {
                hmac = KeyMaterial.ofBase64(json.get("hmac_key_b64").asText());
            } else if (json.hasNonNull("hmac_key")) {
                hmac = KeyMaterial.ofPassphrase(json.get("hmac_key").asText());
            }
            HmacType ht = json.hasNonNull("hmac") ? HmacType.fromName(json.get("hmac").asText()) : HmacType.SHA256;
            EncryptionMode mode = EncryptionMode.fromName(json.path("mode").asText("cbc"));
            return new SpaKeys(key, hmac, ht, mode, false);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public static List<ModeVector> modeVectors() {
        try {
            JsonNode root = JSON.readTree(sharedDir().resolve("vectors/fwknop-2.6.10-modes.json").toFile());
            List<ModeVector> out = new ArrayList<>();
            root.path("vectors").forEach(n -> out.add(new ModeVector(n.path("name").asText(), n)));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
