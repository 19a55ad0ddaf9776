package io.postern.spa.gpg;

import java.util.Objects;

/**
 * The outcome of decrypting one GPG packet: the plaintext (and the signer, if it was signed), or a
 * failure saying whether decryption or the signature rules refused it, with a one-line reason that
 * never holds key material.
 */
public final class GpgDecryption {

    /** Which step refused the packet. */
    public enum Failure {
        /** Not an OpenPGP message we can decrypt with the stanza's keys (or no keys). */
        DECRYPT,
        /** Decrypted, but the signature is missing, bad, from an unknown or not-valid key, or not listed. */
        SIGNATURE
    }

    private final byte[] plaintext;
    private final GpgSigner signer;
    private final Failure failure;
    private final String detail;

    private GpgDecryption(byte[] plaintext, GpgSigner signer, Failure failure, String detail) {
        this.plaintext = plaintext;
        this.signer = signer;
        this.failure = failure;
        this.detail = detail;
    }

    static GpgDecryption ok(byte[] plaintext, GpgSigner signer) {
        return new GpgDecryption(Objects.requireNonNull(plaintext), signer, null, null);
    }

    static GpgDecryption failed(Failure f, String detail) {
        return new GpgDecryption(null, null, Objects.requireNonNull(f), detail);
    }

    public boolean ok() {
        return failure == null;
    }

    /** The decrypted SPA plaintext; null on failure. */
    public byte[] plaintext() {
        return plaintext == null ? null : plaintext.clone();
    }

    /** The first signature's signer, or null when unsigned or not checked. */
    public GpgSigner signer() {
        return signer;
    }

    public Failure failure() {
        return failure;
    }

    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return ok() ? "decrypted" + (signer == null ? "" : ", signed by " + signer) : failure + ": " + detail;
    }
}
