package io.postern.device.http;

import io.postern.device.Step;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One HTTP request described by one rendered template line (one {@link Step}), in an HTTPie-like syntax:
 * <pre>
 *   [@ok-exit=404] METHOD /path item item ... [--expect-json=$.path=value] [--expect-text=text]
 * </pre>
 * METHOD is GET, POST, PUT, PATCH or DELETE; the path is relative to the device's {@code base_url} (never a
 * full URL, so a request can only go to the configured device). Each item is {@code key<sep>value} where
 * the key is a literal of letters, digits, {@code _ . -} and the first separator after it decides the kind:
 * <ul>
 *   <li>{@code name=value}: a JSON string member (dots in the name nest objects: {@code a.b=x});</li>
 *   <li>{@code name:=literal}: a JSON number, {@code true}, {@code false} or {@code null}, nothing else;</li>
 *   <li>{@code name==value}: a query parameter, percent-encoded;</li>
 *   <li>{@code Name:value}: a request header.</li>
 * </ul>
 * Because the renderer keeps every interpolated value inside one argument and the JSON body is built here
 * with every string escaped, a value can neither add an item or a header nor leave its JSON string.
 * Template keys must be literal text, not values. {@code @ok-exit} codes other than 0 are extra HTTP
 * statuses that count as success (typically 404 on a close: already gone).
 *
 * @param method   upper-case method
 * @param path     path and encoded query, starting with {@code /}
 * @param headers  template headers, in order ({@code Authorization} and framing headers are refused)
 * @param jsonBody the body, or {@code null} when the line has no body items
 * @param checks   expectations on a successful answer's body
 * @param extraOk  statuses accepted besides the device's success statuses
 */
public record HttpRequestSpec(String method, String path, List<Map.Entry<String, String>> headers, String jsonBody,
                              List<ResponseCheck> checks, Set<Integer> extraOk) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> FORBIDDEN_HEADERS = Set.of("authorization", "proxy-authorization", "host",
            "content-length", "connection", "transfer-encoding", "expect", "upgrade", "te", "trailer", "keep-alive");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern PATH = Pattern.compile("(/([A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})*)+");

    public HttpRequestSpec {
        headers = List.copyOf(headers);
        checks = List.copyOf(checks);
        extraOk = Set.copyOf(extraOk);
    }

    /**
     * Reads a rendered step.
     *
     * @throws IllegalArgumentException naming the argument and what was expected
     */
    public static HttpRequestSpec parse(Step step) {
        List<String> argv = step.argv();
        String method = argv.get(0);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("argument 1: '" + method + "' (expected: one of "
                    + new TreeSet<>(METHODS) + ")");
        }
        if (argv.size() < 2) {
            throw new IllegalArgumentException("argument 2: missing (expected: a path starting with /)");
        }
        String path = checkPath(argv.get(1));
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        Map<String, Object> body = new LinkedHashMap<>();
        List<ResponseCheck> checks = new ArrayList<>();
        StringBuilder query = new StringBuilder();
        for (int i = 2; i < argv.size(); i++) {
            String arg = argv.get(i);
            try {
                item(arg, headers, body, query, checks);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("argument " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        Set<Integer> extra = new TreeSet<>(step.successExitCodes());
        extra.remove(0);
        for (int code : extra) {
            if (code < 100 || code > 599) {
                throw new IllegalArgumentException("@ok-exit=" + code + " (expected: HTTP statuses 100..599)");
            }
        }
        String fullPath = query.length() == 0 ? path : path + "?" + query;
        return new HttpRequestSpec(method, fullPath, headers, body.isEmpty() ? null : Json.write(body), checks, extra);
    }

    private static void item(String arg, List<Map.Entry<String, String>> headers, Map<String, Object> body,
                             StringBuilder query, List<ResponseCheck> checks) {
        if (arg.startsWith("--expect-json=")) {
            checks.add(ResponseCheck.json(arg.substring("--expect-json=".length())));
            return;
        }
        if (arg.startsWith("--expect-text=")) {
            checks.add(ResponseCheck.text(arg.substring("--expect-text=".length())));
            return;
        }
        int end = 0;
        while (end < arg.length() && (Character.isLetterOrDigit(arg.charAt(end)) && arg.charAt(end) < 128
                || "_.-".indexOf(arg.charAt(end)) >= 0)) {
            end++;
        }
        String key = arg.substring(0, end);
        String rest = arg.substring(end);
        if (!KEY.matcher(key).matches() || rest.isEmpty()) {
            throw new IllegalArgumentException("'" + arg + "' (expected: name=text, name:=literal, name==query, "
                    + "Header:value, --expect-json=$.path=value or --expect-text=text)");
        }
        if (rest.startsWith(":=")) {
            put(body, key, Json.literal(rest.substring(2)));
        } else if (rest.startsWith("==")) {
            query.append(query.length() == 0 ? "" : "&").append(encode(key)).append('=').append(encode(rest.substring(2)));
        } else if (rest.startsWith("=")) {
            put(body, key, rest.substring(1));
        } else if (rest.startsWith(":")) {
            if (key.contains(".") || FORBIDDEN_HEADERS.contains(key.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header '" + key + "' may not be set by a template");
            }
            headers.add(Map.entry(key, rest.substring(1).strip()));
        } else {
            throw new IllegalArgumentException("'" + arg + "': no separator after '" + key + "'");
        }
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> body, String key, Object value) {
        String[] parts = key.split("\\.", -1);
        Map<String, Object> node = body;
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].isEmpty()) {
                throw new IllegalArgumentException("JSON member '" + key + "': empty name part");
            }
            Object child = node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
            if (!(child instanceof Map)) {
                throw new IllegalArgumentException("JSON member '" + key + "': '" + parts[i] + "' is already a value");
            }
            node = (Map<String, Object>) child;
        }
        String last = parts[parts.length - 1];
        if (last.isEmpty() || node.containsKey(last)) {
            throw new IllegalArgumentException("JSON member '" + key + "': empty or given twice");
        }
        node.put(last, value);
    }

    private static String checkPath(String path) {
        if (!path.startsWith("/") || path.startsWith("//") || !PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("argument 2: '" + path + "' (expected: a path starting with a "
                    + "single /, of unreserved or percent-encoded characters; queries go in name==value items)");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("argument 2: '" + path + "': '.' and '..' segments are refused");
            }
        }
        return path;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code METHOD /path} for logs and messages (no headers, no body). */
    public String describe() {
        return method + " " + path;
    }
}
