package io.postern.orchestrator.receive;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Expands a wildcard bind address into one address per local interface address. Java cannot read IP_PKTINFO,
 * so a socket bound to 0.0.0.0 cannot tell which address a datagram was sent to; a socket per address can.
 */
public final class LocalAddresses {

    private LocalAddresses() {
    }

    /**
     * The addresses to bind for {@code requested}: itself when it is not a wildcard; for {@code 0.0.0.0}
     * every IPv4 address of every interface that is up; for {@code ::} every IPv4 and IPv6 address (what a
     * dual-stack socket would receive), leaving out link-local IPv6 (bind those explicitly, with a scope).
     */
    public static List<InetSocketAddress> expand(InetSocketAddress requested) throws SocketException {
        InetAddress address = requested.getAddress();
        if (address == null || !address.isAnyLocalAddress()) {
            return List.of(requested);
        }
        boolean includeV6 = address instanceof Inet6Address;
        Set<InetSocketAddress> out = new LinkedHashSet<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp()) {
                continue;
            }
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a instanceof Inet6Address && (!includeV6 || a.isLinkLocalAddress())) {
                    continue;
                }
                out.add(new InetSocketAddress(a, requested.getPort()));
            }
        }
        return new ArrayList<>(out);
    }
}
