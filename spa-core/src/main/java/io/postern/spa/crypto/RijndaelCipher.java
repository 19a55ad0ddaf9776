package io.postern.spa.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * fwknop's Rijndael layer ({@code lib/cipher_funcs.c}): AES-256 in the configured mode, PKCS#7
 * padding in every mode, key and IV from {@link OpenSslKdf}, and the OpenSSL container
 * {@code "Salted__" || salt || ciphertext} in base64 without {@code =}. Stateless and thread-safe.
 */
public final class RijndaelCipher {

    /** The base64 of {@code "Salted__"}'s start that every Rijndael ciphertext begins with. */
    public static final String SALTED_PREFIX_B64 = "U2FsdGVkX1";
    /** Longest Rijndael key ({@code RIJNDAEL_MAX_KEYSIZE}). */
    public static final int MAX_KEY_LENGTH = 32;
    /** Legacy mode pads shorter keys to, and cuts longer keys at, this length. */
    public static final int LEGACY_KEY_LENGTH = 16;

    private static final byte[] SALTED_MAGIC = "Salted__".getBytes(StandardCharsets.US_ASCII);
    private static final int SALT_LENGTH = 8;
    private static final int BLOCK = 16;
    private static final int MIN_PLAINTEXT = 36;
    private static final int MAX_PLAINTEXT = 1499;

    /** The result of a decryption: the plaintext, or why there is none. */
    public record Decrypted(byte[] plaintext, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private RijndaelCipher() {
    }

    /**
     * The key bytes fwknop actually feeds to the KDF for this mode.
     *
     * @throws IllegalArgumentException if the key is longer than 32 bytes (outside legacy mode)
     */
    public static byte[] effectiveKey(KeyMaterial key, EncryptionMode mode) {
        byte[] k = key.unsafeBytes();
        if (mode == EncryptionMode.LEGACY) {
            if (k.length >= LEGACY_KEY_LENGTH) {
                return Arrays.copyOf(k, LEGACY_KEY_LENGTH);
            }
            byte[] padded = Arrays.copyOf(k, LEGACY_KEY_LENGTH);
            Arrays.fill(padded, k.length, LEGACY_KEY_LENGTH, (byte) '0');
            return padded;
        }
        if (k.length > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("Invalid key length: " + k.length + " bytes (at most "
                    + MAX_KEY_LENGTH + " for Rijndael)");
        }
        return k;
    }

    /**
     * Encrypts and returns the full base64 text, {@code U2FsdGVkX1} prefix included (what the HMAC
     * covers).
     */
    public static String encrypt(byte[] plaintext, KeyMaterial key, EncryptionMode mode, byte[] salt) {
        if (!mode.isRijndael()) {
            throw new IllegalArgumentException("not a Rijndael mode: " + mode);
        }
        if (salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("salt must be 8 bytes");
        }
        int pad = BLOCK - plaintext.length % BLOCK;
        byte[] padded = Arrays.copyOf(plaintext, plaintext.length + pad);
        Arrays.fill(padded, plaintext.length, padded.length, (byte) pad);
        byte[] ct = run(Cipher.ENCRYPT_MODE, padded, effectiveKey(key, mode), salt, mode);
        byte[] out = new byte[BLOCK + ct.length];
        System.arraycopy(SALTED_MAGIC, 0, out, 0, SALTED_MAGIC.length);
        System.arraycopy(salt, 0, out, SALTED_MAGIC.length, SALT_LENGTH);
        System.arraycopy(ct, 0, out, BLOCK, ct.length);
        return SpaBase64.encodeNoPad(out);
    }

    /**
     * Decrypts the full base64 text (prefix restored) with fwknop's checks: whole blocks, plaintext
     * length, and 16 digits followed by {@code :}; and one it skips, the {@code Salted__} header. Malformed input yields an error, never an exception.
     */
    public static Decrypted decrypt(String b64WithPrefix, KeyMaterial key, EncryptionMode mode) {
        byte[] raw = SpaBase64.decodeLenient(b64WithPrefix);
        if (raw == null) {
            return new Decrypted(null, "ciphertext is not base64");
        }
        if (raw.length < 2 * BLOCK || raw.length % BLOCK != 0) {
            return new Decrypted(null, "ciphertext length " + raw.length + " is not a whole number of blocks");
        }
        if (!java.security.MessageDigest.isEqual(Arrays.copyOf(raw, SALTED_MAGIC.length), SALTED_MAGIC)) {
            // fwknop skips this check; without it the magic's bits are free to change, which lets
            // an HMAC-less packet reappear under a new replay digest.
            return new Decrypted(null, "ciphertext does not start with the Salted__ header");
        }
        byte[] k;
        try {
            k = effectiveKey(key, mode);
        } catch (IllegalArgumentException e) {
            return new Decrypted(null, e.getMessage());
        }
        byte[] salt = Arrays.copyOfRange(raw, SALTED_MAGIC.length, BLOCK);
        byte[] pt = run(Cipher.DECRYPT_MODE, Arrays.copyOfRange(raw, BLOCK, raw.length), k, salt, mode);
        int len = pt.length;
        int pad = pt[len - 1] & 0xff;
        if (pad >= 1 && pad <= BLOCK && paddingConsistent(pt, pad)) {
            len -= pad;
        }
        if (len < raw.length - 2 * BLOCK || len < MIN_PLAINTEXT || len > MAX_PLAINTEXT) {
            return new Decrypted(null, "Decryption failed or decrypted data is invalid (length " + len + ")");
        }
        for (int i = 0; i < 16; i++) {
            if (pt[i] < '0' || pt[i] > '9') {
                return new Decrypted(null, "Decryption failed or decrypted data is invalid");
            }
        }
        if (pt[16] != ':') {
            return new Decrypted(null, "Decryption failed or decrypted data is invalid");
        }
        return new Decrypted(Arrays.copyOf(pt, len), null);
    }

    private static boolean paddingConsistent(byte[] pt, int pad) {
        for (int i = pt.length - pad; i < pt.length; i++) {
            if ((pt[i] & 0xff) != pad) {
                return false;
            }
        }
        return true;
    }

    /** One Cipher per thread and mode: getInstance is a provider lookup, dearer than decrypting a packet. */
    private static final ThreadLocal<java.util.Map<EncryptionMode, Cipher>> CIPHERS =
            ThreadLocal.withInitial(() -> new java.util.EnumMap<>(EncryptionMode.class));

    private static Cipher newCipher(EncryptionMode mode) {
        try {
            return Cipher.getInstance(mode.transformation());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES unavailable: " + e.getMessage(), e);
        }
    }

    private static byte[] run(int opmode, byte[] data, byte[] password, byte[] salt, EncryptionMode mode) {
        OpenSslKdf.KeyAndIv kiv = OpenSslKdf.derive(password, salt);
        try {
            Cipher c = CIPHERS.get().computeIfAbsent(mode, RijndaelCipher::newCipher);
            SecretKeySpec spec = new SecretKeySpec(kiv.key(), "AES");
            if (mode.usesIv()) {
                c.init(opmode, spec, new IvParameterSpec(kiv.iv()));
            } else {
                c.init(opmode, spec);
            }
            return c.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES unavailable: " + e.getMessage(), e);
        }
    }
}
