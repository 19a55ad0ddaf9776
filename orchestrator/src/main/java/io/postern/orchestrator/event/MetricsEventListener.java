package io.postern.orchestrator.event;

import io.postern.orchestrator.ledger.Grant;
import io.postern.spa.Rejection;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Prometheus metrics from the event stream (names in docs/operations.md): packets by outcome and
 * rejection reason, validator time, grant transitions and open/close latency per driver and device, and
 * gauges read at scrape time (ledger size, retry queue, replay digests). Recording is a few lock-free
 * increments; nothing here throws into the pipeline.
 */
public final class MetricsEventListener implements PosternEventListener {

    /** The driver label of grants on the receiving host (CMD_CYCLE or the local firewall). */
    public static final String LOCAL_DRIVER = "local-exec";

    private static final double[] DECODE_BOUNDS = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
        0.025, 0.05, 0.1, 0.25, 1};
    private static final double[] DEVICE_BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final PrometheusRegistry registry;
    private final Function<String, String> driverOf;
    private final Counter packets;
    private final Histogram decode;
    private final Counter grants;
    private final Histogram openSeconds;
    private final Histogram closeSeconds;

    /**
     * @param registry where the metrics are registered (one registry per server)
     * @param driverOf the driver name of a grant target ({@code local} or an inventory device); may
     *                 return null for a device that left the inventory
     */
    public MetricsEventListener(PrometheusRegistry registry, Function<String, String> driverOf) {
        this.registry = Objects.requireNonNull(registry);
        this.driverOf = Objects.requireNonNull(driverOf);
        this.packets = Counter.builder().name("postern_packets_total")
                .help("SPA candidate packets by outcome (accepted, rejected) and rejection reason")
                .labelNames("outcome", "reason").register(registry);
        this.decode = Histogram.builder().name("postern_decode_seconds")
                .help("Time the validator took to decide one packet").classicOnly()
                .classicUpperBounds(DECODE_BOUNDS).register(registry);
        this.grants = Counter.builder().name("postern_grants_total")
                .help("Grant transitions (opened, extended, open_failed, closed, close_failed) per driver and device")
                .labelNames("event", "driver", "device").register(registry);
        this.openSeconds = Histogram.builder().name("postern_open_seconds")
                .help("Time to open a grant on its target, per driver").classicOnly()
                .classicUpperBounds(DEVICE_BOUNDS).labelNames("driver").register(registry);
        this.closeSeconds = Histogram.builder().name("postern_close_seconds")
                .help("Time of one close attempt on a grant's target, per driver").classicOnly()
                .classicUpperBounds(DEVICE_BOUNDS).labelNames("driver").register(registry);
    }

    /**
     * Registers the gauges read at scrape time. A supplier that fails reports -1 rather than failing
     * the scrape.
     *
     * @param activeGrants grants OPENING, OPEN or CLOSING in the ledger
     * @param retryQueue   grants waiting in the close timer's queue
     * @param digests      replay digests stored
     * @param dropped      packets dropped because the pipeline queue was full
     */
    public void registerGauges(LongSupplier activeGrants, LongSupplier retryQueue, LongSupplier digests,
                               LongSupplier dropped) {
        gauge("postern_ledger_active_grants", "Grants the ledger holds open (opening, open or closing)", activeGrants);
        gauge("postern_retry_queue_depth", "Grants queued in the close timer (expiries and close retries)", retryQueue);
        gauge("postern_replay_digests", "Replay digests stored", digests);
        CounterWithCallback.builder().name("postern_packets_dropped_total")
                .help("Packets dropped because the pipeline queue was full")
                .callback(cb -> cb.call(read(dropped))).register(registry);
    }

    private void gauge(String name, String help, LongSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(read(value))).register(registry);
    }

    private static double read(LongSupplier s) {
        try {
            return s.getAsLong();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public void packetValidated(InetSocketAddress source, long nanos) {
        decode.observe(nanos / 1e9);
    }

    @Override
    public void packetRejected(InetSocketAddress source, String stanza, Rejection reason, String detail) {
        packets.labelValues("rejected", reason.name().toLowerCase(java.util.Locale.ROOT)).inc();
    }

    @Override
    public void packetAccepted(InetSocketAddress source, String stanza, String username, String request) {
        packets.labelValues("accepted", "").inc();
    }

    @Override
    public void grantOpened(Grant grant, long openMillis) {
        String driver = driver(grant);
        grants.labelValues("opened", driver, grant.key().target()).inc();
        openSeconds.labelValues(driver).observe(openMillis / 1e3);
    }

    @Override
    public void grantExtended(Grant grant, Instant newExpiry) {
        grants.labelValues("extended", driver(grant), grant.key().target()).inc();
    }

    @Override
    public void grantOpenFailed(Grant grant, String deviceOutput) {
        grants.labelValues("open_failed", driver(grant), grant.key().target()).inc();
    }

    @Override
    public void grantClosed(Grant grant) {
        grants.labelValues("closed", driver(grant), grant.key().target()).inc();
    }

    @Override
    public void grantCloseAttempted(Grant grant, long nanos, boolean closed) {
        closeSeconds.labelValues(driver(grant)).observe(nanos / 1e9);
    }

    @Override
    public void grantCloseFailed(Grant grant, String deviceOutput, Instant nextAttempt) {
        grants.labelValues("close_failed", driver(grant), grant.key().target()).inc();
    }

    private String driver(Grant grant) {
        String target = grant.key().target();
        try {
            String d = driverOf.apply(target);
            return d == null ? "unknown" : d;
        } catch (RuntimeException e) {
            return "unknown";
        }
    }
}
