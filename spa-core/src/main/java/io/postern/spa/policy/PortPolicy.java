package io.postern.spa.policy;

import io.postern.spa.ProtoPort;
import io.postern.spa.config.AccessStanza;
import java.util.List;

/**
 * fwknopd's {@code acc_check_port_access}: any requested proto/port in RESTRICT_PORTS denies; when
 * OPEN_PORTS is set, every requested proto/port must be listed (exact protocol and port).
 */
final class PortPolicy {

    private PortPolicy() {
    }

    /** {@code null} when allowed, else the reason. */
    static String check(AccessStanza stanza, List<ProtoPort> requested) {
        for (ProtoPort p : requested) {
            if (stanza.restrictPorts().contains(p)) {
                return p + " is in RESTRICT_PORTS";
            }
        }
        if (!stanza.openPorts().isEmpty()) {
            for (ProtoPort p : requested) {
                if (!stanza.openPorts().contains(p)) {
                    return p + " is not in OPEN_PORTS";
                }
            }
        }
        return null;
    }
}
