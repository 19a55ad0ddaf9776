package io.postern.spa.policy;

import io.postern.spa.AccessRequest;
import io.postern.spa.Rejection;
import io.postern.spa.SpaMessage;
import io.postern.spa.codec.DecodeResult;
import io.postern.spa.config.AccessStanza;
import java.net.InetAddress;
import java.util.Objects;

/**
 * The validator's answer for one packet: {@link Accepted} with everything a grant needs, or
 * {@link Rejected} with the reason. A value, never an exception; the detail never holds key
 * material or packet bytes.
 */
public sealed interface Verdict permits Verdict.Accepted, Verdict.Rejected {

    boolean isAccepted();

    /** The rejection, or {@code null} when accepted. */
    Rejection rejection();

    /**
     * An accepted packet.
     *
     * @param stanzaNumber   1-based number of the stanza that took it (fwknopd's "stanza #N")
     * @param stanza         that stanza
     * @param message        the decoded message
     * @param decoded        the decoder's result (digest, HMAC and mode used)
     * @param request        the typed request
     * @param allowAddress   the address to open for: the message's, or the packet source for 0.0.0.0
     * @param timeoutSeconds how long to open: min(client timeout, MAX_FW_TIMEOUT) or FW_ACCESS_TIMEOUT;
     *                       for CMD_CYCLE stanzas the client timeout or CMD_CYCLE_TIMER, uncapped
     */
    record Accepted(int stanzaNumber, AccessStanza stanza, SpaMessage message, DecodeResult decoded,
                    AccessRequest request, InetAddress allowAddress, int timeoutSeconds) implements Verdict {

        public Accepted {
            Objects.requireNonNull(stanza, "stanza");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(allowAddress, "allowAddress");
        }

        @Override
        public boolean isAccepted() {
            return true;
        }

        @Override
        public Rejection rejection() {
            return null;
        }

        @Override
        public String toString() {
            return "accepted (stanza #" + stanzaNumber + ") " + allowAddress.getHostAddress() + " "
                    + (request.command() != null ? "command" : request.ports().toString()) + " for " + timeoutSeconds + "s";
        }
    }

    /**
     * A refused packet.
     *
     * @param rejection    why
     * @param detail       one line for the log
     * @param stanzaNumber the stanza the reason comes from, 0 when none (prechecks, no source match)
     */
    record Rejected(Rejection rejection, String detail, int stanzaNumber) implements Verdict {

        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }

        @Override
        public boolean isAccepted() {
            return false;
        }

        @Override
        public String toString() {
            return "rejected " + rejection + (stanzaNumber > 0 ? " (stanza #" + stanzaNumber + ")" : "") + ": " + detail;
        }
    }
}
