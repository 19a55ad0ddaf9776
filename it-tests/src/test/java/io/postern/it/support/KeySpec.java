package io.postern.it.support;

import io.postern.spa.codec.SpaKeys;
import io.postern.spa.crypto.EncryptionMode;
import io.postern.spa.crypto.HmacType;
import io.postern.spa.crypto.KeyMaterial;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One pair of test keys as a user would write them: each either a passphrase or base64. It renders
 * them the three ways the tests need: fwknop client options, access.conf directives and Postern's
 * {@link SpaKeys}.
 *
 * @param key        the Rijndael key (passphrase or base64)
 * @param keyBase64  whether {@code key} is base64
 * @param hmacKey    the HMAC key, or {@code null} for no HMAC
 * @param hmacBase64 whether {@code hmacKey} is base64
 */
public record KeySpec(String key, boolean keyBase64, String hmacKey, boolean hmacBase64) {

    /** Passphrase keys ({@code --key-rijndael}, {@code KEY}). */
    public static KeySpec passphrases(String key, String hmacKey) {
        return new KeySpec(key, false, hmacKey, false);
    }

    /** Fresh random base64 keys: 32-byte Rijndael key and a 64-byte HMAC key, as fwknop's key-gen. */
    public static KeySpec randomBase64(SecureRandom random) {
        return new KeySpec(randomB64(random, 32), true, randomB64(random, 64), true);
    }

    /** The same Rijndael key without any HMAC. */
    public KeySpec withoutHmac() {
        return new KeySpec(key, keyBase64, null, false);
    }

    public boolean hasHmac() {
        return hmacKey != null;
    }

    public KeyMaterial keyMaterial() {
        return keyBase64 ? KeyMaterial.ofBase64(key) : KeyMaterial.ofPassphrase(key);
    }

    public KeyMaterial hmacMaterial() {
        if (hmacKey == null) {
            return null;
        }
        return hmacBase64 ? KeyMaterial.ofBase64(hmacKey) : KeyMaterial.ofPassphrase(hmacKey);
    }

    /** Postern's keys for this spec. */
    public SpaKeys spaKeys(HmacType hmacType, EncryptionMode mode) {
        return new SpaKeys(keyMaterial(), hmacMaterial(), hmacType, mode, false);
    }

    /** The fwknop client options carrying these keys. */
    public List<String> clientArgs() {
        List<String> a = new ArrayList<>(List.of(keyBase64 ? "--key-base64-rijndael" : "--key-rijndael", key));
        if (hmacKey != null) {
            a.addAll(List.of(hmacBase64 ? "--key-base64-hmac" : "--key-hmac", hmacKey));
        }
        return a;
    }

    /** Adds the key directives to an access.conf stanza. */
    public FwknopdStanza applyTo(FwknopdStanza s) {
        s.set(keyBase64 ? "KEY_BASE64" : "KEY", key);
        if (hmacKey != null) {
            s.set(hmacBase64 ? "HMAC_KEY_BASE64" : "HMAC_KEY", hmacKey);
        }
        return s;
    }

    static String randomB64(SecureRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    @Override
    public String toString() {
        return (keyBase64 ? "base64" : "passphrase(" + key.length() + ")") + (hmacKey == null ? ", no HMAC"
                : hmacBase64 ? ", base64 HMAC key" : ", HMAC passphrase");
    }
}
