package io.postern.orchestrator.receive;

/**
 * Where receivers deliver packets: normally the pipeline's intake queue. Called on the receiver's own thread,
 * so it must return quickly (hand the packet off, do not decrypt or touch devices here). A sink that throws is
 * logged and the receiver carries on with the next packet.
 */
@FunctionalInterface
public interface PacketSink {

    /** Takes one packet; must not block for long. */
    void accept(ReceivedPacket packet);
}
