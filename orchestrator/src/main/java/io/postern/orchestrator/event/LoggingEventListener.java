package io.postern.orchestrator.event;

import io.postern.orchestrator.ledger.Grant;
import io.postern.spa.Rejection;
import java.net.InetSocketAddress;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The human log: one line per packet decision and per grant transition, each grant line starting with
 * {@code [source] (stanza)} as fwknopd's do, device lines adding {@code target=}.
 */
public final class LoggingEventListener implements PosternEventListener {

    private static final Logger LOG = LoggerFactory.getLogger("io.postern.serve");

    /**
     * The detail of a REPLAY refused again on the receiver's thread (its digest was refused as a replay once
     * already, and that refusal was logged at INFO): such repeats are DEBUG lines, so that replaying one captured
     * packet in a loop cannot fill the log. They are still counted.
     */
    public static final String REPEATED_REPLAY = "replay: packet digest already refused as a replay";

    @Override
    public void packetRejected(InetSocketAddress source, String stanza, Rejection reason, String detail) {
        // Packets that never authenticated (garbage, wrong key or HMAC) are anyone's to send: logging each
        // at INFO would let a flood fill the disk and slow the receiver. They are counted (metrics, status)
        // and logged at DEBUG. Authenticated packets that policy refuses (replay, age, ports, user) stay at INFO,
        // except the repeats of a replay already refused once (REPEATED_REPLAY).
        boolean quiet = reason.stage().ordinal() <= Rejection.Stage.DIGEST.ordinal()
                || (reason == Rejection.REPLAY && REPEATED_REPLAY.equals(detail));
        if (quiet && !LOG.isDebugEnabled()) {
            return;
        }
        String src = source.getAddress().getHostAddress();
        if (stanza == null) {
            log(quiet, "[{}] rejected {}: {}", src, reason, detail);
        } else {
            log(quiet, "[{}] ({}) rejected {}: {}", src, stanza, reason, detail);
        }
    }

    private static void log(boolean debug, String format, Object... args) {
        if (debug) {
            LOG.debug(format, args);
        } else {
            LOG.info(format, args);
        }
    }

    @Override
    public void packetAccepted(InetSocketAddress source, String stanza, String username, String request) {
        LOG.info("[{}] ({}) accepted from user '{}': {}", source.getAddress().getHostAddress(), stanza, username, request);
    }

    @Override
    public void grantOpened(Grant g, long openMillis) {
        LOG.info("[{}] ({}) opened {}/{} target={} grant={} until {} ({} ms)", g.key().source(), g.key().stanza(),
                g.key().proto(), g.key().port(), g.key().target(), g.id(), g.expiresAt(), openMillis);
    }

    @Override
    public void grantExtended(Grant g, Instant newExpiry) {
        LOG.info("[{}] ({}) extended {}/{} target={} grant={} until {}", g.key().source(), g.key().stanza(),
                g.key().proto(), g.key().port(), g.key().target(), g.id(), newExpiry);
    }

    @Override
    public void grantOpenFailed(Grant g, String deviceOutput) {
        LOG.warn("[{}] ({}) open FAILED {}/{} target={} grant={}: {}", g.key().source(), g.key().stanza(),
                g.key().proto(), g.key().port(), g.key().target(), g.id(), deviceOutput);
    }

    @Override
    public void grantClosed(Grant g) {
        LOG.info("[{}] ({}) closed {}/{} target={} grant={}", g.key().source(), g.key().stanza(), g.key().proto(),
                g.key().port(), g.key().target(), g.id());
    }

    @Override
    public void grantCloseFailed(Grant g, String deviceOutput, Instant nextAttempt) {
        LOG.warn("[{}] ({}) close FAILED {}/{} target={} grant={} attempt {}, retry at {}: {}", g.key().source(),
                g.key().stanza(), g.key().proto(), g.key().port(), g.key().target(), g.id(), g.attempts() + 1,
                nextAttempt, deviceOutput);
    }
}
