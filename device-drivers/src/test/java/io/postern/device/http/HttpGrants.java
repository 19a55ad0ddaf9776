package io.postern.device.http;

import io.postern.device.GrantContext;
import io.postern.device.template.GrantValues;
import io.postern.device.template.RenderException;
import io.postern.device.template.TemplateRenderer;
import io.postern.spa.ProtoPort;
import io.postern.spa.Protocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;

/** Sample grants rendered from the shipped http templates, for the http tests. */
final class HttpGrants {

    static final Duration STEP = Duration.ofSeconds(5);
    static final String PREFIX = "[192.0.2.7] (stanza 1)";

    private HttpGrants() {
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static GrantValues.Builder ipv4() {
        return GrantValues.builder().source(ip("192.0.2.7")).packetSource(ip("198.51.100.9"))
                .destination(ip("203.0.113.1")).protoPort(new ProtoPort(Protocol.TCP, 22)).timeoutSeconds(30)
                .expiresAt(1_700_000_030L).clientTimeout(30).stanza("1").ruleId(42).vars(Map.of());
    }

    static GrantValues.Builder ipv6() {
        return ipv4().source(ip("2001:db8::7")).packetSource(ip("2001:db8::9")).destination(ip("2001:db8::1"))
                .protoPort(new ProtoPort(Protocol.UDP, 53));
    }

    static GrantContext render(String family, GrantValues v) throws RenderException {
        return TemplateRenderer.classpathOnly().renderGrant(PREFIX, family, v, STEP);
    }

    static GrantContext render(TemplateRenderer r, String family, GrantValues v) throws RenderException {
        return r.renderGrant(PREFIX, family, v, STEP);
    }
}
