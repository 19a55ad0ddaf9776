package io.postern.spa;

/**
 * Why a packet was refused. Rejections are values, not exceptions: the decoder and the validator
 * return them, receivers count them, and logs print {@link #name()} with a one-line detail that never
 * contains key material or packet bytes. The {@link Stage} says how far the packet got, in the order
 * of the data path (size, precheck, source, HMAC, decrypt, decode, digest, replay, age, policy).
 */
public enum Rejection {
    /** Shorter than 140 or longer than 1500 characters. */
    SIZE(Stage.SIZE),
    /** Starts with the {@code U2FsdGVkX1} / {@code hQ} prefix that the wire never carries. */
    PREFIX(Stage.PRECHECK),
    /** A character outside the base64 alphabet. */
    NOT_BASE64(Stage.PRECHECK),
    /** No stanza's SOURCE (and DESTINATION) matches the packet's addresses. */
    NO_SOURCE_MATCH(Stage.SOURCE),
    /** The only matching stanzas have expired (ACCESS_EXPIRE). */
    STANZA_EXPIRED(Stage.SOURCE),
    /** The HMAC does not verify with the stanza's key and type, or is missing. */
    HMAC(Stage.HMAC),
    /** The packet's length says GPG (400 characters or more) but the stanza only has a Rijndael key. */
    ENCRYPTION_TYPE(Stage.DECRYPT),
    /** Decryption failed or produced data that is not an SPA plaintext. */
    DECRYPT(Stage.DECRYPT),
    /** The plaintext decrypted but its fields break fwknop's format rules. */
    MALFORMED(Stage.DECODE),
    /** The inner digest does not match the plaintext. */
    DIGEST(Stage.DIGEST),
    /** This exact packet was seen before. */
    REPLAY(Stage.REPLAY),
    /** The timestamp is outside the allowed window (either direction). */
    AGE(Stage.AGE),
    /** The message's allow IP is not a usable address. */
    INVALID_ALLOW_IP(Stage.POLICY),
    /** 0.0.0.0 sent where REQUIRE_SOURCE_ADDRESS demands a real address. */
    SOURCE_ADDRESS_REQUIRED(Stage.POLICY),
    /** REQUIRE_USERNAME does not match. */
    USERNAME(Stage.POLICY),
    /** A NAT request where NAT is not enabled. */
    NAT_NOT_ENABLED(Stage.POLICY),
    /** A command message where ENABLE_CMD_EXEC is off. */
    COMMAND_NOT_ALLOWED(Stage.POLICY),
    /** A requested proto/port is restricted or not among OPEN_PORTS. */
    PORTS_DENIED(Stage.POLICY),
    /**
     * A GPG packet decrypted but its signature breaks the stanza's rules: missing, bad, from an unknown
     * or not-valid key, or a signer outside GPG_FINGERPRINT_ID / GPG_REMOTE_ID.
     */
    SIGNATURE(Stage.POLICY);

    /** How far along the data path a packet got before it was refused. */
    public enum Stage {
        SIZE, PRECHECK, SOURCE, HMAC, DECRYPT, DECODE, DIGEST, REPLAY, AGE, POLICY;

        /** Lower-case name used in logs, metrics labels and JSON. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Stage stage;

    Rejection(Stage stage) {
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }
}
