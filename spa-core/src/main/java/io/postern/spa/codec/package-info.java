/**
 * The fwknop 2.6 wire codec: {@link io.postern.spa.codec.SpaEncoder} builds the packets the real
 * {@code fwknop} client builds, and {@link io.postern.spa.codec.SpaDecoder} is a pure function from a
 * received string (plus one stanza's keys) to a message or a {@link io.postern.spa.Rejection}.
 * Receivers (UDP, pcap, pcap file) only adapt to it.
 *
 * <p>Format reference: the fwknop SPA documentation, https://www.cipherdyne.org/fwknop/docs/SPA.html,
 * and {@code shared/fwknop-protocol.md} in this project.
 */
package io.postern.spa.codec;
