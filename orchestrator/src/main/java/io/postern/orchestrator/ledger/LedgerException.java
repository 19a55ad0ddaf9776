package io.postern.orchestrator.ledger;

/**
 * The state database could not be read or written. Postern cannot promise to close what it opens
 * without it, so callers treat this as fatal for the operation in hand.
 */
public class LedgerException extends RuntimeException {

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
