/**
 * Grant timers: closing every grant when it expires, retrying failed closes with backoff until they
 * succeed, and re-arming from the ledger after a restart. Time comes from an injected
 * {@link java.time.Clock}, so tests advance a fake clock instead of sleeping.
 */
package io.postern.orchestrator.timer;
