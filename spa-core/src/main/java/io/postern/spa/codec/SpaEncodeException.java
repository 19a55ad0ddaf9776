package io.postern.spa.codec;

/**
 * A request that cannot be turned into a packet fwknopd would accept: an invalid field, a key of the
 * wrong length, identical encryption and HMAC keys, or a packet that would not fit. The message says
 * what to change.
 */
public class SpaEncodeException extends Exception {

    public SpaEncodeException(String message) {
        super(message);
    }
}
