package io.postern.orchestrator.pipeline;

import io.postern.orchestrator.ledger.GrantKey;
import java.time.Duration;
import java.util.Objects;

/**
 * One grant an accepted packet asks for: what to open, for how long, and how to close it.
 *
 * @param key            source, stanza, proto/port, target
 * @param timeout        how long the grant stays open
 * @param open           the open action
 * @param close          what the ledger keeps to close it, even after a restart
 * @param reopenOnExtend whether a re-knock runs the open again before extending (CMD_CYCLE does, as
 *                       fwknopd would; firewall entries with their own timeout need it to refresh)
 */
public record PlannedGrant(GrantKey key, Duration timeout, OpenAction open, CloseSpec close, boolean reopenOnExtend) {

    public PlannedGrant {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(close, "close");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("grant timeout must be positive: " + timeout);
        }
    }
}
