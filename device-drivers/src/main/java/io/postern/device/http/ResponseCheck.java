package io.postern.device.http;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An expectation on the body of a successful answer, from a request line's {@code --expect-json=PATH=VALUE}
 * or {@code --expect-text=TEXT}. PATH is JSONPath-lite: {@code $} followed by {@code .name} and {@code [index]}
 * steps, e.g. {@code $.Return} or {@code $.rules[0].id}; the value found must equal VALUE (a string compared
 * as is, a number numerically, {@code true}/{@code false}/{@code null} literally). TEXT must occur in the
 * body. Immutable and thread-safe.
 *
 * @param path     the JSONPath-lite steps ({@code String} names and {@code Integer} indexes), or {@code null}
 *                 for a substring check
 * @param expected the expected value or substring
 * @param source   the option as written, for messages
 */
record ResponseCheck(List<Object> path, String expected, String source) {

    private static final Pattern STEP = Pattern.compile("\\.([A-Za-z0-9_-]+)|\\[([0-9]{1,6})]");

    ResponseCheck {
        path = path == null ? null : List.copyOf(path);
    }

    /** {@code --expect-text} */
    static ResponseCheck text(String expected) {
        if (expected.isEmpty()) {
            throw new IllegalArgumentException("--expect-text needs a text");
        }
        return new ResponseCheck(null, expected, "--expect-text=" + expected);
    }

    /** {@code --expect-json}, e.g. {@code $.Return=true}. */
    static ResponseCheck json(String spec) {
        int eq = spec.indexOf('=');
        if (!spec.startsWith("$") || eq < 0) {
            throw new IllegalArgumentException("--expect-json=" + spec + " (expected: $.path=value)");
        }
        String p = spec.substring(1, eq);
        List<Object> steps = new ArrayList<>();
        Matcher m = STEP.matcher(p);
        int at = 0;
        while (at < p.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("--expect-json path '$" + p + "': bad step at column " + (at + 2)
                        + " (expected: .name or [index])");
            }
            steps.add(m.group(1) != null ? m.group(1) : Integer.valueOf(m.group(2)));
            at = m.end();
        }
        return new ResponseCheck(steps, spec.substring(eq + 1), "--expect-json=" + spec);
    }

    /** {@code null} when the body meets the expectation, else why it does not. */
    String failure(String body) {
        if (path == null) {
            return body.contains(expected) ? null : "response does not contain '" + expected + "'";
        }
        Object node;
        try {
            node = Json.parse(body);
        } catch (IllegalArgumentException e) {
            return "response is not JSON (" + e.getMessage() + ")";
        }
        for (Object step : path) {
            if (step instanceof String name && node instanceof Map<?, ?> map && map.containsKey(name)) {
                node = map.get(name);
            } else if (step instanceof Integer i && node instanceof List<?> list && i < list.size()) {
                node = list.get(i);
            } else {
                return source + ": no " + step + " in the response";
            }
        }
        return matches(node) ? null : source + ": found " + Json.write(node);
    }

    private boolean matches(Object node) {
        if (node instanceof BigDecimal n) {
            try {
                return n.compareTo(new BigDecimal(expected)) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (node == null || node instanceof Boolean) {
            return String.valueOf(node).equals(expected);
        }
        return node instanceof String s && s.equals(expected);
    }
}
