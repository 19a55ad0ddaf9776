package io.postern.spa;

/**
 * The seven fwknop message types ({@code fko_message_type_t} in fwknop's {@code lib/fko.h}), with the
 * structural facts the codec needs: whether a NAT field and a client timeout follow the message, and
 * how many {@code :} separators the decoder tolerates from the type field on.
 */
public enum MessageType {
    COMMAND(0, "Command msg", false, false, 2),
    ACCESS(1, "Access msg", false, false, 2),
    NAT_ACCESS(2, "NAT access msg", true, false, 3),
    CLIENT_TIMEOUT_ACCESS(3, "Client timeout access msg", false, true, 3),
    CLIENT_TIMEOUT_NAT_ACCESS(4, "Client timeout NAT access msg", true, true, 4),
    LOCAL_NAT_ACCESS(5, "Local NAT access msg", true, false, 3),
    CLIENT_TIMEOUT_LOCAL_NAT_ACCESS(6, "Client timeout local NAT access msg", true, true, 4);

    private final int code;
    private final String displayName;
    private final boolean nat;
    private final boolean timeout;
    private final int maxFieldSeparators;

    MessageType(int code, String displayName, boolean nat, boolean timeout, int maxFieldSeparators) {
        this.code = code;
        this.displayName = displayName;
        this.nat = nat;
        this.timeout = timeout;
        this.maxFieldSeparators = maxFieldSeparators;
    }

    /** The number on the wire (0..6). */
    public int code() {
        return code;
    }

    /** fwknop's own name for the type, as {@code fwknop -T} prints it. */
    public String displayName() {
        return displayName;
    }

    /** Whether a {@code nat_access} field follows the message. */
    public boolean hasNat() {
        return nat;
    }

    /** Whether a client timeout field is required at the end. */
    public boolean hasClientTimeout() {
        return timeout;
    }

    /** Whether this is one of the local NAT types (5, 6). */
    public boolean isLocalNat() {
        return this == LOCAL_NAT_ACCESS || this == CLIENT_TIMEOUT_LOCAL_NAT_ACCESS;
    }

    /** Most {@code :} separators allowed from the type field to the end (digest removed). */
    public int maxFieldSeparators() {
        return maxFieldSeparators;
    }

    /**
     * The type as it must be sent for a given client timeout: fwknop moves 1/2/5 to 3/4/6 when a
     * timeout is set and back when it is 0. A command message never carries a timeout.
     */
    public MessageType withClientTimeout(boolean hasTimeout) {
        switch (this) {
            case ACCESS:
            case CLIENT_TIMEOUT_ACCESS:
                return hasTimeout ? CLIENT_TIMEOUT_ACCESS : ACCESS;
            case NAT_ACCESS:
            case CLIENT_TIMEOUT_NAT_ACCESS:
                return hasTimeout ? CLIENT_TIMEOUT_NAT_ACCESS : NAT_ACCESS;
            case LOCAL_NAT_ACCESS:
            case CLIENT_TIMEOUT_LOCAL_NAT_ACCESS:
                return hasTimeout ? CLIENT_TIMEOUT_LOCAL_NAT_ACCESS : LOCAL_NAT_ACCESS;
            default:
                return this;
        }
    }

    /** The type with this wire code, or {@code null} if the code is not 0..6. */
    public static MessageType fromCode(int code) {
        for (MessageType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
