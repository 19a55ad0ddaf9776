package io.postern.orchestrator.ledger;

import java.time.Instant;

/**
 * One row of the ledger: one access on one target.
 *
 * @param id            ledger id, stable across restarts
 * @param key           source, stanza, proto/port and target
 * @param openedAt      when the grant was recorded
 * @param expiresAt     when it must be closed
 * @param state         its state
 * @param attempts      close attempts made so far
 * @param lastError     the last failure in the target's own words, or null
 * @param nextAttemptAt when the next close attempt is due (CLOSING rows), or null
 * @param closeSpec     what the closer needs to close it after a restart (opaque JSON text, no secrets)
 */
public record Grant(long id, GrantKey key, Instant openedAt, Instant expiresAt, GrantState state, int attempts,
                    String lastError, Instant nextAttemptAt, String closeSpec) {

    /** This grant in another state, everything else unchanged. */
    public Grant inState(GrantState next) {
        return new Grant(id, key, openedAt, expiresAt, next, attempts, lastError, nextAttemptAt, closeSpec);
    }

    /** When the timer should next act on this grant: its expiry, or its retry time while closing. */
    public Instant dueAt() {
        return state == GrantState.CLOSING && nextAttemptAt != null ? nextAttemptAt : expiresAt;
    }
}
