package io.postern.spa.codec;

import io.postern.spa.crypto.EncryptionMode;
import io.postern.spa.crypto.HmacType;
import io.postern.spa.crypto.KeyMaterial;
import java.util.Objects;

/**
 * The keys and algorithm choices one stanza (server) or one invocation (client) uses. The HMAC type
 * and encryption mode always come from here, never from the packet.
 *
 * @param key                 the Rijndael key
 * @param hmacKey             the HMAC key, or {@code null} for a stanza without HMAC
 * @param hmacType            the HMAC algorithm (ignored without an HMAC key)
 * @param mode                the Rijndael mode
 * @param rijndaelAtAnyLength decode as Rijndael even at 400 characters or more, which fwknopd does only
 *                            for stanzas with {@code ENABLE_CMD_EXEC}
 */
public record SpaKeys(KeyMaterial key, KeyMaterial hmacKey, HmacType hmacType, EncryptionMode mode,
                      boolean rijndaelAtAnyLength) {

    public SpaKeys {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(hmacType, "hmacType");
        Objects.requireNonNull(mode, "mode");
    }

    /** Keys with fwknop's defaults: HMAC-SHA256 (if a key is given) and CBC. */
    public static SpaKeys of(KeyMaterial key, KeyMaterial hmacKey) {
        return new SpaKeys(key, hmacKey, HmacType.SHA256, EncryptionMode.CBC, false);
    }

    public SpaKeys withHmacType(HmacType t) {
        return new SpaKeys(key, hmacKey, t, mode, rijndaelAtAnyLength);
    }

    public SpaKeys withMode(EncryptionMode m) {
        return new SpaKeys(key, hmacKey, hmacType, m, rijndaelAtAnyLength);
    }

    public SpaKeys withRijndaelAtAnyLength(boolean b) {
        return new SpaKeys(key, hmacKey, hmacType, mode, b);
    }

    public boolean hasHmac() {
        return hmacKey != null;
    }

    @Override
    public String toString() {
        return "SpaKeys[key=" + key + ", hmacKey=" + hmacKey + ", hmacType=" + hmacType.configName()
                + ", mode=" + mode.configName() + "]";
    }
}
