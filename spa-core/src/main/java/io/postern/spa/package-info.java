/**
 * The SPA message model shared by every Postern module: the decoded fwknop message, its message
 * types, the typed access request derived from it, and the {@link io.postern.spa.Rejection} reasons
 * that a packet can be refused for. Nothing in this package logs or touches the network.
 */
package io.postern.spa;
