package io.postern.bench;

import io.postern.spa.codec.SpaKeys;
import io.postern.spa.crypto.KeyMaterial;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The keys of one benchmark run: the stanza's Rijndael and HMAC keys, and a second HMAC key that signs
 * the wrong-HMAC packets. Fresh for every run, kept in the run's work folder.
 */
record BenchKeys(String keyB64, String hmacB64, String wrongHmacB64) {

    static BenchKeys generate() {
        SecureRandom r = new SecureRandom();
        return new BenchKeys(b64(r, 32), b64(r, 64), b64(r, 64));
    }

    private static String b64(SecureRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    SpaKeys spaKeys() {
        return SpaKeys.of(KeyMaterial.ofBase64(keyB64), KeyMaterial.ofBase64(hmacB64));
    }

    SpaKeys wrongHmacKeys() {
        return SpaKeys.of(KeyMaterial.ofBase64(keyB64), KeyMaterial.ofBase64(wrongHmacB64));
    }

    /** The key lines of an access.conf stanza (fwknopd and Postern read the same file). */
    String stanzaKeyLines() {
        return "KEY_BASE64 " + keyB64 + ";\nHMAC_KEY_BASE64 " + hmacB64 + ";\nHMAC_DIGEST_TYPE sha256;\n";
    }

    void save(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("key", keyB64);
        p.setProperty("hmac", hmacB64);
        p.setProperty("wrongHmac", wrongHmacB64);
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, "postern bench keys (throw-away)");
        }
    }

    static BenchKeys load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return new BenchKeys(p.getProperty("key"), p.getProperty("hmac"), p.getProperty("wrongHmac"));
    }
}
