package io.postern.orchestrator.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable record of grants. Every method commits before it returns, so a state change that was
 * acknowledged survives {@code kill -9}; {@link #recordOpening} and {@link #extend} are also on disk (survive
 * power loss) before they return, the other changes at the latest with the next of those (see
 * {@link SqliteStateStore}). Implementations are thread-safe.
 */
public interface GrantLedger extends AutoCloseable {

    /** Records a new grant in state {@link GrantState#OPENING}; returns it with its id. */
    Grant recordOpening(GrantKey key, Instant openedAt, Instant expiresAt, String closeSpec);

    /**
     * The open succeeded.
     *
     * @return whether the grant was still OPENING and is now OPEN (false: it was closed or failed meanwhile)
     */
    boolean markOpen(long id);

    /** The open failed; the grant is final and nothing will be closed. */
    void markOpenFailed(long id, String error);

    /** An active (opening, open or closing) grant with this key, if any. */
    Optional<Grant> findActive(GrantKey key);

    /** Moves an open grant's expiry (a re-knock); never shortens it. */
    void extend(long id, Instant expiresAt);

    /** The close is starting (or must be retried from a restart). */
    void markClosing(long id, Instant attemptAt);

    /** A close attempt failed; records the error and when to try again. */
    void recordCloseFailure(long id, String error, Instant nextAttemptAt);

    /** The close succeeded. */
    void markClosed(long id);

    /** A grant by id. */
    Optional<Grant> get(long id);

    /** Every grant that may still hold something open, oldest first. */
    List<Grant> active();

    /** The most recent grants in any state, newest first. */
    List<Grant> recent(int limit);

    @Override
    void close();
}
