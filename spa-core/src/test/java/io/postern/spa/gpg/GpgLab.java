package io.postern.spa.gpg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postern.spa.testing.SharedVectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The GPG vectors of {@code shared/vectors/gpg/}: their JSON, the lab's keys and GnuPG homes, and the
 * stanza text with {@code <lab>/gpg/...} mapped to that folder. Homes the lab used but did not ship
 * ({@code ecc-server}, {@code server-a-only}, {@code server-pw-noloop}) are rebuilt as directories of
 * the exported key files that {@code keys.json} says they held (Postern reads those as a key-file home).
 */
final class GpgLab {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GpgLab() {
    }

    static Path dir() {
        return SharedVectors.sharedDir().resolve("vectors/gpg");
    }

    static JsonNode keysJson() {
        return read(dir().resolve("keys/keys.json"));
    }

    static JsonNode read(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One vector file. */
    record Vector(String name, JsonNode json) {
        @Override
        public String toString() {
            return name;
        }

        List<String> packets() {
            if (json.hasNonNull("packet")) {
                return List.of(json.get("packet").asText());
            }
            return java.util.stream.StreamSupport.stream(json.get("packets").spliterator(), false)
                    .map(JsonNode::asText).toList();
        }

        String outcome() {
            return json.path("expected").path("outcome").asText();
        }

        String layer() {
            return json.path("expected").path("layer").asText(null);
        }

        long capturedAt() {
            return (long) json.path("captured_at_unix").asDouble();
        }

        /** The prefix the lab found the client stripped (hQ or hF). */
        String strippedPrefix() {
            return json.path("lab_analysis").path("stripped_prefix").asText("hQ");
        }

        /**
         * The stanza as access.conf text, {@code <lab>/gpg} mapped to the shared folder (missing homes
         * rebuilt under {@code tmp}) and the CMD_CYCLE commands' {@code <lab>}/{@code <run>} to {@code tmp}.
         */
        String stanza(Path tmp) throws IOException {
            String text = json.path("server").path("stanza_text").asText();
            String home = json.path("server").path("gpg_home").asText().replace("<lab>/gpg/", "");
            Path real = dir().resolve(home);
            if (!Files.isDirectory(real)) {
                real = rebuildHome(home.substring(home.indexOf('/') + 1), tmp);
            }
            text = text.replace("<lab>/gpg/" + home, real.toString());
            return text.replace("<lab>", tmp.toString()).replace("<run>", tmp.toString());
        }
    }

    static List<Vector> vectors() {
        try (Stream<Path> s = Files.list(dir().resolve("vectors"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted()
                    .map(p -> new Vector(p.getFileName().toString().replace(".json", ""), read(p))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A key-file home with the secret and the (valid) public keys {@code keys.json} lists for it. */
    static Path rebuildHome(String name, Path tmp) throws IOException {
        JsonNode h = keysJson().path("homes").path(name);
        if (h.isMissingNode()) {
            throw new IllegalStateException("keys.json has no home " + name);
        }
        Path out = Files.createDirectories(tmp.resolve("homes").resolve(name));
        boolean protectedKey = name.startsWith("server-pw");
        for (JsonNode s : h.path("secret_keys")) {
            String file = protectedKey && s.asText().equals("server") ? "server-pw.sec.asc" : s.asText() + ".sec.asc";
            Files.copy(dir().resolve("keys").resolve(file), out.resolve(s.asText() + ".sec.asc"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = h.path("public_keys_validity").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            boolean valid = List.of("marginal", "full", "ultimate").contains(e.getValue().asText());
            Path target = out.resolve(e.getKey() + ".pub.asc");
            if (valid && !Files.exists(out.resolve(e.getKey() + ".sec.asc"))) {
                Files.copy(dir().resolve("keys").resolve(e.getKey() + ".pub.asc"), target);
            }
        }
        return out;
    }
}
