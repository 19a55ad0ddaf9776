/**
 * The receiver's decision for one packet, as fwknopd 2.6.10's {@code incoming_spa()} makes it and
 * adjusted by Postern's design (HMAC before decryption, an atomic replay insert): which stanza
 * matches, whether the packet is fresh and new, and whether the stanza's policy allows what it asks.
 * {@link io.postern.spa.policy.SpaValidator} returns a {@link io.postern.spa.policy.Verdict}; time
 * comes from an injected {@link java.time.Clock} and replay state from a
 * {@link io.postern.spa.policy.DigestStore}. Nothing here logs.
 */
package io.postern.spa.policy;
