package io.postern.spa.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link DigestStore} in a concurrent map: atomic, thread-safe, lost on exit. For tests and for
 * {@code postern decode}; the daemon uses the durable store.
 */
public final class InMemoryDigestStore implements DigestStore {

    private final ConcurrentMap<String, ReplayRecord> digests = new ConcurrentHashMap<>();

    @Override
    public boolean putIfAbsent(String digest, ReplayRecord info) {
        Objects.requireNonNull(info, "info");
        return digests.putIfAbsent(Objects.requireNonNull(digest, "digest"), info) == null;
    }

    @Override
    public boolean contains(String digest) {
        return digests.containsKey(digest);
    }

    @Override
    public void purgeOlderThan(Instant cutoff) {
        digests.values().removeIf(r -> r.seenAt().isBefore(cutoff));
    }

    /** The record for {@code digest}, if stored. */
    public Optional<ReplayRecord> get(String digest) {
        return Optional.ofNullable(digests.get(digest));
    }

    public int size() {
        return digests.size();
    }
}
