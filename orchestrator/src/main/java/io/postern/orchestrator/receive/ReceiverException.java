package io.postern.orchestrator.receive;

import java.io.IOException;

/** A receiver could not open its socket, interface or file; the message is one line fit for the console. */
public final class ReceiverException extends IOException {

    private static final long serialVersionUID = 1L;

    public ReceiverException(String message) {
        super(message);
    }

    public ReceiverException(String message, Throwable cause) {
        super(message, cause);
    }
}
