package io.postern.orchestrator.knock;

import java.util.Locale;

/**
 * The {@code -P/--server-proto} values Postern can send with. fwknop's raw modes ({@code udpraw},
 * {@code tcpraw}, {@code icmp}) need root and a spoofed header, and are refused with that reason.
 */
public enum ServerProto {
    UDP, TCP, HTTP;

    /** The lower-case name used on the command line and in {@code SPA_SERVER_PROTO}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A sender for this transport; {@code host} is the HTTP Host header and {@code userAgent} its agent. */
    public SpaSender sender(String host, String userAgent) {
        switch (this) {
            case TCP:
                return new TcpSender();
            case HTTP:
                return new HttpSender(host, userAgent);
            default:
                return new UdpSender();
        }
    }

    /**
     * Case-insensitive lookup.
     *
     * @throws IllegalArgumentException naming the accepted values, or why a raw mode is refused
     */
    public static ServerProto fromName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "udp":
                return UDP;
            case "tcp":
                return TCP;
            case "http":
                return HTTP;
            case "udpraw":
            case "tcpraw":
            case "icmp":
                throw new IllegalArgumentException("server protocol '" + n + "' needs raw sockets (root) and is not "
                        + "supported; use udp, tcp or http");
            default:
                throw new IllegalArgumentException("unknown server protocol '" + name + "' (expected udp, tcp or http)");
        }
    }
}
