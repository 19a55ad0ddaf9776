package io.postern.spa.gpg;

/**
 * How far GnuPG believes a key belongs to its user ID, in gpgme's order. fwknopd accepts a signature
 * only from a key of at least {@link #MARGINAL} validity (unless GPG_IGNORE_SIG_VERIFY_ERROR).
 */
public enum GpgValidity {
    UNKNOWN, UNDEFINED, NEVER, MARGINAL, FULL, ULTIMATE;

    /** Whether fwknopd takes a signature from a key of this validity. */
    public boolean acceptable() {
        return compareTo(MARGINAL) >= 0;
    }

    /** From the trustdb's validity nibble (0 unknown, 1 expired, 2 undefined, 3 never, 4 marginal, 5 full, 6 ultimate). */
    static GpgValidity fromTrustDb(int v) {
        return switch (v & 0x0f) {
            case 2 -> UNDEFINED;
            case 3 -> NEVER;
            case 4 -> MARGINAL;
            case 5 -> FULL;
            case 6 -> ULTIMATE;
            default -> UNKNOWN;
        };
    }
}
