package io.postern.orchestrator.knock;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@code -P http}: the request fwknop's {@code send_spa_packet_http} writes, with {@code +} as {@code -}
 * and {@code /} as {@code _} in the path. fwknopd (with {@code ENABLE_SPA_OVER_HTTP}) requires the
 * {@code User-Agent: Fwknop} prefix, so the default agent is fwknop's own.
 */
public final class HttpSender implements SpaSender {

    /** The agent the fwknop 2.6.10 client sends. */
    public static final String DEFAULT_USER_AGENT = "Fwknop/2.6.10";

    private final String host;
    private final String userAgent;

    /**
     * @param host      the {@code Host:} header value (the destination as the user gave it)
     * @param userAgent the {@code User-Agent:} value
     */
    public HttpSender(String host, String userAgent) {
        this.host = Objects.requireNonNull(host, "host");
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
    }

    /** The full request for {@code packet}. */
    public String request(String packet) {
        return "GET /" + packet.replace('+', '-').replace('/', '_') + " HTTP/1.0\r\n"
                + "User-Agent: " + userAgent + "\r\n"
                + "Accept: */*\r\n"
                + "Host: " + host + "\r\n"
                + "Connection: close\r\n\r\n";
    }

    @Override
    public void send(String packet, InetSocketAddress to) throws IOException {
        TcpSender.write(request(packet).getBytes(StandardCharsets.US_ASCII), to);
    }
}
