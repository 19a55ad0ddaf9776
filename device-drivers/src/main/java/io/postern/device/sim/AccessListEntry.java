package io.postern.device.sim;

import java.util.Objects;

/**
 * One extended ACL entry in normalized form (address and wildcard reduced as IOS stores them), so that two
 * spellings of the same rule compare equal. {@link #toString()} prints it as {@code show access-lists} does,
 * without the sequence number.
 */
public record AccessListEntry(Action action, Protocol protocol, Endpoint source, Endpoint destination) {

    /** {@code permit} or {@code deny}. */
    public enum Action { PERMIT, DENY }

    /** The protocols the simulator accepts; only TCP and UDP take ports. */
    public enum Protocol {
        TCP, UDP, IP;

        boolean hasPorts() {
            return this != IP;
        }
    }

    /**
     * An address with its wildcard bits (IOS order: set bits are "don't care") and an optional {@code eq} port
     * ({@code -1} when absent).
     */
    public record Endpoint(int address, int wildcard, int port) {

        public Endpoint {
            address &= ~wildcard;
        }

        boolean isAny() {
            return wildcard == -1;
        }

        @Override
        public String toString() {
            String where;
            if (isAny()) {
                where = "any";
            } else if (wildcard == 0) {
                where = "host " + dotted(address);
            } else {
                where = dotted(address) + " " + dotted(wildcard);
            }
            return port < 0 ? where : where + " eq " + port;
        }
    }

    public AccessListEntry {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
    }

    static String dotted(int v) {
        return (v >>> 24) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    @Override
    public String toString() {
        return action.name().toLowerCase() + " " + protocol.name().toLowerCase() + " " + source + " " + destination;
    }
}
