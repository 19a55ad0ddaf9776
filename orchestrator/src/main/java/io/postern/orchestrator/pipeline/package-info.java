/**
 * The packet pipeline after the receivers: validation against the stanzas, then for each accepted
 * request the grants it implies (one per proto/port and target), recorded in the ledger before
 * anything opens, opened, and handed to the timers.
 */
package io.postern.orchestrator.pipeline;
