package io.postern.orchestrator.receive;

import java.util.Objects;

/**
 * fwknopd's capture settings for {@link PcapLiveReceiver}.
 *
 * @param interfaceName {@code PCAP_INTF} ({@code -i}); {@code any} captures on all interfaces (Linux cooked)
 * @param filter        {@code PCAP_FILTER} in BPF syntax, compiled by libpcap
 * @param promiscuous   {@code ENABLE_PCAP_PROMISC}
 * @param anyDirection  {@code ENABLE_PCAP_ANY_DIRECTION}; otherwise inbound packets only
 * @param maxSniffBytes {@code MAX_SNIFF_BYTES}: the largest payload kept whole; the snap length adds room for headers
 * @param http          {@code ENABLE_SPA_OVER_HTTP} / {@code ENABLE_X_FORWARDED_FOR}
 */
public record PcapLiveOptions(String interfaceName, String filter, boolean promiscuous, boolean anyDirection,
        int maxSniffBytes, HttpSpaMode http) {

    public static final String DEFAULT_FILTER = "udp port 62201";
    public static final int DEFAULT_MAX_SNIFF_BYTES = 1500;
    /** Link (up to SLL2, 20 bytes, or Ethernet with 2 VLAN tags) + IPv6 with a few extension headers + TCP with options. */
    public static final int HEADER_ROOM = 256;

    public PcapLiveOptions {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(http, "http");
        if (interfaceName.isBlank()) {
            throw new IllegalArgumentException("empty interface name");
        }
        if (maxSniffBytes < 1 || maxSniffBytes > 65535) {
            throw new IllegalArgumentException("MAX_SNIFF_BYTES out of range 1..65535: " + maxSniffBytes);
        }
    }

    /** fwknopd's defaults on {@code interfaceName}: {@code udp port 62201}, not promiscuous, inbound, 1500 bytes. */
    public static PcapLiveOptions defaults(String interfaceName) {
        return new PcapLiveOptions(interfaceName, DEFAULT_FILTER, false, false, DEFAULT_MAX_SNIFF_BYTES,
                HttpSpaMode.OFF);
    }

    /** The snap length given to libpcap. */
    public int snapLength() {
        return maxSniffBytes + HEADER_ROOM;
    }
}
