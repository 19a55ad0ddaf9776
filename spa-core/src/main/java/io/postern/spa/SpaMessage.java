package io.postern.spa;

import java.util.Objects;

/**
 * One decoded fwknop SPA message: the nine plaintext fields in wire order, already base64-decoded
 * where the wire encodes them. It is a plain value; whether the message may be acted on is decided by
 * the policy, and typed values (addresses, ports) come from {@link #accessRequest()}.
 *
 * @param randomValue   16 decimal digits
 * @param username      the client's user name
 * @param timestamp     Unix seconds as sent by the client
 * @param version       the protocol version string ({@code 3.0.0} for fwknop 2.6), never interpreted
 * @param type          the message type
 * @param message       the access ({@code ip,proto/port[,...]}) or command ({@code ip,command}) text
 * @param natAccess     {@code host,port} for NAT types, else {@code null}
 * @param serverAuth    the optional server_auth text, else {@code null}
 * @param clientTimeout seconds requested by the client, 0 when absent
 */
public record SpaMessage(
        String randomValue,
        String username,
        long timestamp,
        String version,
        MessageType type,
        String message,
        String natAccess,
        String serverAuth,
        int clientTimeout) {

    /** The version fwknop 2.6 clients send. */
    public static final String PROTOCOL_VERSION = "3.0.0";

    public SpaMessage {
        Objects.requireNonNull(randomValue, "randomValue");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
        if (clientTimeout < 0) {
            throw new IllegalArgumentException("clientTimeout < 0: " + clientTimeout);
        }
    }

    /**
     * The message parsed into typed values. Throws {@link IllegalArgumentException} if the text does
     * not parse; messages produced by {@code SpaDecoder} always do.
     */
    public AccessRequest accessRequest() {
        return AccessRequest.parse(this);
    }
}
