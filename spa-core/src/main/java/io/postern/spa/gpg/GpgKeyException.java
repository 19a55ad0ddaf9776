package io.postern.spa.gpg;

/** A key could not be found, read or unlocked. The message names keys by ID only. */
public final class GpgKeyException extends Exception {

    private static final long serialVersionUID = 1L;

    public GpgKeyException(String message) {
        super(message);
    }

    public GpgKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
