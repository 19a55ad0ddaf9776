package io.postern.orchestrator.timer;

import io.postern.orchestrator.ledger.Grant;

/**
 * Performs the close of one grant on its target (runs the CMD_CYCLE_CLOSE command, removes the rule,
 * tells the device). Must be idempotent: after a crash the same close may run twice. Called from the
 * scheduler's worker threads; implementations bound their own run time.
 */
@FunctionalInterface
public interface GrantCloser {

    /**
     * Closes the grant.
     *
     * @throws Exception with the target's own words when the close did not happen; the scheduler
     *                   records it and retries with backoff
     */
    void close(Grant grant) throws Exception;
}
