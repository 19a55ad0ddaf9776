package io.postern.spa.policy;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * What is remembered about a packet whose digest went into the replay store, so a later replay can
 * be reported as fwknopd does ("original source IP ..., entry created ...").
 *
 * @param seenAt       when the packet was first accepted into the store
 * @param source       the packet's IP-header source
 * @param destination  the packet's IP-header destination
 * @param stanzaNumber 1-based number of the stanza that decoded it
 */
public record ReplayRecord(Instant seenAt, InetAddress source, InetAddress destination, int stanzaNumber) {

    public ReplayRecord {
        Objects.requireNonNull(seenAt, "seenAt");
    }
}
