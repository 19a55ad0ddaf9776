package io.postern.orchestrator.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.orchestrator.ledger.GrantState;
import io.postern.spa.Rejection;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsEventListenerTest {

    static final InetSocketAddress SRC = new InetSocketAddress("203.0.113.9", 40000);

    final PrometheusRegistry registry = new PrometheusRegistry();
    final MetricsEventListener metrics = new MetricsEventListener(registry,
            Map.of("local", MetricsEventListener.LOCAL_DRIVER, "r1", "ssh-cli")::get);

    static String scrape(PrometheusRegistry registry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrometheusTextFormatWriter(false).write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void packetsAreCountedByOutcomeAndReason() throws IOException {
        metrics.packetAccepted(SRC, "stanza #1", "alice", "1.2.3.4,tcp/22");
        metrics.packetRejected(SRC, null, Rejection.HMAC, "bad");
        metrics.packetRejected(SRC, null, Rejection.HMAC, "bad");
        metrics.packetRejected(SRC, null, Rejection.REPLAY, "seen");
        metrics.packetValidated(SRC, 2_000_000);
        String text = scrape(registry);
        assertThat(text).contains("postern_packets_total{outcome=\"accepted\",reason=\"\"} 1.0")
                .contains("postern_packets_total{outcome=\"rejected\",reason=\"hmac\"} 2.0")
                .contains("postern_packets_total{outcome=\"rejected\",reason=\"replay\"} 1.0")
                .contains("postern_decode_seconds_count 1")
                .contains("postern_decode_seconds_bucket{le=\"0.0025\"} 1");
    }

    @Test
    void grantTransitionsCarryDriverAndDevice() throws IOException {
        metrics.grantOpened(Grants.grant(1, "r1", GrantState.OPEN), 1500);
        metrics.grantOpened(Grants.grant(2, "local", GrantState.OPEN), 10);
        metrics.grantOpenFailed(Grants.grant(3, "r1", GrantState.FAILED), "% Invalid input");
        metrics.grantCloseAttempted(Grants.grant(1, "r1", GrantState.CLOSING), 250_000_000, false);
        metrics.grantCloseFailed(Grants.grant(1, "r1", GrantState.CLOSING), "timeout", Grants.T0);
        metrics.grantClosed(Grants.grant(2, "local", GrantState.CLOSED));
        metrics.grantClosed(Grants.grant(9, "gone", GrantState.CLOSED));
        String text = scrape(registry);
        assertThat(text).contains("postern_grants_total{device=\"r1\",driver=\"ssh-cli\",event=\"opened\"} 1.0")
                .contains("postern_grants_total{device=\"local\",driver=\"local-exec\",event=\"opened\"} 1.0")
                .contains("postern_grants_total{device=\"r1\",driver=\"ssh-cli\",event=\"open_failed\"} 1.0")
                .contains("postern_grants_total{device=\"r1\",driver=\"ssh-cli\",event=\"close_failed\"} 1.0")
                .contains("postern_grants_total{device=\"local\",driver=\"local-exec\",event=\"closed\"} 1.0")
                .contains("postern_grants_total{device=\"gone\",driver=\"unknown\",event=\"closed\"} 1.0")
                .contains("postern_open_seconds_sum{driver=\"ssh-cli\"} 1.5")
                .contains("postern_close_seconds_count{driver=\"ssh-cli\"} 1")
                .contains("postern_close_seconds_bucket{driver=\"ssh-cli\",le=\"0.25\"} 1");
    }

    @Test
    void gaugesAreReadAtScrapeTimeAndAFailingSupplierReportsMinusOne() throws IOException {
        long[] active = {3};
        metrics.registerGauges(() -> active[0], () -> 5, () -> {
            throw new IllegalStateException("database closed");
        }, () -> 0);
        assertThat(scrape(registry)).contains("postern_ledger_active_grants 3.0")
                .contains("postern_retry_queue_depth 5.0").contains("postern_replay_digests -1.0")
                .contains("postern_packets_dropped_total 0.0");
        active[0] = 0;
        assertThat(scrape(registry)).contains("postern_ledger_active_grants 0.0");
    }

    @Test
    void aFailingDriverLookupNeverThrowsIntoThePipeline() throws IOException {
        MetricsEventListener m = new MetricsEventListener(new PrometheusRegistry(), t -> {
            throw new IllegalStateException("boom");
        });
        m.grantOpened(Grants.grant(1, "r1", GrantState.OPEN), 5);
        assertThat(scrape(m.registry())).contains("driver=\"unknown\",event=\"opened\"");
    }
}
