package io.postern.spa.gpg;

/**
 * A walk over the top-level OpenPGP packet headers (RFC 4880 section 4.2) of a received message,
 * before any key is used. It accepts exactly what an fwknop client sends: public-key encrypted
 * session keys (tag 1) followed by one encrypted data packet (tag 18 or 9), nothing after it, and
 * (when {@code strict}) only definite lengths in their shortest encoding, so a message cannot be
 * re-framed into a different string that decrypts the same (a replay under a new digest).
 */
final class OpenPgpFraming {

    private static final int PKESK = 1;
    private static final int SED = 9;
    private static final int SEIPD = 18;

    private OpenPgpFraming() {
    }

    /** Null when the framing is acceptable, else why not. */
    static String check(byte[] m, boolean strict) {
        int off = 0;
        int sessionKeys = 0;
        while (off < m.length) {
            int h = m[off] & 0xff;
            if ((h & 0x80) == 0) {
                return "byte " + off + " is not an OpenPGP packet header";
            }
            int tag;
            long len;
            int hdr;
            boolean minimal;
            if ((h & 0x40) == 0) {
                tag = (h >> 2) & 0x0f;
                int lt = h & 3;
                if (lt == 3) {
                    return "indeterminate packet length";
                }
                int n = lt == 0 ? 1 : lt == 1 ? 2 : 4;
                if (off + 1 + n > m.length) {
                    return "truncated packet header";
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (m[off + 1 + i] & 0xff);
                }
                hdr = 1 + n;
                minimal = lt == 0 || (lt == 1 && len > 0xff) || (lt == 2 && len > 0xffff);
            } else {
                tag = h & 0x3f;
                if (off + 1 >= m.length) {
                    return "truncated packet header";
                }
                int b0 = m[off + 1] & 0xff;
                if (b0 < 192) {
                    len = b0;
                    hdr = 2;
                    minimal = true;
                } else if (b0 < 224) {
                    if (off + 2 >= m.length) {
                        return "truncated packet header";
                    }
                    len = ((b0 - 192L) << 8) + (m[off + 2] & 0xff) + 192;
                    hdr = 3;
                    minimal = true;
                } else if (b0 == 255) {
                    if (off + 5 >= m.length) {
                        return "truncated packet header";
                    }
                    len = ((m[off + 2] & 0xffL) << 24) | ((m[off + 3] & 0xff) << 16) | ((m[off + 4] & 0xff) << 8)
                            | (m[off + 5] & 0xff);
                    hdr = 6;
                    minimal = len >= 8384;
                } else {
                    if (strict) {
                        return "partial body lengths";
                    }
                    return tag == SEIPD || tag == SED ? null : "partial body length on tag " + tag;
                }
            }
            if (strict && !minimal) {
                return "packet length not in its shortest encoding";
            }
            if (off + hdr + len > m.length) {
                return "packet of tag " + tag + " declares " + len + " bytes, only " + (m.length - off - hdr) + " follow";
            }
            off += hdr + (int) len;
            if (tag == PKESK) {
                sessionKeys++;
            } else if (tag == SEIPD || tag == SED) {
                if (sessionKeys == 0) {
                    return "no public-key encrypted session key";
                }
                return off == m.length ? null : (m.length - off) + " bytes of trailing data after the OpenPGP message";
            } else {
                return "unexpected OpenPGP packet tag " + tag;
            }
        }
        return "no encrypted data packet";
    }

    /**
     * Rewrites new-format public-key session key packet headers in old format, as gpg writes them
     * (and as the {@code hQ}/{@code hF} wire prefix assumes); everything else is copied.
     */
    static byte[] withOldFormatSessionKeys(byte[] m) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(m.length + 8);
        int off = 0;
        while (off < m.length) {
            int h = m[off] & 0xff;
            if ((h & 0xc0) != 0xc0 || (h & 0x3f) != PKESK) {
                out.write(m, off, m.length - off);
                break;
            }
            int b0 = m[off + 1] & 0xff;
            int len;
            int hdr;
            if (b0 < 192) {
                len = b0;
                hdr = 2;
            } else if (b0 < 224) {
                len = ((b0 - 192) << 8) + (m[off + 2] & 0xff) + 192;
                hdr = 3;
            } else {
                len = ((m[off + 2] & 0xff) << 24) | ((m[off + 3] & 0xff) << 16) | ((m[off + 4] & 0xff) << 8)
                        | (m[off + 5] & 0xff);
                hdr = 6;
            }
            if (len < 0x100) {
                out.write(0x80 | (PKESK << 2));
                out.write(len);
            } else {
                out.write(0x80 | (PKESK << 2) | 1);
                out.write(len >> 8);
                out.write(len);
            }
            out.write(m, off + hdr, len);
            off += hdr + len;
        }
        return out.toByteArray();
    }
}
