package io.postern.spa.policy;

import io.postern.spa.SpaMessage;
import io.postern.spa.config.AccessStanza;

/**
 * How long an accepted request stays open (fwknopd's {@code set_timeout}, and {@code cmd_cycle.c}
 * for CMD_CYCLE stanzas).
 */
final class GrantTimeout {

    private GrantTimeout() {
    }

    static int seconds(AccessStanza stanza, SpaMessage message) {
        int client = message.clientTimeout();
        if (stanza.isCommandCycle()) {
            return client > 0 ? client : stanza.commandCycle().timerSeconds();
        }
        return client > 0 ? Math.min(client, stanza.maxFwTimeout()) : stanza.fwAccessTimeout();
    }
}
