package io.postern.spa.policy;

import io.postern.spa.config.AccessStanza;
import java.net.InetAddress;
import java.util.List;

/**
 * Which stanzas a packet's IP header addresses it to: the packet source must be in SOURCE and, when
 * the stanza sets DESTINATION, the packet destination in it. fwknopd compares IPv4 only; Postern's
 * address lists also hold IPv6 prefixes, and an IPv4 entry never matches an IPv6 address.
 */
public final class SourceMatcher {

    private SourceMatcher() {
    }

    /** Step 1 of fwknopd's stanza loop. */
    public static boolean matches(AccessStanza stanza, InetAddress source, InetAddress destination) {
        if (!stanza.source().matches(source)) {
            return false;
        }
        return stanza.destination() == null || stanza.destination().matches(destination);
    }

    /** fwknopd's pre-check before any stanza is tried: some stanza's SOURCE holds {@code source}. */
    public static boolean anySourceMatches(List<AccessStanza> stanzas, InetAddress source) {
        for (AccessStanza s : stanzas) {
            if (s.source().matches(source)) {
                return true;
            }
        }
        return false;
    }
}
