package io.postern.orchestrator.receive;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One candidate SPA payload as a receiver saw it, before any decoding: what the pipeline needs for the
 * prechecks, the SOURCE/DESTINATION match, {@code $DST} and the replay cache.
 *
 * @param payload      the payload, one char per byte (ISO-8859-1), exactly as received (after HTTP unwrapping)
 * @param source       the packet's source address and port (IP header / socket peer)
 * @param destination  the real local address and port the packet was sent to, never the wildcard
 * @param transport    how it arrived
 * @param receivedAt   when it arrived (capture time for capture files)
 * @param forwardedFor for {@link Transport#HTTP} with X-Forwarded-For enabled, the header's IPv4 address; else null
 */
public record ReceivedPacket(
        String payload,
        InetSocketAddress source,
        InetSocketAddress destination,
        Transport transport,
        Instant receivedAt,
        Inet4Address forwardedFor) {

    public ReceivedPacket {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** A packet without X-Forwarded-For, built from raw bytes (ISO-8859-1, so every byte maps to one char). */
    public static ReceivedPacket of(byte[] data, int offset, int length, InetSocketAddress source,
            InetSocketAddress destination, Transport transport, Instant receivedAt) {
        return new ReceivedPacket(new String(data, offset, length, StandardCharsets.ISO_8859_1), source, destination,
                transport, receivedAt, null);
    }

    /** The payload length in bytes (equal to its length in chars). */
    public int length() {
        return payload.length();
    }

    /** The X-Forwarded-For address, if the packet came over HTTP with one and it was enabled. */
    public Optional<Inet4Address> forwardedForAddress() {
        return Optional.ofNullable(forwardedFor);
    }

    /** Never prints the payload, only its length. */
    @Override
    public String toString() {
        return "ReceivedPacket[" + transport + " " + source + " -> " + destination + " length=" + payload.length()
                + (forwardedFor == null ? "" : " xff=" + forwardedFor.getHostAddress()) + " at " + receivedAt + "]";
    }
}
