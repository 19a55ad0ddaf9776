package io.postern.orchestrator.pipeline;

import io.postern.orchestrator.ledger.Grant;

/**
 * What happened to one planned grant.
 *
 * @param grant  the ledger row after the attempt
 * @param result opened, extended or failed
 * @param error  the target's words when failed, else null
 */
public record GrantOutcome(Grant grant, Result result, String error) {

    /** How the attempt ended. */
    public enum Result { OPENED, EXTENDED, FAILED }
}
