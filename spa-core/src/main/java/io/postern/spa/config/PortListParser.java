package io.postern.spa.config;

import io.postern.spa.ProtoPort;
import io.postern.spa.Protocol;
import java.util.ArrayList;
import java.util.List;

/**
 * OPEN_PORTS / RESTRICT_PORTS as fwknopd 2.6.10 expands them ({@code expand_acc_port_list},
 * {@code parse_proto_and_port}): comma-separated {@code proto/port}, leading whitespace skipped, each
 * entry under 32 characters, proto {@code tcp} or {@code udp} in any case, port read by strtol in
 * 0..65535 (so {@code udp/abc} is udp/0, as fwknopd loads it).
 */
final class PortListParser {

    private static final int ACCESS_BUF_LEN = 33;

    private PortListParser() {
    }

    static List<ProtoPort> parse(String value) {
        List<ProtoPort> out = new ArrayList<>();
        for (String raw : value.split(",", -1)) {
            int i = 0;
            while (i < raw.length() && FwknopLines.isSpace(raw.charAt(i))) {
                i++;
            }
            String entry = raw.substring(i);
            if (entry.length() + 1 >= ACCESS_BUF_LEN) {
                throw new IllegalArgumentException("entry '" + entry + "' is longer than 31 characters");
            }
            int slash = entry.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("entry '" + entry + "' is not proto/port");
            }
            String proto = entry.substring(0, slash);
            Protocol p = proto.equalsIgnoreCase("tcp") ? Protocol.TCP
                    : proto.equalsIgnoreCase("udp") ? Protocol.UDP : null;
            Integer port = CNumbers.inRange(entry.substring(slash + 1), 0, 65535);
            if (port == null) {
                throw new IllegalArgumentException("invalid port in '" + entry + "' (0..65535)");
            }
            if (p == null) {
                throw new IllegalArgumentException("invalid protocol in '" + entry + "' (tcp or udp)");
            }
            out.add(new ProtoPort(p, port));
        }
        return out;
    }
}
