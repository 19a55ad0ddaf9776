package io.postern.orchestrator.receive;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern SIMPLE_BPF = Pattern.compile(
            "\\s*(?:(udp|tcp|udp or tcp|tcp or udp|\\(udp or tcp\\)|\\(tcp or udp\\))\\s+)?(?:dst\\s+)?port\\s+(\\d{1,5})\\s*");

    /**
     * The simple form of a {@code PCAP_FILTER}: {@code [udp|tcp|udp or tcp] [dst] port N}, e.g. fwknopd's default
     * {@code udp port 62201}. BPF's {@code port} also matches source ports; this keeps destination ports only.
     * Empty for anything more complex (use {@link #ANY} or an explicit filter then).
     */
    public static Optional<PortFilter> fromBpf(String expression) {
        Matcher m = SIMPLE_BPF.matcher(expression.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        int port = Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            return Optional.empty();
        }
        String proto = m.group(1) == null ? "udp or tcp" : m.group(1);
        return Optional.of(new PortFilter(proto.contains("udp"), proto.contains("tcp"), Set.of(port)));
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
