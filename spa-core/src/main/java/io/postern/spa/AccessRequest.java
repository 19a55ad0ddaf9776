package io.postern.spa;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The typed meaning of an SPA message: the address to allow, the proto/port pairs (access types) or
 * the command text (type 0), and the NAT target when the type has one. Only values of this record
 * ever reach a template or a command, never the raw strings from a packet.
 *
 * @param allowIp  the address in the message; {@code 0.0.0.0} means "the packet's source"
 * @param ports    requested proto/port pairs, empty for a command message
 * @param command  the command text for type 0, else {@code null}
 * @param nat      the NAT target for NAT types, else {@code null}
 */
public record AccessRequest(InetAddress allowIp, List<ProtoPort> ports, String command, NatTarget nat) {

    public AccessRequest {
        Objects.requireNonNull(allowIp, "allowIp");
        ports = List.copyOf(ports);
    }

    /** Whether the allow IP is {@code 0.0.0.0} (fwknop's {@code -s}: use the packet source). */
    public boolean allowIpIsWildcard() {
        return allowIp.isAnyLocalAddress();
    }

    /** Parses a decoded message; throws {@link IllegalArgumentException} with the reason if invalid. */
    public static AccessRequest parse(SpaMessage m) {
        String err = MessageRules.checkMessage(m.type(), m.message());
        if (err != null) {
            throw new IllegalArgumentException(err);
        }
        int comma = m.message().indexOf(',');
        InetAddress ip = MessageRules.parseAllowIp(m.message().substring(0, comma));
        String rest = m.message().substring(comma + 1);
        NatTarget nat = null;
        if (m.type().hasNat()) {
            String natErr = MessageRules.checkNatAccess(m.natAccess());
            if (natErr != null) {
                throw new IllegalArgumentException(natErr);
            }
            int c = m.natAccess().indexOf(',');
            nat = new NatTarget(m.natAccess().substring(0, c), Integer.parseInt(m.natAccess().substring(c + 1)));
        }
        if (m.type() == MessageType.COMMAND) {
            return new AccessRequest(ip, List.of(), rest, nat);
        }
        List<ProtoPort> ports = new ArrayList<>();
        for (String pp : rest.split(",", -1)) {
            int slash = pp.indexOf('/');
            ports.add(new ProtoPort(Protocol.fromNameIgnoreCase(pp.substring(0, slash)),
                    Integer.parseInt(pp.substring(slash + 1))));
        }
        return new AccessRequest(ip, ports, null, nat);
    }
}
