package io.postern.orchestrator.event;

import io.postern.orchestrator.ledger.Grant;
import io.postern.spa.Rejection;
import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * Observer of every packet decision and grant transition, in start/end/failed pairs. Methods are called
 * on the pipeline's and the timers' threads: they must be fast and must not throw. Arguments never
 * contain key material.
 */
public interface PosternEventListener {

    /** Ignores everything. */
    PosternEventListener NONE = new PosternEventListener() {
    };

    /** A datagram or captured payload arrived. */
    default void packetReceived(InetSocketAddress source, int length) {
    }

    /** The validator decided a packet (accepted or not) in {@code nanos} nanoseconds. */
    default void packetValidated(InetSocketAddress source, long nanos) {
    }

    /**
     * A packet was refused.
     *
     * @param stanza the stanza label that got furthest, or null if none matched
     */
    default void packetRejected(InetSocketAddress source, String stanza, Rejection reason, String detail) {
    }

    /** A packet was accepted by a stanza (before anything opens). */
    default void packetAccepted(InetSocketAddress source, String stanza, String username, String request) {
    }

    /** A grant opened on its target. */
    default void grantOpened(Grant grant, long openMillis) {
    }

    /** A re-knock extended an open grant. */
    default void grantExtended(Grant grant, Instant newExpiry) {
    }

    /** An open failed; nothing stays open. {@code deviceOutput} is the target's own words. */
    default void grantOpenFailed(Grant grant, String deviceOutput) {
    }

    /** A grant closed on its target. */
    default void grantClosed(Grant grant) {
    }

    /** One close attempt on the grant's target took {@code nanos} nanoseconds; {@code closed} if it worked. */
    default void grantCloseAttempted(Grant grant, long nanos, boolean closed) {
    }

    /** A close failed and will be retried at {@code nextAttempt}. */
    default void grantCloseFailed(Grant grant, String deviceOutput, Instant nextAttempt) {
    }
}
