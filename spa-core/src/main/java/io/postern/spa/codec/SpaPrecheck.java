package io.postern.spa.codec;

import io.postern.spa.Rejection;
import io.postern.spa.crypto.RijndaelCipher;
import io.postern.spa.crypto.SpaBase64;

/**
 * The checks fwknopd runs once per packet before any key is touched ({@code preprocess_spa_data}):
 * size 140..1500, no {@code U2FsdGVkX1} prefix (nor {@code hQ} on long packets), base64 alphabet only.
 * Cheap enough to run on every datagram of a flood.
 */
public final class SpaPrecheck {

    /** Shortest packet fwknopd processes ({@code MIN_SPA_DATA_SIZE}). */
    public static final int MIN_PACKET = 140;
    /** Longest packet fwknopd processes ({@code MAX_SPA_PACKET_LEN}). */
    public static final int MAX_PACKET = 1500;
    /** From this length on, fwknopd takes a packet for GPG ({@code MIN_GNUPG_MSG_SIZE}). */
    public static final int MIN_GPG_PACKET = 400;
    /** Base64 of the OpenPGP packet header that GPG packets drop on the wire. */
    public static final String GPG_PREFIX_B64 = "hQ";

    private SpaPrecheck() {
    }

    /** {@code null} if the packet may go on to the stanzas, else the rejection. */
    public static DecodeResult check(CharSequence wire) {
        int len = wire.length();
        if (len < MIN_PACKET || len > MAX_PACKET) {
            return DecodeResult.rejected(Rejection.SIZE,
                    "packet of " + len + " bytes outside " + MIN_PACKET + ".." + MAX_PACKET);
        }
        if (startsWith(wire, RijndaelCipher.SALTED_PREFIX_B64)
                || (len > MIN_GPG_PACKET && startsWith(wire, GPG_PREFIX_B64))) {
            return DecodeResult.rejected(Rejection.PREFIX, "packet carries the ciphertext prefix (prefix attack)");
        }
        for (int i = 0; i < len; i++) {
            char c = wire.charAt(i);
            if (!SpaBase64.isBase64Char(c) && c != '=') {
                return DecodeResult.rejected(Rejection.NOT_BASE64, "non-base64 byte at offset " + i);
            }
        }
        return null;
    }

    private static boolean startsWith(CharSequence s, String prefix) {
        if (s.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (s.charAt(i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
