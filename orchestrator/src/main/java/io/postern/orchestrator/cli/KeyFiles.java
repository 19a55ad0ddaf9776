package io.postern.orchestrator.cli;

import io.postern.spa.crypto.KeyMaterial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads keys kept out of the shell history: files in {@code keygen} format ({@code KEY_BASE64: ...},
 * {@code HMAC_KEY_BASE64: ...}, or passphrases as {@code KEY: ...} / {@code HMAC_KEY: ...}) and fwknop's
 * {@code -G/--get-key} format (one {@code <server>: <passphrase>} line per server). Errors never quote
 * a file's contents.
 */
final class KeyFiles {

    /** The encryption and HMAC keys found in one keygen-format text; either may be null. */
    record Pair(KeyMaterial key, KeyMaterial hmacKey) {
    }

    private KeyFiles() {
    }

    static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw CliException.usage("cannot read key file " + file + ": " + e.getClass().getSimpleName());
        }
    }

    /** Whether {@code text} looks like keygen output rather than a bare passphrase. */
    static boolean isKeygenFormat(String text) {
        return !parseNamed(text).isEmpty();
    }

    /** The keys of a keygen-format text. */
    static Pair parseKeygen(String text, String source) {
        Map<String, String> m = parseNamed(text);
        if (m.isEmpty()) {
            throw CliException.usage(source + " has no KEY_BASE64:, KEY:, HMAC_KEY_BASE64: or HMAC_KEY: line");
        }
        return new Pair(key(m, "KEY", source), key(m, "HMAC_KEY", source));
    }

    private static KeyMaterial key(Map<String, String> m, String name, String source) {
        if (m.containsKey(name + "_BASE64")) {
            try {
                return KeyMaterial.ofBase64(m.get(name + "_BASE64"));
            } catch (IllegalArgumentException e) {
                throw CliException.usage(name + "_BASE64 in " + source + " is not base64");
            }
        }
        return m.containsKey(name) ? KeyMaterial.ofPassphrase(m.get(name)) : null;
    }

    private static Map<String, String> parseNamed(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            String t = line.strip();
            int sep = indexOfSeparator(t);
            if (sep <= 0) {
                continue;
            }
            String name = t.substring(0, sep);
            if (name.matches("(HMAC_)?KEY(_BASE64)?")) {
                m.put(name, t.substring(sep + 1).replaceFirst("^[:\\s]+", ""));
            }
        }
        return m;
    }

    private static int indexOfSeparator(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == ':' || c == ' ' || c == '\t') {
                return i;
            }
        }
        return -1;
    }

    /**
     * fwknop's {@code -G} file: the passphrase on the line whose first field (before {@code :}) is
     * {@code server}. Without a server, the file must hold exactly one entry.
     */
    static KeyMaterial fromGetKeyFile(Path file, String server) {
        String found = null;
        int entries = 0;
        for (String line : read(file).split("\r?\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            entries++;
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).replaceFirst("^[ \t]+", "");
            if (server == null || name.equals(server)) {
                found = found == null ? value : found;
            }
        }
        if (server == null && entries != 1) {
            throw CliException.usage("key file " + file + " has " + entries + " entries; name the server with -D");
        }
        if (found == null || found.isEmpty()) {
            throw CliException.usage("key file " + file + " has no '<server>: <key>' line for "
                    + (server == null ? "any server" : "'" + server + "'"));
        }
        return KeyMaterial.ofPassphrase(found);
    }
}
