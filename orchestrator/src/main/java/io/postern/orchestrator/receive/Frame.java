package io.postern.orchestrator.receive;

import java.net.InetSocketAddress;

/**
 * What {@link FrameParser} found in one captured frame: either a UDP/TCP payload (as offsets into the caller's
 * array, so nothing is copied until a packet is kept) or the reason it was skipped.
 *
 * @param status        {@link Status#PAYLOAD} or why the frame was skipped
 * @param transport     UDP or TCP when a payload was found
 * @param source        source address and port when a payload was found
 * @param destination   destination address and port when a payload was found
 * @param payloadOffset start of the payload in the frame array
 * @param payloadLength payload length in bytes (at least 1)
 */
public record Frame(Status status, Transport transport, InetSocketAddress source, InetSocketAddress destination,
        int payloadOffset, int payloadLength) {

    /** Why a frame gave no payload, counted by the capture receivers. */
    public enum Status {
        /** A UDP or TCP payload was found. */
        PAYLOAD,
        /** A payload, but not for a kept transport/port ({@link PortFilter}). */
        FILTERED,
        /** A kept transport/port with no payload at all (TCP handshakes and ACKs); never SPA. */
        EMPTY,
        /** Not IPv4 or IPv6 (ARP, LLDP, ...). */
        NOT_IP,
        /** An IP fragment (IPv4 MF/offset, IPv6 fragment header); fragments are not reassembled, as in fwknopd. */
        FRAGMENT,
        /** IP, but neither UDP nor TCP (ICMP included: Postern does not take SPA over ICMP). */
        OTHER_PROTOCOL,
        /** Headers cut short, or the payload cut by the capture's snap length (passing a cut payload would lie). */
        TRUNCATED,
        /** Header fields that contradict each other (bad IHL, bad version, lengths below the header size). */
        MALFORMED,
        /** A link type {@link FrameParser} does not know. */
        UNSUPPORTED_LINK_TYPE
    }

    private static final Frame[] SKIPPED = new Frame[Status.values().length];

    static {
        for (Status s : Status.values()) {
            SKIPPED[s.ordinal()] = new Frame(s, null, null, null, 0, 0);
        }
    }

    static Frame skipped(Status status) {
        return SKIPPED[status.ordinal()];
    }

    /** True when a payload was found. */
    public boolean hasPayload() {
        return status == Status.PAYLOAD;
    }
}
