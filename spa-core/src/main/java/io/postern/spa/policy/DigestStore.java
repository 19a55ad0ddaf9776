package io.postern.spa.policy;

import java.time.Instant;

/**
 * The replay cache: SHA-256 digests of packets already processed. The embedded default lives in the
 * orchestrator's database; {@link InMemoryDigestStore} serves tests and single-process use.
 *
 * <p>Implementations must be thread-safe, and {@link #putIfAbsent} must be atomic: of two threads
 * inserting the same digest at once, exactly one gets {@code true}. An implementation that persists
 * must have the digest durable before it returns {@code true}, since a grant may follow at once.
 */
public interface DigestStore {

    /**
     * Records {@code digest} unless present.
     *
     * @return true if it was new, false if it was already there (the packet is a replay)
     */
    boolean putIfAbsent(String digest, ReplayRecord info);

    /**
     * Whether {@code digest} is present. fwknopd checks this once before trying any stanza; the
     * authoritative check is still {@link #putIfAbsent}.
     */
    boolean contains(String digest);

    /** Forgets digests recorded before {@code cutoff}; packets that old fail the age check anyway. */
    void purgeOlderThan(Instant cutoff);
}
