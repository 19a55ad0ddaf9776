package io.postern.device.http;

import io.postern.device.DeviceSpec;
import io.postern.spa.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code http} driver's settings, read once from a {@link DeviceSpec} and validated up front:
 * <ul>
 *   <li>{@code base_url} (required): {@code http://} or {@code https://} host, optional port and path prefix;
 *       no user info, query or fragment;</li>
 *   <li>{@code connect_timeout} (default {@code 5s}) and {@code request_timeout} (default {@code 10s}):
 *       {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT10S});
 *       {@code request_timeout} falls back to the inventory's {@code command_timeout}; a request's limit is
 *       the smaller of {@code request_timeout} and its step's time limit;</li>
 *   <li>{@code token_env} or {@code token_file} (at most one): the API token, read at each use;
 *       {@code token_header} (default {@code Authorization}, sent as {@code Bearer <token>}; any other header
 *       carries the bare token);</li>
 *   <li>{@code ca_file}: PEM certificates to trust instead of the JDK's; TLS verification (chain and host
 *       name) is always on and cannot be switched off;</li>
 *   <li>{@code success_status} (default {@code 2xx}): statuses that count as success;</li>
 *   <li>{@code close_attempts} (default 3) and {@code retry_backoff} (default {@code 500ms}, doubled per
 *       attempt): how often a close request is retried at once after a time-out, a connection failure or a
 *       408/429/5xx answer; later retries are the caller's (the ledger's) job.</li>
 * </ul>
 *
 * @param device        device name
 * @param baseUrl       base URL, path without a trailing slash
 * @param connectTimeout TCP/TLS connect limit
 * @param requestTimeout per-request limit (headers and body)
 * @param token         token source or {@code null}
 * @param tokenHeader   header carrying the token
 * @param caFile        extra trust anchors or {@code null}
 * @param success       success statuses
 * @param closeAttempts attempts per close request, at least 1
 * @param retryBackoff  pause before the second attempt
 */
record HttpSettings(String device, URI baseUrl, Duration connectTimeout, Duration requestTimeout,
                           TokenSource token, String tokenHeader, Path caFile, StatusSet success, int closeAttempts,
                           Duration retryBackoff) {

    private static final Set<String> TLS_OFF = Set.of("insecure", "verify_tls", "tls_verify", "skip_tls_verify",
            "insecure_skip_verify");
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

    /**
     * @param env environment lookup used for {@code token_env}, e.g. {@code System::getenv}
     * @throws ConfigException naming the setting, the value and the expectation
     */
    static HttpSettings fromSpec(DeviceSpec spec, Function<String, String> env) throws ConfigException {
        String n = spec.name();
        for (String key : spec.settings().keySet()) {
            if (TLS_OFF.contains(key.toLowerCase(Locale.ROOT))) {
                throw new ConfigException(null, 0, n + "." + key, spec.settings().get(key),
                        "nothing: TLS verification is always on; use ca_file for a private CA");
            }
        }
        URI base = baseUrl(n, spec.setting("base_url", null));
        Duration connect = duration(n, "connect_timeout", spec.setting("connect_timeout", "5s"));
        Duration request = duration(n, "request_timeout",
                spec.setting("request_timeout", spec.setting("command_timeout", "10s")));
        String tokenEnv = spec.setting("token_env", null);
        String tokenFile = spec.setting("token_file", null);
        if (tokenEnv != null && tokenFile != null) {
            throw new ConfigException(null, 0, n + ": token_env and token_file are exclusive (give one)");
        }
        if (tokenEnv != null && !tokenEnv.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
            throw new ConfigException(null, 0, n + ".token_env", tokenEnv, "an environment variable name");
        }
        TokenSource token = tokenEnv != null ? TokenSource.fromEnv(tokenEnv, env)
                : tokenFile != null ? TokenSource.fromFile(Path.of(tokenFile)) : null;
        String header = spec.setting("token_header", "Authorization");
        if (!HEADER.matcher(header).matches()) {
            throw new ConfigException(null, 0, n + ".token_header", header, "a header name");
        }
        Path ca = null;
        if (spec.setting("ca_file", null) != null) {
            ca = Path.of(spec.setting("ca_file", null));
            if (!Files.isReadable(ca)) {
                throw new ConfigException(null, 0, n + ".ca_file", ca.toString(), "a readable PEM file");
            }
        }
        StatusSet success;
        String statuses = spec.setting("success_status", "2xx");
        try {
            success = StatusSet.parse(statuses);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(null, 0, n + ".success_status", statuses, "codes or classes like 2xx,304");
        }
        int attempts = attempts(n, spec.setting("close_attempts", "3"));
        Duration backoff = duration(n, "retry_backoff", spec.setting("retry_backoff", "500ms"));
        return new HttpSettings(n, base, connect, request, token, header, ca, success, attempts, backoff);
    }

    private static URI baseUrl(String n, String text) throws ConfigException {
        String expected = "an http:// or https:// URL with a host, without user info, query or fragment";
        if (text == null) {
            throw new ConfigException(null, 0, n + ".base_url", "", expected);
        }
        try {
            URI u = new URI(text);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null || u.getRawUserInfo() != null
                    || u.getRawQuery() != null || u.getRawFragment() != null) {
                throw new ConfigException(null, 0, n + ".base_url", text, expected);
            }
            String path = u.getRawPath() == null ? "" : u.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return new URI(scheme + "://" + u.getRawAuthority() + path);
        } catch (URISyntaxException e) {
            throw new ConfigException(null, 0, n + ".base_url", text, expected);
        }
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT10S}); positive. */
    static Duration parseDuration(String text) {
        return io.postern.device.Durations.parse(text.strip());
    }

    private static Duration duration(String n, String key, String text) throws ConfigException {
        try {
            return parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(null, 0, n + "." + key, text, "a positive duration like 500ms, 10s, 2m, 1h or PT10S");
        }
    }

    private static int attempts(String n, String text) throws ConfigException {
        try {
            int v = Integer.parseInt(text.strip());
            if (v >= 1 && v <= 20) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(null, 0, n + ".close_attempts", text, "an integer 1..20");
    }

    /** The URI of a request path ({@code /api/v1/rules?x=1}) under the base URL. */
    URI resolve(String path) {
        return URI.create(baseUrl + path);
    }

    /** The header value for a token: {@code Bearer <token>} for Authorization, else the bare token. */
    String tokenValue(String tok) {
        return tokenHeader.equalsIgnoreCase("Authorization") ? "Bearer " + tok : tok;
    }
}
