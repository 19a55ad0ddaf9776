package io.postern.spa.codec;

import io.postern.spa.crypto.EncryptionMode;
import io.postern.spa.crypto.HmacType;
import io.postern.spa.crypto.KeyMaterial;
import io.postern.spa.gpg.GpgKeys;
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
 * @param gpg                 the GPG keys (stanza with GPG_DECRYPT_PW/GPG_ALLOW_NO_PW, or {@code fwknop -g}),
 *                            or {@code null}; a GPG-only stanza has an empty {@code key} and mode
 *                            {@link EncryptionMode#ASYMMETRIC}
 */
public record SpaKeys(KeyMaterial key, KeyMaterial hmacKey, HmacType hmacType, EncryptionMode mode,
                      boolean rijndaelAtAnyLength, GpgKeys gpg) {

    /** Keys without GPG. */
    public SpaKeys(KeyMaterial key, KeyMaterial hmacKey, HmacType hmacType, EncryptionMode mode,
                   boolean rijndaelAtAnyLength) {
        this(key, hmacKey, hmacType, mode, rijndaelAtAnyLength, null);
    }

    public SpaKeys {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(hmacType, "hmacType");
        Objects.requireNonNull(mode, "mode");
    }

    /** Keys with fwknop's defaults: HMAC-SHA256 (if a key is given) and CBC. */
    public static SpaKeys of(KeyMaterial key, KeyMaterial hmacKey) {
        return new SpaKeys(key, hmacKey, HmacType.SHA256, EncryptionMode.CBC, false);
    }

    /** GPG-only keys (no Rijndael key) with an optional HMAC. */
    public static SpaKeys gpgOnly(GpgKeys gpg, KeyMaterial hmacKey, HmacType hmacType) {
        return new SpaKeys(KeyMaterial.ofBytes(new byte[0]), hmacKey, hmacType, EncryptionMode.ASYMMETRIC, false,
                Objects.requireNonNull(gpg, "gpg"));
    }

    public SpaKeys withHmacType(HmacType t) {
        return new SpaKeys(key, hmacKey, t, mode, rijndaelAtAnyLength, gpg);
    }

    public SpaKeys withMode(EncryptionMode m) {
        return new SpaKeys(key, hmacKey, hmacType, m, rijndaelAtAnyLength, gpg);
    }

    public SpaKeys withRijndaelAtAnyLength(boolean b) {
        return new SpaKeys(key, hmacKey, hmacType, mode, b, gpg);
    }

    public SpaKeys withGpg(GpgKeys g) {
        return new SpaKeys(key, hmacKey, hmacType, mode, rijndaelAtAnyLength, g);
    }

    /** Whether GPG keys are present. */
    public boolean hasGpg() {
        return gpg != null;
    }

    /** Whether a usable Rijndael key is present. */
    public boolean hasRijndaelKey() {
        return mode.isRijndael() && key.length() > 0;
    }

    public boolean hasHmac() {
        return hmacKey != null;
    }

    @Override
    public String toString() {
        return "SpaKeys[key=" + key + ", hmacKey=" + hmacKey + ", hmacType=" + hmacType.configName()
                + ", mode=" + mode.configName() + (gpg == null ? "" : ", gpg=" + gpg) + "]";
    }
}
