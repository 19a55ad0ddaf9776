package io.postern.spa.codec;

import io.postern.spa.Rejection;
import io.postern.spa.SpaMessage;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.crypto.EncryptionMode;
import io.postern.spa.crypto.HmacType;
import io.postern.spa.gpg.GpgSigner;
import java.util.Objects;

/**
 * What the decoder made of one packet under one set of keys: either a message with the algorithms
 * it was protected with, or a {@link Rejection} with a one-line detail (never key material).
 */
public final class DecodeResult {

    private final SpaMessage message;
    private final DigestType digestType;
    private final HmacType hmacType;
    private final EncryptionMode mode;
    private final Rejection rejection;
    private final String detail;
    private final GpgSigner gpgSigner;

    private DecodeResult(SpaMessage message, DigestType digestType, HmacType hmacType, EncryptionMode mode,
                         Rejection rejection, String detail) {
        this(message, digestType, hmacType, mode, rejection, detail, null);
    }

    private DecodeResult(SpaMessage message, DigestType digestType, HmacType hmacType, EncryptionMode mode,
                         Rejection rejection, String detail, GpgSigner gpgSigner) {
        this.gpgSigner = gpgSigner;
        this.message = message;
        this.digestType = digestType;
        this.hmacType = hmacType;
        this.mode = mode;
        this.rejection = rejection;
        this.detail = detail;
    }

    static DecodeResult accepted(SpaMessage m, DigestType d, HmacType h, EncryptionMode mode) {
        return new DecodeResult(Objects.requireNonNull(m), d, h, mode, null, null);
    }

    /** This accepted result with the GPG signer that was checked. */
    DecodeResult withGpgSigner(GpgSigner signer) {
        return new DecodeResult(message, digestType, hmacType, mode, rejection, detail, signer);
    }

    /** A rejection with its reason and a one-line detail. */
    public static DecodeResult rejected(Rejection r, String detail) {
        return new DecodeResult(null, null, null, null, Objects.requireNonNull(r), detail);
    }

    public boolean isAccepted() {
        return message != null;
    }

    /** The message; throws if rejected. */
    public SpaMessage message() {
        if (message == null) {
            throw new IllegalStateException("rejected: " + rejection);
        }
        return message;
    }

    /** The inner digest type detected; null if rejected. */
    public DigestType digestType() {
        return digestType;
    }

    /** The HMAC type verified, or null if the keys had no HMAC key or the packet was rejected. */
    public HmacType hmacType() {
        return hmacType;
    }

    /** The encryption mode used; null if rejected. */
    public EncryptionMode mode() {
        return mode;
    }

    /** Who signed an accepted GPG packet, when the stanza checks signatures; null otherwise. */
    public GpgSigner gpgSigner() {
        return gpgSigner;
    }

    /** The rejection; null if accepted. */
    public Rejection rejection() {
        return rejection;
    }

    /** One-line reason for a rejection; null if accepted. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return isAccepted() ? "accepted " + message + (gpgSigner == null ? "" : " signed by " + gpgSigner)
                : "rejected " + rejection + ": " + detail;
    }
}
