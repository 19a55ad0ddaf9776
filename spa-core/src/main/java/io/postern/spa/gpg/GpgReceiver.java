package io.postern.spa.gpg;

import io.postern.spa.crypto.KeyMaterial;
import io.postern.spa.crypto.SpaBase64;
import io.postern.spa.gpg.GpgDecryption.Failure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;

/**
 * A stanza's receiving side of GPG mode: where its keys are (GPG_HOME_DIR), which key decrypts
 * (GPG_DECRYPT_ID), the passphrase (GPG_DECRYPT_PW, or none with GPG_ALLOW_NO_PW) and the
 * {@link SignatureRules}. Keys are read on first use and read again when the keyring files change; a
 * failure to read or unlock them refuses each packet with the reason, as fwknopd does.
 */
public final class GpgReceiver {

    private static final int MAX_CACHED = 256;
    private static final Map<List<Object>, GpgReceiver> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private final Path home;
    private final String decryptId;
    private final KeyMaterial passphrase;
    private final SignatureRules rules;
    private final Object lock = new Object();
    private Loaded loaded;

    /**
     * @param home       a GnuPG home, a directory of exported key files, or one key file
     * @param decryptId  the key to decrypt with (fingerprint, key ID or user ID); null for any secret key held
     * @param passphrase the secret key's passphrase, or null/empty for an unprotected key
     * @param rules      the signature rules
     */
    public GpgReceiver(Path home, String decryptId, KeyMaterial passphrase, SignatureRules rules) {
        this.home = Objects.requireNonNull(home, "home");
        this.decryptId = decryptId;
        this.passphrase = passphrase;
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /**
     * The shared receiver for these settings, so that a stanza asked for its keys on every packet
     * reads and unlocks them once (and again only when the files change).
     */
    public static GpgReceiver shared(Path home, String decryptId, KeyMaterial passphrase, SignatureRules rules) {
        List<Object> key = java.util.Arrays.asList(home.toAbsolutePath().normalize(), decryptId, passphrase, rules);
        if (CACHE.size() > MAX_CACHED) {
            CACHE.clear();
        }
        return CACHE.computeIfAbsent(key, k -> new GpgReceiver(home, decryptId, passphrase, rules));
    }

    public SignatureRules rules() {
        return rules;
    }

    /** The state read from disk: keys, or why they could not be had. */
    private record Loaded(List<Long> stamp, GpgKeyring keyring, Map<Long, PGPPrivateKey> privateKeys, String error) {
    }

    /**
     * Decrypts wire data (the prefix dropped, any HMAC already removed) under the first of
     * {@code prefixes} whose message frames as an fwknop GPG message.
     *
     * @param strict no HMAC protects the string: demand canonical base64 and shortest framing
     */
    public GpgDecryption decrypt(String data, List<String> prefixes, boolean strict) {
        byte[] message = null;
        String framing = null;
        for (String p : prefixes) {
            String full = p + data;
            if (strict && !SpaBase64.isCanonicalNoPad(full)) {
                framing = framing != null ? framing : "ciphertext is not canonical base64";
                continue;
            }
            byte[] bytes = SpaBase64.decodeLenient(full);
            String problem = bytes == null ? "not base64" : OpenPgpFraming.check(bytes, strict);
            if (problem == null) {
                message = bytes;
                break;
            }
            framing = framing != null ? framing : problem + " (with prefix " + p + ")";
        }
        if (message == null) {
            return GpgDecryption.failed(Failure.DECRYPT, "not an fwknop OpenPGP message: " + framing);
        }
        Loaded l = load();
        if (l.error != null) {
            return GpgDecryption.failed(Failure.DECRYPT, l.error);
        }
        return GpgDecryptor.decrypt(message, l.privateKeys, l.keyring, rules);
    }

    /** Reads the keys now, for configuration checks. Null when usable, else why not. */
    public String check() {
        return load().error;
    }

    private Loaded load() {
        List<Long> stamp = stamp();
        synchronized (lock) {
            if (loaded == null || !loaded.stamp.equals(stamp)) {
                loaded = read(stamp);
            }
            return loaded;
        }
    }

    private Loaded read(List<Long> stamp) {
        try {
            GpgHome h = GpgHome.open(home);
            List<PGPPublicKeyRing> rings = decryptId == null ? h.keyring().rings() : h.keyring().named(decryptId);
            if (rings.isEmpty()) {
                return new Loaded(stamp, null, null, "no public key for GPG_DECRYPT_ID " + decryptId + " in " + h.description());
            }
            List<PGPPublicKey> candidates = new ArrayList<>();
            rings.forEach(r -> r.forEach(candidates::add));
            char[] pw = passphrase == null ? null : new String(passphrase.bytes(), StandardCharsets.ISO_8859_1).toCharArray();
            Map<Long, PGPPrivateKey> keys = h.privateKeys(candidates, pw);
            if (keys.isEmpty()) {
                return new Loaded(stamp, null, null, "No secret key for " + (decryptId == null ? "any key" : "GPG_DECRYPT_ID " + decryptId)
                        + " in " + h.description());
            }
            return new Loaded(stamp, h.keyring(), Map.copyOf(keys), null);
        } catch (GpgKeyException e) {
            return new Loaded(stamp, null, null, e.getMessage());
        }
    }

    /** Modification times of what the keys are read from, to notice changes. */
    private List<Long> stamp() {
        List<Long> out = new ArrayList<>();
        for (Path p : List.of(home, home.resolve("pubring.kbx"), home.resolve("trustdb.gpg"),
                home.resolve("private-keys-v1.d"))) {
            try {
                out.add(Files.exists(p) ? Files.getLastModifiedTime(p).toMillis() : -1L);
            } catch (IOException e) {
                out.add(-2L);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "GpgReceiver[home=" + home + ", decryptId=" + decryptId + ", passphrase="
                + (passphrase == null || passphrase.length() == 0 ? "<none>" : "<masked>") + ", " + rules + "]";
    }
}
