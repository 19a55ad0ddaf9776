package io.postern.spa.crypto;

import java.util.Locale;

/**
 * fwknop's encryption modes ({@code fko_encryption_mode_t}). All Rijndael modes share the salt,
 * key derivation, PKCS#7 padding and the OpenSSL {@code Salted__} container; {@link #LEGACY} changes
 * only the key handling. PCBC is listed by fwknop but not implemented, so it has no constant here.
 */
public enum EncryptionMode {
    ECB(1, "ecb", "AES/ECB/NoPadding"),
    CBC(2, "cbc", "AES/CBC/NoPadding"),
    CFB(3, "cfb", "AES/CFB/NoPadding"),
    OFB(5, "ofb", "AES/OFB/NoPadding"),
    CTR(6, "ctr", "AES/CTR/NoPadding"),
    /** OpenPGP (GPG) mode. */
    ASYMMETRIC(7, "asymmetric", null),
    /** @deprecated CBC with fwknop's pre-2.5 key handling: the key is padded with '0' or cut to 16 bytes. */
    @Deprecated
    LEGACY(8, "legacy", "AES/CBC/NoPadding");

    private final int code;
    private final String configName;
    private final String transformation;

    EncryptionMode(int code, String configName, String transformation) {
        this.code = code;
        this.configName = configName;
        this.transformation = transformation;
    }

    public int code() {
        return code;
    }

    /** Lower-case name ({@code cbc}, {@code legacy}). */
    public String configName() {
        return configName;
    }

    /** The JCA transformation for Rijndael modes; {@code null} for {@link #ASYMMETRIC}. */
    String transformation() {
        return transformation;
    }

    /** Whether the mode takes an IV (every Rijndael mode but ECB). */
    boolean usesIv() {
        return this != ECB;
    }

    /** Whether this is one of the Rijndael (symmetric) modes. */
    public boolean isRijndael() {
        return this != ASYMMETRIC;
    }

    /**
     * Case-insensitive lookup as fwknop does it ({@code CBC}, {@code legacy}, {@code Asymmetric}).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static EncryptionMode fromName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (EncryptionMode m : values()) {
            if (m.configName.equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown encryption mode '" + name
                + "' (expected one of cbc, ecb, cfb, ofb, ctr, legacy, asymmetric)");
    }
}
