package io.postern.orchestrator.ledger;

/**
 * Where a grant is in its life. A grant is written as {@link #OPENING} before any device is touched, so
 * a crash in the middle of an open leaves a row that the restart closes rather than forgets.
 */
public enum GrantState {
    /** Recorded; the open is running (or was running when the process died). */
    OPENING,
    /** Open on its target; closes at {@code expiresAt}. */
    OPEN,
    /** The close is due or running; failed closes stay here and are retried with backoff. */
    CLOSING,
    /** Closed on its target. Final. */
    CLOSED,
    /** The open failed; nothing was left open, so no close is scheduled. Final. */
    FAILED;

    /** Whether the grant may still hold something open on its target. */
    public boolean isActive() {
        return this == OPENING || this == OPEN || this == CLOSING;
    }
}
