package io.postern.device.http;

import io.postern.device.CommandSequence;
import io.postern.device.StepSequenceDriver;
import io.postern.device.DeviceException;
import io.postern.device.DeviceSpec;
import io.postern.device.Step;
import io.postern.device.StepResult;
import io.postern.spa.config.ConfigException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code http} driver: each step of a sequence is one REST call described by an {@link HttpRequestSpec}
 * line (rendered from an {@code http-*} template family) and sent with the JDK's {@link HttpClient} to the
 * device's {@code base_url} (see {@link HttpSettings} for every setting). Redirects are not followed; TLS
 * is always verified.
 *
 * <p><b>Success.</b> A request succeeds when the status is one of {@code success_status} (default 2xx) and
 * the line's response checks hold, or when the status is one the line accepts with {@code @ok-exit} (e.g.
 * 404 on a close: already gone; checks are not applied then).
 *
 * <p><b>Failure.</b> Any other status, a time-out (the smaller of {@code request_timeout} and the step's
 * limit, for the whole exchange), a refused or reset connection, an empty answer, a bad request line or a
 * missing token is a failed step: {@link DeviceException} with the status and a bounded excerpt of the
 * answer. Open stops at the first failure and undoes (runs the close) when earlier steps had succeeded;
 * open requests are never retried, since a repeated POST may add twice. Close attempts every step and
 * retries a step at once up to {@code close_attempts} times after time-outs, connection failures and
 * 408/429/5xx answers; what still fails is thrown for the caller to retry later.
 *
 * <p><b>Secrets.</b> The token goes only into its header; it, the {@code Authorization} header and the
 * sequence's secrets never appear in a log line, a result or a message (an echoed token is masked).
 *
 * <p>Thread-safe: one client per device, shared by concurrent grants; {@link #shutdown()} stops its threads.
 */
public final class HttpDriver extends StepSequenceDriver {

    private static final Logger LOG = LoggerFactory.getLogger(HttpDriver.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final HttpSettings settings;
    private final ExecutorService executor;
    private final HttpExchange exchange;

    private HttpDriver(HttpSettings settings, HttpClient.Builder clientBuilder, ExecutorService executor) {
        this.settings = settings;
        this.executor = executor;
        this.exchange = new HttpExchange(settings, clientBuilder.executor(executor).build());
    }

    /**
     * Builds the driver from inventory settings.
     *
     * @param env environment lookup for {@code token_env}, normally {@code System::getenv}
     * @throws ConfigException for a missing or invalid setting, or a {@code ca_file} that cannot be loaded
     */
    public static HttpDriver fromSpec(DeviceSpec spec, Function<String, String> env) throws ConfigException {
        HttpSettings s = HttpSettings.fromSpec(spec, env);
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(s.connectTimeout())
                .proxy(HttpClient.Builder.NO_PROXY);
        try {
            b.sslContext(TrustAnchors.context(s.caFile()));
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(null, 0, spec.name() + ".ca_file", String.valueOf(s.caFile()),
                    "PEM certificates (" + e.getMessage() + ")");
        }
        if (s.token() != null && s.baseUrl().getScheme().equals("http")) {
            LOG.warn("device={} sends its API token over plain http to {}", spec.name(), s.baseUrl().getHost());
        }
        ExecutorService ex = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "postern-http-" + spec.name());
            t.setDaemon(true);
            return t;
        });
        return new HttpDriver(s, b, ex);
    }

    @Override
    public String deviceName() {
        return settings.device();
    }

    @Override
    public void shutdown() {
        executor.shutdownNow();
    }

    @Override
    protected StepResult run(String logPrefix, Step step, CommandSequence seq) {
        return once(logPrefix, step, seq).result();
    }

    @Override
    protected String stepNoun() {
        return "request";
    }

    /** Sent but unanswered (reset, time-out, no complete answer): the appliance may have stored the rule. */
    @Override
    protected boolean mayHaveApplied(StepResult failed) {
        return HttpExchange.mayHaveApplied(failed);
    }

    /** Closes are retried on time-outs, refused connections, 408, 429 and 5xx (a repeated POST could add twice). */
    @Override
    protected StepResult runClose(String logPrefix, Step step, CommandSequence seq) {
        Duration pause = settings.retryBackoff();
        for (int attempt = 1; ; attempt++) {
            HttpExchange.Attempt a = once(logPrefix, step, seq);
            if (a.result().succeeded() || !a.retryable() || attempt >= settings.closeAttempts()) {
                return a.result();
            }
            LOG.info("{} device={} retrying close request in {} ms (attempt {}/{})", logPrefix, deviceName(),
                    pause.toMillis(), attempt + 1, settings.closeAttempts());
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return a.result();
            }
            pause = pause.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : pause.multipliedBy(2);
        }
    }

    private HttpExchange.Attempt once(String logPrefix, Step step, CommandSequence seq) {
        HttpExchange.Attempt a = exchange.send(step, seq);
        StepResult r = a.result();
        if (r.succeeded()) {
            LOG.info("{} device={} http {}", logPrefix, deviceName(), describe(r));
        } else {
            LOG.warn("{} device={} http failed {}", logPrefix, deviceName(), describe(r));
        }
        return a;
    }

    /** {@code 'POST /api/v1/rules' -> HTTP 403: {"error":"..."} in 12 ms}, without headers or body items. */
    @Override
    protected String describe(StepResult r) {
        List<String> argv = r.argv();
        int first = argv.size() > 1 && argv.get(0).startsWith("@") ? 1 : 0;
        String request = argv.size() >= first + 2 ? argv.get(first) + " " + argv.get(first + 1) : String.join(" ", argv);
        return "'" + request + "' -> " + (r.timedOut() ? "timed out: " : "") + r.output() + " in "
                + r.duration().toMillis() + " ms";
    }
}
