package io.postern.spa;

import java.util.Objects;

/**
 * One {@code proto/port} pair from an access message or from OPEN_PORTS / RESTRICT_PORTS.
 *
 * @param protocol tcp or udp
 * @param port     0..65535 (access messages only ever carry 1..65535)
 */
public record ProtoPort(Protocol protocol, int port) {

    public ProtoPort {
        Objects.requireNonNull(protocol, "protocol");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0..65535: " + port);
        }
    }

    @Override
    public String toString() {
        return protocol.label() + "/" + port;
    }
}
