package io.postern.device.http;

import io.postern.device.CommandSequence;
import io.postern.device.Step;
import io.postern.device.StepResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one request step and reports it as a {@link StepResult}: the exit code is the HTTP status
 * ({@code -1} when there was no answer), the output a bounded, single-line, masked excerpt of the answer or
 * the reason there was none. Never throws for a failing request. The token is added here, read at each
 * send, and masked (with the sequence's secrets) in everything returned. Thread-safe.
 */
final class HttpExchange {

    // How failures that certainly sent nothing begin; any other failure without an HTTP status may have
    // reached the device (sent, answer lost) and makes a failed open be undone.
    static final String NOT_SENT_BAD_REQUEST = "bad request line: ";
    static final String NOT_SENT_TOKEN = "token: ";
    static final String NOT_SENT_CONNECT = "connection failed: ";

    /** Whether a failed request may have been carried out by the device (no status, and not "never sent"). */
    static boolean mayHaveApplied(StepResult r) {
        return !r.succeeded() && r.exitCode() == -1 && !r.output().startsWith(NOT_SENT_BAD_REQUEST)
                && !r.output().startsWith(NOT_SENT_TOKEN) && !r.output().startsWith(NOT_SENT_CONNECT);
    }

    /** Bytes of a response body read at most. */
    static final int MAX_BODY = 64 * 1024;
    /** Characters of a response body kept in a result. */
    static final int MAX_EXCERPT = 512;

    /** One attempt's result and whether trying again at once could help. */
    record Attempt(StepResult result, boolean retryable) {
    }

    private final HttpSettings settings;
    private final HttpClient client;

    HttpExchange(HttpSettings settings, HttpClient client) {
        this.settings = settings;
        this.client = client;
    }

    Attempt send(Step step, CommandSequence seq) {
        long start = System.nanoTime();
        List<String> shown = seq.mask(step.argv());
        HttpRequestSpec spec;
        try {
            spec = HttpRequestSpec.parse(step);
        } catch (IllegalArgumentException e) {
            return fail(shown, start, NOT_SENT_BAD_REQUEST + seq.mask(e.getMessage()), false, false);
        }
        String token = null;
        if (settings.token() != null) {
            try {
                token = settings.token().resolve();
            } catch (IOException e) {
                return fail(shown, start, NOT_SENT_TOKEN + e.getMessage(), false, false);
            }
        }
        Duration limit = step.timeout().compareTo(settings.requestTimeout()) < 0 ? step.timeout()
                : settings.requestTimeout();
        HttpRequest request = build(spec, token, limit);
        CompletableFuture<HttpResponse<BoundedBody.Bytes>> future =
                client.sendAsync(request, BoundedBody.handler(MAX_BODY));
        HttpResponse<BoundedBody.Bytes> response;
        try {
            response = future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return fail(shown, start, "no complete answer within " + limit.toMillis() + " ms", true, true);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return fail(shown, start, "interrupted", false, false);
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            boolean notConnected = c instanceof ConnectException || c instanceof java.net.http.HttpConnectTimeoutException;
            boolean timedOut = c instanceof HttpTimeoutException;
            String what = notConnected ? NOT_SENT_CONNECT + describe(c)
                    : timedOut ? "no answer within " + limit.toMillis() + " ms"
                    : "request failed: " + describe(c);
            return fail(shown, start, mask(what, seq, token), timedOut, true);
        }
        return judge(spec, response, shown, start, seq, token);
    }

    private HttpRequest build(HttpRequestSpec spec, String token, Duration limit) {
        HttpRequest.Builder b = HttpRequest.newBuilder(settings.resolve(spec.path())).timeout(limit);
        boolean accept = false;
        boolean contentType = false;
        for (Map.Entry<String, String> h : spec.headers()) {
            b.header(h.getKey(), h.getValue());
            accept |= h.getKey().equalsIgnoreCase("Accept");
            contentType |= h.getKey().equalsIgnoreCase("Content-Type");
        }
        if (!accept) {
            b.header("Accept", "application/json");
        }
        if (token != null) {
            b.header(settings.tokenHeader(), settings.tokenValue(token));
        }
        if (spec.jsonBody() == null) {
            b.method(spec.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            if (!contentType) {
                b.header("Content-Type", "application/json");
            }
            b.method(spec.method(), HttpRequest.BodyPublishers.ofString(spec.jsonBody(), StandardCharsets.UTF_8));
        }
        return b.build();
    }

    private Attempt judge(HttpRequestSpec spec, HttpResponse<BoundedBody.Bytes> response, List<String> shown,
                          long start, CommandSequence seq, String token) {
        int status = response.statusCode();
        String body = mask(new String(response.body().data(), StandardCharsets.UTF_8), seq, token);
        String excerpt = excerpt(body, response.body().truncated());
        boolean success = settings.success().contains(status);
        boolean accepted = !success && spec.extraOk().contains(status);
        if (success) {
            for (ResponseCheck check : spec.checks()) {
                String why = check.failure(body);
                if (why != null) {
                    String out = "HTTP " + status + ", response check failed: " + mask(why, seq, token) + ": " + excerpt;
                    return new Attempt(new StepResult(shown, status, oneLine(out), elapsed(start), false, false), false);
                }
            }
        }
        String out = "HTTP " + status + (accepted ? " (accepted by the template)" : "")
                + (excerpt.isEmpty() ? "" : ": " + excerpt);
        boolean ok = success || accepted;
        boolean retryable = !ok && (status == 408 || status == 429 || status >= 500);
        return new Attempt(new StepResult(shown, status, out, elapsed(start), ok, false), retryable);
    }

    private static Attempt fail(List<String> shown, long start, String why, boolean timedOut, boolean retryable) {
        return new Attempt(new StepResult(shown, -1, oneLine(why), elapsed(start), false, timedOut), retryable);
    }

    private static String mask(String text, CommandSequence seq, String token) {
        String out = seq.mask(text);
        return token == null ? out : out.replace(token, CommandSequence.MASK);
    }

    private static String excerpt(String body, boolean truncated) {
        String s = oneLine(body).strip();
        if (s.length() > MAX_EXCERPT) {
            return s.substring(0, MAX_EXCERPT) + " [...]";
        }
        return truncated ? s + " [...]" : s;
    }

    /** Control characters (line breaks included) become spaces, so a device cannot forge log lines. */
    static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(io.postern.device.SafeText.isUnsafe(c) ? ' ' : c);
        }
        return b.toString();
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + m + ")");
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
