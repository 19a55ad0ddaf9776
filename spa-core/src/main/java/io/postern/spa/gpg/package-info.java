/**
 * fwknop's GPG mode through Bouncy Castle's OpenPGP API, with no {@code gpg} binary: reading keys from
 * a GnuPG home (keybox, {@code private-keys-v1.d}, trustdb) or from exported key files, decrypting and
 * checking the signature the way fwknopd applies {@code GPG_REQUIRE_SIG}, {@code GPG_REMOTE_ID} and
 * friends, and building the packets the real {@code fwknop -g} client sends. The wire framing ({@code hQ}
 * dropped on the wire, the ECC {@code hF} case of upstream issue #247) is in {@link io.postern.spa.gpg.GpgWire}.
 * Nothing here logs; errors never carry key material or passphrases.
 */
package io.postern.spa.gpg;
