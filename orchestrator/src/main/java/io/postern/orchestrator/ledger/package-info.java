/**
 * The grant ledger: every access Postern opens, on which target, until when, and in what state, kept
 * in an embedded SQLite database (WAL mode) so that no open grant is forgotten across a crash. The same
 * store keeps the replay digests, so one file holds all durable state.
 */
package io.postern.orchestrator.ledger;
