package io.postern.orchestrator.receive;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * SPA over HTTP as fwknopd 2.6.10 takes it ({@code ENABLE_SPA_OVER_HTTP}, {@code server/incoming_spa.c}
 * {@code preprocess_spa_data}): a payload that begins {@code GET /} (any case) and contains
 * {@code User-Agent: Fwknop} carries the SPA string as its path, up to the first whitespace, with the client's
 * URL-safe mapping undone ({@code -}→{@code +}, {@code _}→{@code /}). Anything else is not HTTP SPA and is
 * left to the normal prechecks. Pure; thread-safe.
 */
public final class HttpSpaUnwrapper {

    private static final String GET = "GET /";
    private static final String USER_AGENT = "User-Agent: Fwknop";
    private static final String XFF = "x-forwarded-for:";

    /**
     * An unwrapped request.
     *
     * @param spa          the SPA string with {@code -}/{@code _} mapped back
     * @param forwardedFor the first X-Forwarded-For address when it is a valid dotted-quad IPv4 address, else null
     */
    public record HttpSpa(String spa, Inet4Address forwardedFor) {
    }

    private HttpSpaUnwrapper() {
    }

    /** The SPA string inside {@code payload}, or empty when the payload is not an fwknop HTTP request. */
    public static Optional<HttpSpa> unwrap(String payload) {
        if (!payload.regionMatches(true, 0, GET, 0, GET.length()) || !payload.contains(USER_AGENT)) {
            return Optional.empty();
        }
        int start = GET.length();
        int end = start;
        StringBuilder spa = new StringBuilder(Math.min(payload.length(), 2048));
        while (end < payload.length() && !isSpace(payload.charAt(end))) {
            char c = payload.charAt(end++);
            spa.append(c == '-' ? '+' : c == '_' ? '/' : c);
        }
        return Optional.of(new HttpSpa(spa.toString(), forwardedFor(payload)));
    }

    /** C {@code isspace}: space, \t, \n, \v, \f, \r. */
    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** The first address of the first X-Forwarded-For header, when it is plain IPv4; fwknopd takes IPv4 only. */
    static Inet4Address forwardedFor(String payload) {
        int lineStart = 0;
        while (lineStart < payload.length()) {
            int lineEnd = payload.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = payload.length();
            }
            if (payload.regionMatches(true, lineStart, XFF, 0, XFF.length())) {
                String value = payload.substring(lineStart + XFF.length(), lineEnd);
                int comma = value.indexOf(',');
                return parseIpv4((comma < 0 ? value : value.substring(0, comma)).trim());
            }
            lineStart = lineEnd + 1;
        }
        return null;
    }

    /** Strict dotted quad: four decimal parts 0..255, no leading '+', nothing else; never a DNS lookup. */
    static Inet4Address parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            bytes[i] = (byte) v;
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
