package io.postern.spa.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * OpenSSL's {@code EVP_BytesToKey(MD5, salt, count = 1)}, which fwknop uses to turn a key and an
 * 8-byte salt into an AES-256 key and a 128-bit IV ({@code rij_salt_and_iv}). It is a single MD5
 * chain, not a password hash: the security rests on keys being random (use {@code --key-gen}).
 */
public final class OpenSslKdf {

    /** AES key (32 bytes) and IV (16 bytes). */
    public record KeyAndIv(byte[] key, byte[] iv) {
    }

    /** One MD5 per thread: getInstance is a provider lookup, dearer than the three digests. */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private OpenSslKdf() {
    }

    /** Derives key and IV from the password bytes and salt. */
    public static KeyAndIv derive(byte[] password, byte[] salt) {
        MessageDigest md5 = MD5.get();
        md5.reset();
        byte[] out = new byte[48];
        byte[] prev = new byte[0];
        for (int off = 0; off < 48; off += 16) {
            md5.update(prev);
            md5.update(password);
            md5.update(salt);
            prev = md5.digest();
            System.arraycopy(prev, 0, out, off, 16);
        }
        byte[] key = java.util.Arrays.copyOfRange(out, 0, 32);
        byte[] iv = java.util.Arrays.copyOfRange(out, 32, 48);
        return new KeyAndIv(key, iv);
    }
}
