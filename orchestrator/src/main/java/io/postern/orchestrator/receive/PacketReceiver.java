package io.postern.orchestrator.receive;

import java.io.IOException;

/**
 * A running source of packets ({@link UdpReceiver}, {@link PcapLiveReceiver}) with an idempotent lifecycle, so
 * {@code postern serve} can start and stop any of them the same way.
 */
public interface PacketReceiver extends AutoCloseable {

    /**
     * Opens the sockets or capture handle and starts delivering to the sink on background threads. A second call
     * does nothing; after {@link #close()} it throws {@link IllegalStateException}. Failure leaves nothing open.
     *
     * @throws ReceiverException with one line naming what could not be opened and why
     */
    void start() throws IOException;

    /** Stops every thread and frees every port or handle; waits for the threads to end. Idempotent. */
    @Override
    void close();
}
