package io.postern.orchestrator.knock;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Sends one SPA packet to a receiver. Implementations are stateless, open and close their own socket
 * per call, and throw {@link IOException} (refused, unreachable, timed out) rather than retry: a knock
 * is fire-and-forget, and the user simply knocks again.
 */
public interface SpaSender {

    /** How long a TCP connect may take. */
    int CONNECT_TIMEOUT_MILLIS = 5_000;

    /** Sends {@code packet} (ASCII, no newline) to {@code to}. */
    void send(String packet, InetSocketAddress to) throws IOException;
}
