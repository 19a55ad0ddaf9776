package io.postern.orchestrator.event;

import io.postern.orchestrator.ledger.Grant;
import java.net.InetSocketAddress;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The audit trail: every accepted packet and every grant transition as one SLF4J event on the
 * {@value AuditLog#LOGGER} logger with key-value pairs, written as one JSON object per line by
 * {@link AuditJsonEncoder} (format in docs/operations.md). Records say who (source, user), which stanza,
 * what was opened where (target, proto, port), until when and how it went; they never carry keys,
 * passwords or packet contents beyond the request.
 */
public final class AuditEventListener implements PosternEventListener {

    private final Logger audit;

    public AuditEventListener() {
        this(LoggerFactory.getLogger(AuditLog.LOGGER));
    }

    AuditEventListener(Logger audit) {
        this.audit = audit;
    }

    @Override
    public void packetAccepted(InetSocketAddress source, String stanza, String username, String request) {
        if (!audit.isInfoEnabled()) {
            return;
        }
        audit.atInfo().addKeyValue("event", "packet_accepted")
                .addKeyValue("source", source.getAddress().getHostAddress())
                .addKeyValue("stanza", stanza)
                .addKeyValue("user", username)
                .addKeyValue("request", request)
                .log("packet_accepted");
    }

    @Override
    public void grantOpened(Grant g, long openMillis) {
        grant("grant_opened", g).addKeyValue("expires_at", g.expiresAt().toString())
                .addKeyValue("outcome", "opened").addKeyValue("open_ms", openMillis).log("grant_opened");
    }

    @Override
    public void grantExtended(Grant g, Instant newExpiry) {
        grant("grant_extended", g).addKeyValue("expires_at", newExpiry.toString())
                .addKeyValue("outcome", "extended").log("grant_extended");
    }

    @Override
    public void grantOpenFailed(Grant g, String deviceOutput) {
        grant("grant_open_failed", g).addKeyValue("outcome", "failed").addKeyValue("error", deviceOutput)
                .log("grant_open_failed");
    }

    @Override
    public void grantClosed(Grant g) {
        grant("grant_closed", g).addKeyValue("expires_at", g.expiresAt().toString())
                .addKeyValue("outcome", "closed").log("grant_closed");
    }

    @Override
    public void grantCloseFailed(Grant g, String deviceOutput, Instant nextAttempt) {
        grant("grant_close_failed", g).addKeyValue("outcome", "retrying").addKeyValue("attempt", g.attempts() + 1)
                .addKeyValue("next_attempt_at", nextAttempt.toString()).addKeyValue("error", deviceOutput)
                .log("grant_close_failed");
    }

    private LoggingEventBuilder grant(String event, Grant g) {
        return audit.atInfo().addKeyValue("event", event)
                .addKeyValue("grant", g.id())
                .addKeyValue("source", g.key().source())
                .addKeyValue("stanza", g.key().stanza())
                .addKeyValue("target", g.key().target())
                .addKeyValue("proto", g.key().proto())
                .addKeyValue("port", g.key().port());
    }
}
