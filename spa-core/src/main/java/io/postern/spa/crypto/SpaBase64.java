package io.postern.spa.crypto;

import java.util.Base64;

/**
 * Base64 the way fwknop writes and reads it ({@code lib/base64.c}): the standard alphabet, written
 * without {@code =}, read leniently (stops at the first {@code =}, accepts missing padding, ignores a
 * dangling single character) but strictly on the alphabet.
 */
public final class SpaBase64 {

    private SpaBase64() {
    }

    /** Standard base64 with every {@code =} removed. */
    public static String encodeNoPad(byte[] data) {
        return Base64.getEncoder().withoutPadding().encodeToString(data);
    }

    /** Whether {@code c} is in the standard base64 alphabet (not counting {@code =}). */
    public static boolean isBase64Char(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }

    /**
     * Decodes as fwknop does: up to the first {@code =} or the end, ignoring a trailing lone character.
     *
     * @return the bytes, or {@code null} if a character outside the alphabet occurs before the end
     */
    public static byte[] decodeLenient(CharSequence s) {
        int end = 0;
        while (end < s.length() && s.charAt(end) != '=') {
            if (!isBase64Char(s.charAt(end))) {
                return null;
            }
            end++;
        }
        int usable = end - (end % 4 == 1 ? 1 : 0);
        byte[] out = new byte[usable * 3 / 4];
        int o = 0;
        int acc = 0;
        int bits = 0;
        for (int i = 0; i < usable; i++) {
            acc = (acc << 6) | value(s.charAt(i));
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[o++] = (byte) (acc >> bits);
                acc &= (1 << bits) - 1;
            }
        }
        return o == out.length ? out : java.util.Arrays.copyOf(out, o);
    }

    /**
     * Whether {@code s} is the one encoding its bytes have: no dangling single character and no bits
     * set in the final character beyond the encoded bytes. Two different strings that decode to the
     * same bytes would have different replay digests; rejecting non-canonical ones closes that.
     */
    public static boolean isCanonicalNoPad(CharSequence s) {
        if (!s.chars().allMatch(c -> isBase64Char((char) c))) {
            return false; // an '=' ends decoding early: "X=" and "X=AAAA" decode to the bytes of X
        }
        int len = s.length();
        switch (len % 4) {
            case 1:
                return false;
            case 2:
                return (value(s.charAt(len - 1)) & 0x0f) == 0;
            case 3:
                return (value(s.charAt(len - 1)) & 0x03) == 0;
            default:
                return true;
        }
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : 63;
    }
}
