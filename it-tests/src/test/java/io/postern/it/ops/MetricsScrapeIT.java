package io.postern.it.ops;

import static io.postern.it.ops.OpsSupport.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postern.it.support.KeySpec;
import io.postern.it.support.PosternJar;
import io.postern.it.support.ProcessRunner;
import java.net.DatagramSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code postern serve --metrics-address 127.0.0.1:0 --audit-log FILE} as its own JVM: the test sends
 * three good knocks, two with a wrong HMAC key, one replay and one line of garbage, lets the 2 s grants
 * close, then scrapes {@code /metrics} and reads the audit log. Every count is the one the test caused.
 */
class MetricsScrapeIT {

    @TempDir
    Path dir;

    @Test
    void theMetricsEndpointShowsTheCountsThisTestCaused() throws Exception {
        PosternJar postern = PosternJar.require(Files.createDirectories(dir.resolve("home")));
        SecureRandom random = new SecureRandom();
        KeySpec keys = KeySpec.randomBase64(random);
        KeySpec wrong = KeySpec.randomBase64(random);
        Path cycleLog = dir.resolve("cycle.log");
        Files.writeString(dir.resolve("access.conf"), OpsSupport.loggingStanza(dir, keys, cycleLog, 2));
        Path audit = dir.resolve("log/audit.jsonl");
        int port = OpsSupport.freeUdpPort();
        try (ProcessRunner.Running serve = OpsSupport.startServe(postern, List.of("-a",
                dir.resolve("access.conf").toString(), "--bind", "127.0.0.1", "--udp-port", String.valueOf(port),
                "--state-dir", dir.resolve("state").toString(), "--metrics-address", "127.0.0.1:0",
                "--audit-log", audit.toString()), dir.resolve("serve.log"));
             DatagramSocket socket = new DatagramSocket()) {
            URI metrics = OpsSupport.metricsUri(serve);
            String before = OpsSupport.scrape(metrics);
            assertThat(sample(before, "postern_ledger_active_grants")).isZero();

            List<byte[]> good = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                good.add(OpsSupport.packet(keys, "198.18.7." + i));
            }
            for (byte[] p : good) {
                OpsSupport.send(socket, p, port);
            }
            OpsSupport.send(socket, OpsSupport.packet(keys.keyMaterial(), wrong.hmacMaterial(), "198.18.7.9"), port);
            OpsSupport.send(socket, OpsSupport.packet(keys.keyMaterial(), wrong.hmacMaterial(), "198.18.7.9"), port);
            OpsSupport.await(Duration.ofSeconds(10), "three opens",
                    () -> OpsSupport.lines(cycleLog).stream().filter(l -> l.startsWith("OPEN")).count() == 3);
            OpsSupport.await(Duration.ofSeconds(5), "three grants in the ledger and the timer queue", () -> {
                try {
                    String open = OpsSupport.scrape(metrics);
                    return sample(open, "postern_ledger_active_grants") == 3
                            && sample(open, "postern_retry_queue_depth") == 3;
                } catch (Exception e) {
                    return false;
                }
            });

            OpsSupport.send(socket, good.get(0), port); // replay
            OpsSupport.send(socket, "not an SPA packet, just some bytes on the port".getBytes(StandardCharsets.US_ASCII),
                    port);
            OpsSupport.await(Duration.ofSeconds(15), "three closes",
                    () -> OpsSupport.lines(cycleLog).stream().filter(l -> l.startsWith("CLOSE")).count() == 3);
            OpsSupport.await(Duration.ofSeconds(5), "the ledger to empty", () -> {
                try {
                    return sample(OpsSupport.scrape(metrics), "postern_ledger_active_grants") == 0;
                } catch (Exception e) {
                    return false;
                }
            });
            String text = OpsSupport.scrape(metrics);

            assertThat(sample(text, "postern_packets_total{outcome=\"accepted\",reason=\"\"}")).isEqualTo(3);
            assertThat(sample(text, "postern_packets_total{outcome=\"rejected\",reason=\"hmac\"}")).isEqualTo(2);
            assertThat(sample(text, "postern_packets_total{outcome=\"rejected\",reason=\"replay\"}")).isEqualTo(1);
            double rejected = text.lines().filter(l -> l.startsWith("postern_packets_total{outcome=\"rejected\""))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            assertThat(rejected).isEqualTo(4);
            assertThat(sample(text, "postern_decode_seconds_count")).isEqualTo(7);
            String local = "{device=\"local\",driver=\"local-exec\",event=";
            assertThat(sample(text, "postern_grants_total" + local + "\"opened\"}")).isEqualTo(3);
            assertThat(sample(text, "postern_grants_total" + local + "\"closed\"}")).isEqualTo(3);
            assertThat(sample(text, "postern_grants_total" + local + "\"open_failed\"}")).isZero();
            assertThat(sample(text, "postern_open_seconds_count{driver=\"local-exec\"}")).isEqualTo(3);
            assertThat(sample(text, "postern_close_seconds_count{driver=\"local-exec\"}")).isEqualTo(3);
            assertThat(sample(text, "postern_ledger_active_grants")).isZero();
            assertThat(sample(text, "postern_retry_queue_depth")).isZero();
            assertThat(sample(text, "postern_replay_digests")).isEqualTo(3);
            assertThat(sample(text, "postern_packets_dropped_total")).isZero();
        }

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(audit)) {
            records.add(json.readTree(line));
        }
        assertThat(records).filteredOn(r -> r.get("event").asText().equals("packet_accepted")).hasSize(3)
                .allSatisfy(r -> assertThat(r.get("user").asText()).isEqualTo("alice"));
        assertThat(records).filteredOn(r -> r.get("event").asText().equals("grant_opened")).hasSize(3)
                .allSatisfy(r -> {
                    assertThat(r.get("target").asText()).isEqualTo("local");
                    assertThat(r.get("port").asInt()).isEqualTo(22);
                    assertThat(r.get("expires_at").asText()).endsWith("Z");
                });
        assertThat(records).filteredOn(r -> r.get("event").asText().equals("grant_closed")).hasSize(3);
        assertThat(records).hasSize(9);
        String raw = Files.readString(audit);
        assertThat(raw).doesNotContain(keys.key()).doesNotContain(keys.hmacKey()).doesNotContain("listening");
    }
}
