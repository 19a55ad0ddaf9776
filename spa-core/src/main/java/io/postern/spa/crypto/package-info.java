/**
 * fwknop's cryptography: the inner digest and HMAC algorithms, the Rijndael encryption modes, the
 * OpenSSL salted key derivation, and key material that never prints itself. Algorithm names as they
 * appear in access.conf, .fwknoprc and on the command line are parsed here and nowhere else.
 */
package io.postern.spa.crypto;
