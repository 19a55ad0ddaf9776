/**
 * Client-side transports for SPA packets, as the fwknop client sends them ({@code client/spa_comm.c}):
 * one UDP datagram, the bare packet over a TCP connection, or an HTTP/1.0 {@code GET} whose path is the
 * packet in URL-safe base64. Each sends exactly the packet bytes, never a trailing newline.
 */
package io.postern.orchestrator.knock;
