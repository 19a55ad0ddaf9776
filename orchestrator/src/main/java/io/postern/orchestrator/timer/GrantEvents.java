package io.postern.orchestrator.timer;

import io.postern.orchestrator.ledger.Grant;

/**
 * What the scheduler reports: closes done and failed. Implementations log, count and audit; they must
 * be fast and must not throw.
 */
public interface GrantEvents {

    /** Does nothing. */
    GrantEvents NONE = new GrantEvents() {
    };

    default void closed(Grant grant) {
    }

    default void closeFailed(Grant grant, String error, java.time.Instant nextAttempt) {
    }
}
