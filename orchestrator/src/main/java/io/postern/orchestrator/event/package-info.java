/**
 * What happens to packets and grants, reported as events: the human log, the audit log, metrics and
 * {@code postern status} are listeners; tests use a recording listener.
 */
package io.postern.orchestrator.event;
