package io.postern.spa.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * Secret bytes (an encryption or HMAC key) that never print themselves: {@link #toString()} shows
 * only the length and a short SHA-256 fingerprint, so a key can be named in a log line or an error
 * without leaking it.
 */
public final class KeyMaterial {

    private final byte[] bytes;

    private KeyMaterial(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    /** Raw key bytes. */
    public static KeyMaterial ofBytes(byte[] bytes) {
        return new KeyMaterial(Objects.requireNonNull(bytes, "bytes"));
    }

    /** A passphrase key ({@code KEY}, {@code --key-rijndael}): the ASCII bytes exactly as given. */
    public static KeyMaterial ofPassphrase(String passphrase) {
        return new KeyMaterial(passphrase.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * A base64 key ({@code KEY_BASE64}, {@code --key-base64-rijndael}). fwknop accepts only the
     * standard alphabet and {@code =}.
     *
     * @throws IllegalArgumentException if the text is not base64
     */
    public static KeyMaterial ofBase64(String b64) {
        String s = b64.trim();
        for (int i = 0; i < s.length(); i++) {
            if (!SpaBase64.isBase64Char(s.charAt(i)) && s.charAt(i) != '=') {
                throw new IllegalArgumentException("key is not base64 (character " + (i + 1) + ")");
            }
        }
        byte[] decoded = SpaBase64.decodeLenient(s);
        if (decoded == null) {
            throw new IllegalArgumentException("key is not valid base64");
        }
        return new KeyMaterial(decoded);
    }

    /** A copy of the key bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The key bytes without a copy, for the crypto code in this package. */
    byte[] unsafeBytes() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    /** Base64 with padding, the form {@code --key-gen} prints. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** First 8 hex digits of SHA-256 over the key: safe to log, enough to tell keys apart. */
    public String fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                b.append(String.format("%02x", d[i]));
            }
            return b.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time equality of the key bytes. */
    public boolean sameAs(KeyMaterial other) {
        return other != null && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyMaterial && sameAs((KeyMaterial) o);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "<masked " + bytes.length + " bytes, sha256:" + fingerprint() + ">";
    }
}
