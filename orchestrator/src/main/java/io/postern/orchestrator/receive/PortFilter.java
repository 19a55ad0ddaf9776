package io.postern.orchestrator.receive;

import java.util.Set;

/**
 * The simple form of {@code PCAP_FILTER} used for capture files: which transports and destination ports to keep.
 * Full BPF syntax applies to live capture only ({@link PcapLiveReceiver} hands it to libpcap); files are read
 * in pure Java, so {@code PcapFileSource} needs no libpcap.
 *
 * @param udp   keep UDP payloads
 * @param tcp   keep TCP payloads
 * @param ports destination ports to keep; empty keeps every port
 */
public record PortFilter(boolean udp, boolean tcp, Set<Integer> ports) {

    /** fwknopd's default {@code udp port 62201}, as a destination-port filter. */
    public static final PortFilter DEFAULT = new PortFilter(true, false, Set.of(UdpReceiver.DEFAULT_PORT));
    /** Every UDP and TCP payload. */
    public static final PortFilter ANY = new PortFilter(true, true, Set.of());

    public PortFilter {
        ports = Set.copyOf(ports);
        for (int p : ports) {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("port out of range: " + p);
            }
        }
    }

    /** UDP and TCP to the given destination ports. */
    public static PortFilter udpAndTcp(Set<Integer> ports) {
        return new PortFilter(true, true, ports);
    }

    boolean accepts(Transport transport, int destinationPort) {
        boolean protoOk = transport == Transport.UDP ? udp : tcp;
        return protoOk && (ports.isEmpty() || ports.contains(destinationPort));
    }
}
