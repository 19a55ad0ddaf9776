package io.postern.spa.config;

import java.util.Objects;

/**
 * A stanza's {@code CMD_CYCLE_OPEN} / {@code CMD_CYCLE_CLOSE} / {@code CMD_CYCLE_TIMER}: fwknop's
 * "run this on open, that on close" hook, the model Postern's grants grow from. Kept as the raw
 * command templates ({@code $IP}, {@code $PORT}... substituted later).
 *
 * @param open         the open command template
 * @param close        the close command template; {@code NONE...} means no close
 * @param timerSeconds CMD_CYCLE_TIMER, 0 when unset (allowed only without a close)
 */
public record CommandCycle(String open, String close, int timerSeconds) {

    public CommandCycle {
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(close, "close");
    }

    /** Whether a close command runs: fwknopd skips it when the value starts with {@code NONE}. */
    public boolean closes() {
        return !close.startsWith("NONE");
    }
}
