package io.postern.orchestrator.event;

import io.postern.orchestrator.ledger.Grant;
import io.postern.spa.Rejection;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans events out to several listeners; a listener that throws is logged and skipped, never fatal. */
public final class CompositeEventListener implements PosternEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(CompositeEventListener.class);
    private final List<PosternEventListener> listeners;

    public CompositeEventListener(List<PosternEventListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    private void each(Consumer<PosternEventListener> call) {
        for (PosternEventListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("event listener {} failed: {}", l.getClass().getSimpleName(), e.toString());
            }
        }
    }

    @Override
    public void packetReceived(InetSocketAddress source, int length) {
        each(l -> l.packetReceived(source, length));
    }

    @Override
    public void packetValidated(InetSocketAddress source, long nanos) {
        each(l -> l.packetValidated(source, nanos));
    }

    @Override
    public void grantCloseAttempted(Grant grant, long nanos, boolean closed) {
        each(l -> l.grantCloseAttempted(grant, nanos, closed));
    }

    @Override
    public void packetRejected(InetSocketAddress source, String stanza, Rejection reason, String detail) {
        each(l -> l.packetRejected(source, stanza, reason, detail));
    }

    @Override
    public void packetAccepted(InetSocketAddress source, String stanza, String username, String request) {
        each(l -> l.packetAccepted(source, stanza, username, request));
    }

    @Override
    public void grantOpened(Grant grant, long openMillis) {
        each(l -> l.grantOpened(grant, openMillis));
    }

    @Override
    public void grantExtended(Grant grant, Instant newExpiry) {
        each(l -> l.grantExtended(grant, newExpiry));
    }

    @Override
    public void grantOpenFailed(Grant grant, String deviceOutput) {
        each(l -> l.grantOpenFailed(grant, deviceOutput));
    }

    @Override
    public void grantClosed(Grant grant) {
        each(l -> l.grantClosed(grant));
    }

    @Override
    public void grantCloseFailed(Grant grant, String deviceOutput, Instant nextAttempt) {
        each(l -> l.grantCloseFailed(grant, deviceOutput, nextAttempt));
    }
}
