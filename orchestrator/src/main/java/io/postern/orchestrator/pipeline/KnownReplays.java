package io.postern.orchestrator.pipeline;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replay digests the validator has already refused, remembered in memory so that further copies of the same
 * packet are refused on the receiver's thread, before the worker queue and without a ledger query. A replay
 * flood (one captured packet sent over and over, which passes the HMAC check) would otherwise fill the queue
 * that real knocks wait in.
 *
 * <p>Only a cache: the ledger's digest table stays the authority, and a digest is added here only after the
 * ledger said "replay". Bounded: when full it is emptied and refills from the ledger's answers.
 */
final class KnownReplays {

    private final int capacity;
    private final Set<String> digests = ConcurrentHashMap.newKeySet();

    KnownReplays(int capacity) {
        this.capacity = capacity;
    }

    boolean contains(String digest) {
        return digests.contains(digest);
    }

    void add(String digest) {
        if (digests.size() >= capacity) {
            digests.clear();
        }
        digests.add(digest);
    }

    /** True until the first replay: then no packet needs its digest computed on the receiver's thread. */
    boolean isEmpty() {
        return digests.isEmpty();
    }
}
