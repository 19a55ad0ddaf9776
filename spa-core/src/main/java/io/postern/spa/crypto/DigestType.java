package io.postern.spa.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The inner digest appended to every SPA plaintext ({@code -m/--digest-type}). The receiver tells
 * the type from the base64 length of the last field; SHA-256 and SHA3-256 share a length, as do
 * SHA-512 and SHA3-512, so the decoder retries with the SHA-3 variant.
 */
public enum DigestType {
    /** @deprecated MD5 is broken; accepted only for old clients. */
    @Deprecated
    MD5(1, "md5", "MD5", 22),
    /** @deprecated SHA-1 is weak; accepted only for old clients. */
    @Deprecated
    SHA1(2, "sha1", "SHA-1", 27),
    SHA256(3, "sha256", "SHA-256", 43),
    SHA384(4, "sha384", "SHA-384", 64),
    SHA512(5, "sha512", "SHA-512", 86),
    SHA3_256(6, "sha3_256", "SHA3-256", 43),
    SHA3_512(7, "sha3_512", "SHA3-512", 86);

    private final int code;
    private final String configName;
    private final String jcaName;
    private final int base64Length;

    DigestType(int code, String configName, String jcaName, int base64Length) {
        this.code = code;
        this.configName = configName;
        this.jcaName = jcaName;
        this.base64Length = base64Length;
    }

    /** fwknop's enum value. */
    public int code() {
        return code;
    }

    /** The lower-case name used in configs and on the command line ({@code sha3_256}). */
    public String configName() {
        return configName;
    }

    /** Length of the digest in base64 without padding. */
    public int base64Length() {
        return base64Length;
    }

    /** Computes the digest of {@code data}. */
    public byte[] digest(byte[] data) {
        MessageDigest md = cached.get();
        try {
            return md.digest(data); // digest() leaves the instance reset for the next use
        } catch (RuntimeException e) {
            md.reset();
            throw e;
        }
    }

    /** One instance per thread and type: getInstance is a provider lookup, dearer than a short digest. */
    private final ThreadLocal<MessageDigest> cached = ThreadLocal.withInitial(this::newDigest);

    private MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " missing from the JDK", e);
        }
    }

    /** The primary type for a base64 digest length (the SHA-2 one where two share it), or null. */
    public static DigestType forBase64Length(int len) {
        switch (len) {
            case 22: return MD5;
            case 27: return SHA1;
            case 43: return SHA256;
            case 64: return SHA384;
            case 86: return SHA512;
            default: return null;
        }
    }

    /** The SHA-3 type that shares a length with this one, or null. */
    public DigestType sha3Alternative() {
        return this == SHA256 ? SHA3_256 : this == SHA512 ? SHA3_512 : null;
    }

    /**
     * Case-insensitive lookup of a config or command-line name; {@code sha3-256} is accepted as well.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static DigestType fromName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (DigestType t : values()) {
            if (t.configName.equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown digest type '" + name
                + "' (expected one of md5, sha1, sha256, sha384, sha512, sha3_256, sha3_512)");
    }
}
