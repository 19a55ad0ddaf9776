package io.postern.orchestrator.event;

import io.postern.orchestrator.ledger.Grant;
import io.postern.spa.Rejection;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records events as short strings ({@code rejected:HMAC}, {@code opened:tcp/22@local}) for tests and
 * for the demo's step checks.
 */
public final class RecordingEventListener implements PosternEventListener {

    private final List<String> events = new CopyOnWriteArrayList<>();

    public List<String> events() {
        return List.copyOf(events);
    }

    public long count(String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).count();
    }

    @Override
    public void packetRejected(InetSocketAddress source, String stanza, Rejection reason, String detail) {
        events.add("rejected:" + reason);
    }

    @Override
    public void packetAccepted(InetSocketAddress source, String stanza, String username, String request) {
        events.add("accepted:" + stanza);
    }

    @Override
    public void grantOpened(Grant g, long openMillis) {
        events.add("opened:" + g.key().proto() + "/" + g.key().port() + "@" + g.key().target());
    }

    @Override
    public void grantExtended(Grant g, Instant newExpiry) {
        events.add("extended:" + g.key().proto() + "/" + g.key().port() + "@" + g.key().target());
    }

    @Override
    public void grantOpenFailed(Grant g, String deviceOutput) {
        events.add("openFailed:" + g.key().proto() + "/" + g.key().port() + "@" + g.key().target());
    }

    @Override
    public void grantClosed(Grant g) {
        events.add("closed:" + g.key().proto() + "/" + g.key().port() + "@" + g.key().target());
    }

    @Override
    public void grantCloseFailed(Grant g, String deviceOutput, Instant nextAttempt) {
        events.add("closeFailed:" + g.key().proto() + "/" + g.key().port() + "@" + g.key().target());
    }
}
