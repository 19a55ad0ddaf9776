package io.postern.spa;

import java.util.Objects;

/**
 * The {@code host,port} of a NAT request. The host stays a string because fwknop allows host names
 * (resolved by the server only when configured to); {@link #port()} is typed.
 */
public record NatTarget(String host, int port) {

    public NatTarget {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("NAT port out of range 1..65535: " + port);
        }
    }

    @Override
    public String toString() {
        return host + "," + port;
    }
}
