package io.postern.spa.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC algorithms of {@code --hmac-digest-type} / {@code HMAC_DIGEST_TYPE}. The receiver never
 * learns the type from the packet: it comes from configuration, which fixes how many trailing
 * characters are the MAC.
 */
public enum HmacType {
    /** @deprecated HMAC-MD5 is kept for old deployments only. */
    @Deprecated
    MD5(1, "md5", "HmacMD5", 22, 16),
    /** @deprecated HMAC-SHA1 is kept for old deployments only. */
    @Deprecated
    SHA1(2, "sha1", "HmacSHA1", 27, 20),
    SHA256(3, "sha256", "HmacSHA256", 43, 64),
    SHA384(4, "sha384", "HmacSHA384", 64, 128),
    SHA512(5, "sha512", "HmacSHA512", 86, 128),
    SHA3_256(6, "sha3_256", "HmacSHA3-256", 43, 64),
    SHA3_512(7, "sha3_512", "HmacSHA3-512", 86, 128);

    /** Longest HMAC key the fwknop client takes ({@code MAX_KEY_LEN}). */
    public static final int MAX_KEY_LENGTH = 128;

    private final int code;
    private final String configName;
    private final String jcaName;
    private final int base64Length;
    private final int generatedKeyLength;

    HmacType(int code, String configName, String jcaName, int base64Length, int generatedKeyLength) {
        this.code = code;
        this.configName = configName;
        this.jcaName = jcaName;
        this.base64Length = base64Length;
        this.generatedKeyLength = generatedKeyLength;
    }

    public int code() {
        return code;
    }

    /** Lower-case config name ({@code sha3_512}). */
    public String configName() {
        return configName;
    }

    /** Number of trailing wire characters that carry the MAC. */
    public int base64Length() {
        return base64Length;
    }

    /** Key length that {@code --key-gen} produces for this type. */
    public int generatedKeyLength() {
        return generatedKeyLength;
    }

    /** HMAC of {@code data} under {@code key}. */
    public byte[] mac(byte[] key, byte[] data) {
        try {
            Mac mac = cached.get();
            // HMAC zero-pads the key to the block size, so one zero byte is the empty key, which
            // SecretKeySpec refuses.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, jcaName));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jcaName + " unavailable", e);
        }
    }

    /** One Mac per thread and type: getInstance is a provider lookup, far dearer than the MAC itself. */
    private final ThreadLocal<Mac> cached = ThreadLocal.withInitial(this::newMac);

    private Mac newMac() {
        try {
            return Mac.getInstance(jcaName);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jcaName + " unavailable", e);
        }
    }

    /** Constant-time comparison of two MACs. */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /**
     * Case-insensitive lookup of a config or command-line name; {@code sha3-256} is accepted as well.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static HmacType fromName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (HmacType t : values()) {
            if (t.configName.equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown HMAC digest type '" + name
                + "' (expected one of md5, sha1, sha256, sha384, sha512, sha3_256, sha3_512)");
    }
}
