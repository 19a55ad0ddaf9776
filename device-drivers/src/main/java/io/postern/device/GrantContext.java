package io.postern.device;

import java.util.Objects;

/**
 * What a driver needs to open or close one grant on its device: the log prefix of the grant
 * ({@code [src] (stanza N)}, as fwknopd writes it) and the rendered open and close sequences. The close
 * sequence is also given to {@link DeviceDriver#open} so that a driver can undo a half-done open.
 * Immutable and thread-safe.
 *
 * @param logPrefix e.g. {@code [192.0.2.7] (stanza #1)}
 * @param open      the open steps (empty when the context is only used to close)
 * @param close     the close steps (empty when there is nothing to close)
 */
public record GrantContext(String logPrefix, CommandSequence open, CommandSequence close) {

    public GrantContext {
        Objects.requireNonNull(logPrefix, "logPrefix");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(close, "close");
    }

    /** A context for closing only, e.g. rebuilt from the ledger after a restart. */
    public static GrantContext forClose(String logPrefix, CommandSequence close) {
        return new GrantContext(logPrefix, CommandSequence.empty(), close);
    }
}
