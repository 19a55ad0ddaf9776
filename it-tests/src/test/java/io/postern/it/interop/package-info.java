/**
 * Interoperability with the real fwknop 2.6.10: packets made by the {@code fwknop} client decode in
 * Postern to exactly the requested fields, and packets made by Postern are accepted by {@code fwknopd}
 * (pcap-file and UDP-server modes), over every encryption mode, digest, HMAC type and message type.
 */
package io.postern.it.interop;
