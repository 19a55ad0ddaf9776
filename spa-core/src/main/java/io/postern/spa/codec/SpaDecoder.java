package io.postern.spa.codec;

import io.postern.spa.Rejection;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.crypto.EncryptionMode;
import io.postern.spa.crypto.HmacType;
import io.postern.spa.crypto.RijndaelCipher;
import io.postern.spa.crypto.SpaBase64;
import io.postern.spa.gpg.GpgDecryption;
import io.postern.spa.gpg.GpgWire;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Decodes one received fwknop packet under one stanza's keys. A pure function: no clock, no replay
 * state, no logging, and malformed input never throws out of it. The order is fixed and matches the
 * security argument: precheck, HMAC (constant time, before anything touches the ciphertext), the
 * Rijndael/GPG length rule, decryption, then the plaintext fields and inner digest.
 *
 * <p>GPG: a packet of 400 characters or more goes to a stanza's GPG keys. The HMAC covers the
 * prefixed text; Postern restores {@code hQ} or, for ECC recipients (upstream issue #247), {@code hF},
 * whichever the HMAC verifies over (without an HMAC, whichever frames as an OpenPGP message), then
 * decrypts, applies the stanza's signature rules ({@link Rejection#SIGNATURE}) and parses the plaintext.
 */
public final class SpaDecoder {

    private SpaDecoder() {
    }

    /** Prechecks and decodes. */
    public static DecodeResult decode(CharSequence wire, SpaKeys keys) {
        DecodeResult pre = SpaPrecheck.check(wire);
        return pre != null ? pre : decodePrechecked(wire, keys);
    }

    /**
     * Decodes a packet that already passed {@link SpaPrecheck#check}; receivers precheck once and then
     * try each candidate stanza with this.
     */
    public static DecodeResult decodePrechecked(CharSequence wire, SpaKeys keys) {
        if (keys.hasGpg() && keys.gpg().receiver() != null && wire.length() >= SpaPrecheck.MIN_GPG_PACKET) {
            if (!keys.hasRijndaelKey() || !keys.rijndaelAtAnyLength()) {
                return decodeGpg(wire, keys);
            }
            DecodeResult r = decodeRijndael(wire, keys);
            return r.isAccepted() ? r : decodeGpg(wire, keys);
        }
        if (keys.hasGpg() && !keys.hasRijndaelKey()) {
            return DecodeResult.rejected(Rejection.ENCRYPTION_TYPE, "packet of " + wire.length()
                    + " characters is taken for Rijndael (< " + SpaPrecheck.MIN_GPG_PACKET
                    + ") and the stanza has only GPG keys");
        }
        return decodeRijndael(wire, keys);
    }

    /**
     * A cheap pre-authentication a receiver can run before queueing a packet: whether these keys could
     * accept it as far as the HMAC goes. True when the keys have no HMAC (or are GPG keys: nothing to
     * check without decrypting) or when the Rijndael HMAC verifies; false only when an HMAC is required and
     * does not verify. Constant-time comparison; no decryption.
     */
    public static boolean mayAuthenticate(CharSequence wire, SpaKeys keys) {
        if (!keys.hasHmac() || keys.hasGpg() || !keys.mode().isRijndael()) {
            return true;
        }
        try {
            verifyHmac(wire, keys);
            return true;
        } catch (HmacFailure f) {
            return false;
        }
    }

    private static DecodeResult decodeRijndael(CharSequence wire, SpaKeys keys) {
        if (!keys.mode().isRijndael()) {
            return DecodeResult.rejected(Rejection.ENCRYPTION_TYPE, "GPG stanzas are not supported by this decoder");
        }
        String ciphertext;
        HmacType verified = null;
        try {
            ciphertext = keys.hasHmac() ? verifyHmac(wire, keys) : wire.toString();
            verified = keys.hasHmac() ? keys.hmacType() : null;
        } catch (HmacFailure f) {
            return DecodeResult.rejected(Rejection.HMAC, f.getMessage());
        }
        if (wire.length() >= SpaPrecheck.MIN_GPG_PACKET && !keys.rijndaelAtAnyLength()) {
            return DecodeResult.rejected(Rejection.ENCRYPTION_TYPE, "packet of " + wire.length()
                    + " characters is taken for GPG (>= " + SpaPrecheck.MIN_GPG_PACKET + ") and the stanza has no GPG key");
        }
        if (!keys.hasHmac() && !SpaBase64.isCanonicalNoPad(RijndaelCipher.SALTED_PREFIX_B64 + ciphertext)) {
            // Without an HMAC nothing else binds the string: a changed unused bit would decrypt the
            // same and slip past the replay check under a new digest.
            return DecodeResult.rejected(Rejection.DECRYPT, "ciphertext is not canonical base64");
        }
        RijndaelCipher.Decrypted d = RijndaelCipher.decrypt(RijndaelCipher.SALTED_PREFIX_B64 + ciphertext,
                keys.key(), keys.mode());
        if (!d.ok()) {
            return DecodeResult.rejected(Rejection.DECRYPT, d.error());
        }
        return PlaintextCodec.decode(d.plaintext(), verified, keys.mode());
    }

    /** HMAC over {@code hQ}/{@code hF} + data, then the GPG keys, then the plaintext. */
    private static DecodeResult decodeGpg(CharSequence wire, SpaKeys keys) {
        String data = wire.toString();
        List<String> prefixes = GpgWire.PREFIXES;
        HmacType verified = null;
        if (keys.hasHmac()) {
            int ctLen = wire.length() - keys.hmacType().base64Length();
            if (ctLen < 36) {
                return DecodeResult.rejected(Rejection.HMAC, "packet too short to carry an HMAC");
            }
            String prefix = GpgWire.prefixWithValidHmac(data.substring(0, ctLen), data.substring(ctLen),
                    keys.hmacType(), keys.hmacKey());
            if (prefix == null) {
                return DecodeResult.rejected(Rejection.HMAC, "HMAC (" + keys.hmacType().configName()
                        + ") does not verify over the GPG data with prefix hQ or hF");
            }
            data = data.substring(0, ctLen);
            prefixes = List.of(prefix);
            verified = keys.hmacType();
        }
        GpgDecryption d = keys.gpg().receiver().decrypt(data, prefixes, !keys.hasHmac());
        if (!d.ok()) {
            Rejection r = d.failure() == GpgDecryption.Failure.SIGNATURE ? Rejection.SIGNATURE : Rejection.DECRYPT;
            return DecodeResult.rejected(r, d.detail());
        }
        DecodeResult r = PlaintextCodec.decode(d.plaintext(), verified, EncryptionMode.ASYMMETRIC);
        return r.isAccepted() ? r.withGpgSigner(d.signer()) : r;
    }

    private static final class HmacFailure extends Exception {
        HmacFailure(String m) {
            super(m, null, false, false);
        }
    }

    /** Checks the trailing MAC and returns the ciphertext part in front of it. */
    private static final byte[] SALTED_PREFIX_BYTES =
            RijndaelCipher.SALTED_PREFIX_B64.getBytes(StandardCharsets.US_ASCII);
    private static final java.util.Base64.Encoder BASE64_NO_PAD = java.util.Base64.getEncoder().withoutPadding();

    private static String verifyHmac(CharSequence wire, SpaKeys keys) throws HmacFailure {
        int macLen = keys.hmacType().base64Length();
        int ctLen = wire.length() - macLen;
        if (ctLen < 36) {
            throw new HmacFailure("packet too short to carry an HMAC");
        }
        // the MAC covers the ciphertext with its "U2FsdGVkX1" prefix restored; the wire is ASCII (prechecked)
        byte[] covered = new byte[SALTED_PREFIX_BYTES.length + ctLen];
        System.arraycopy(SALTED_PREFIX_BYTES, 0, covered, 0, SALTED_PREFIX_BYTES.length);
        for (int i = 0; i < ctLen; i++) {
            covered[SALTED_PREFIX_BYTES.length + i] = (byte) wire.charAt(i);
        }
        byte[] expected = BASE64_NO_PAD.encode(keys.hmacType().mac(keys.hmacKey().bytes(), covered));
        byte[] got = new byte[macLen];
        for (int i = 0; i < macLen; i++) {
            got[i] = (byte) wire.charAt(ctLen + i);
        }
        if (!MessageDigest.isEqual(expected, got)) {
            throw new HmacFailure("HMAC (" + keys.hmacType().configName() + ") does not verify");
        }
        return wire.subSequence(0, ctLen).toString();
    }

    /**
     * The replay digest fwknopd keys its cache on: SHA-256 over the packet exactly as received,
     * base64 without {@code =}.
     */
    public static String replayDigest(CharSequence wire) {
        return SpaBase64.encodeNoPad(DigestType.SHA256.digest(wire.toString().getBytes(StandardCharsets.ISO_8859_1)));
    }
}
