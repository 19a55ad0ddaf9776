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
        return c < 128 && VALUES[c] >= 0;
    }

    /** Each ASCII character's 6-bit value, -1 outside the alphabet. */
    private static final byte[] VALUES = new byte[128];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    /**
     * Decodes as fwknop does: up to the first {@code =} or the end, ignoring a trailing lone character.
     *
     * @return the bytes, or {@code null} if a character outside the alphabet occurs before the end
     */
    public static byte[] decodeLenient(CharSequence s) {
        int len = s.length();
        int end = 0;
        while (end < len) {
            char c = s.charAt(end);
            if (c == '=') {
                break;
            }
            if (c >= 128 || VALUES[c] < 0) {
                return null;
            }
            end++;
        }
        int usable = end - (end % 4 == 1 ? 1 : 0);
        byte[] out = new byte[usable * 3 / 4];
        int o = 0;
        int i = 0;
        for (; i + 4 <= usable; i += 4) {
            int n = VALUES[s.charAt(i)] << 18 | VALUES[s.charAt(i + 1)] << 12 | VALUES[s.charAt(i + 2)] << 6
                    | VALUES[s.charAt(i + 3)];
            out[o++] = (byte) (n >> 16);
            out[o++] = (byte) (n >> 8);
            out[o++] = (byte) n;
        }
        int rest = usable - i; // 0, 2 or 3
        if (rest >= 2) {
            int n = VALUES[s.charAt(i)] << 18 | VALUES[s.charAt(i + 1)] << 12
                    | (rest == 3 ? VALUES[s.charAt(i + 2)] << 6 : 0);
            out[o++] = (byte) (n >> 16);
            if (rest == 3) {
                out[o++] = (byte) (n >> 8);
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
        return VALUES[c];
    }
}
