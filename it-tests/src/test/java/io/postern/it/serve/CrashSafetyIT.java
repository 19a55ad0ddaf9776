package io.postern.it.serve;

import static io.postern.it.serve.ServeSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postern.it.support.KeySpec;
import io.postern.it.support.PosternJar;
import io.postern.it.support.ProcessRunner;
import io.postern.it.support.Tools;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the grant ledger: {@code postern serve} (its own JVM, UDP on 127.0.0.1) opens a 5 s
 * grant through a CMD_CYCLE script that logs OPEN/CLOSE lines, and is killed with SIGKILL while the grant
 * is open, so no shutdown code runs. {@code postern status --json} then still shows the grant open. Serve
 * is started again only after the grant's expiry, and the overdue close runs at once on start; status
 * then shows no active grant. Finally the very same packet bytes (saved by the real {@code fwknop}
 * client with {@code -B}) are sent again and rejected as REPLAY: the digest survived the crash.
 */
class CrashSafetyIT {

    private static final int TIMEOUT = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void requireTools() {
        Tools.requireFwknop();
        Tools.requireOnPath("sh");
    }

    @Test
    void overdueCloseRunsOnRestartAfterSigkillAndReplayIsStillRejected() throws Exception {
        PosternJar postern = PosternJar.require(Files.createDirectories(dir.resolve("home")));
        KeySpec keys = KeySpec.randomBase64(new SecureRandom());
        Path script = dir.resolve("cmd-cycle-log.sh");
        Files.writeString(script, "#!/bin/sh\nlog=$1\nshift\necho \"$*\" >> \"$log\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path cycleLog = dir.resolve("cmd-cycle.log");
        String cycle = script + " " + cycleLog + " %s $SRC $PROTO $PORT $CLIENT_TIMEOUT";
        Path access = dir.resolve("access.conf");
        Files.writeString(access, String.join("\n",
                "SOURCE           ANY",
                "KEY_BASE64       " + keys.key(),
                "HMAC_KEY_BASE64  " + keys.hmacKey(),
                "CMD_CYCLE_OPEN   " + String.format(cycle, "OPEN"),
                "CMD_CYCLE_CLOSE  " + String.format(cycle, "CLOSE"),
                "CMD_CYCLE_TIMER  " + TIMEOUT,
                ""));
        Path state = dir.resolve("state");
        int port = freeUdpPort();
        List<String> serveArgs = List.of("-a", access.toString(), "--bind", "127.0.0.1", "--udp-port",
                String.valueOf(port), "--state-dir", state.toString());
        String open = "OPEN 127.0.0.1 6 22 " + TIMEOUT;
        String close = "CLOSE 127.0.0.1 6 22 " + TIMEOUT;

        Path saved = dir.resolve("knock.txt");
        Instant expiresAt;
        try (ProcessRunner.Running first = ServeSupport.startServe(postern, null, serveArgs, dir.resolve("serve-1.log"))) {
            List<String> knock = new ArrayList<>(List.of("-A", "tcp/22", "-s", "-D", "127.0.0.1", "-p",
                    String.valueOf(port), "-f", String.valueOf(TIMEOUT), "-B", saved.toString()));
            knock.addAll(keys.clientArgs());
            ServeSupport.fwknop(null, dir.resolve("client-home"), knock);
            assertThat(await(Duration.ofSeconds(10), () -> cycleLines(cycleLog).contains(open)))
                    .as("the grant opened:\n%s", first.output()).isTrue();
            assertThat(await(Duration.ofSeconds(5), () -> first.output().contains("opened")))
                    .as(first.output()).isTrue();

            JsonNode grant = onlyGrant(status(postern, state));
            assertThat(grant.path("state").asText()).isEqualTo("open");
            assertThat(grant.path("source").asText()).isEqualTo("127.0.0.1");
            assertThat(grant.path("port").asInt()).isEqualTo(22);
            expiresAt = Instant.parse(grant.path("expires_at").asText());

            assertThat(expiresAt).as("SIGKILL while the grant is open").isAfter(Instant.now());
            ServeSupport.sigkill(first);
            assertThat(first.output()).doesNotContain("stopped;");
        }
        JsonNode afterKill = onlyGrant(status(postern, state));
        assertThat(afterKill.path("state").asText()).as("ledger after SIGKILL").isEqualTo("open");

        assertThat(await(Duration.ofSeconds(TIMEOUT + 5), () -> Instant.now().isAfter(expiresAt.plusMillis(500))))
                .isTrue();
        assertThat(cycleLines(cycleLog)).as("nothing closed while serve was down").containsExactly(open);

        long restarted = System.nanoTime();
        try (ProcessRunner.Running second = ServeSupport.startServe(postern, null, serveArgs, dir.resolve("serve-2.log"))) {
            assertThat(await(Duration.ofSeconds(10), () -> cycleLines(cycleLog).contains(close)))
                    .as("the overdue close ran on restart:\n%s", second.output()).isTrue();
            assertThat((System.nanoTime() - restarted) / 1_000_000).as("close ran at once (ms after restart)")
                    .isLessThan(10_000);
            assertThat(cycleLines(cycleLog)).containsExactly(open, close);
            assertThat(await(Duration.ofSeconds(5), () -> second.output().contains("closed")))
                    .as(second.output()).isTrue();
            assertThat(status(postern, state).path("grants").size()).as("active grants after the close").isZero();

            byte[] replay = Files.readString(saved, StandardCharsets.ISO_8859_1).strip()
                    .getBytes(StandardCharsets.ISO_8859_1);
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                s.send(new DatagramPacket(replay, replay.length, InetAddress.getLoopbackAddress(), port));
            }
            assertThat(await(Duration.ofSeconds(10), () -> second.output().contains("rejected REPLAY")))
                    .as("the replayed packet is rejected across the restart:\n%s", second.output()).isTrue();
            assertThat(second.output()).doesNotContain("accepted");
            assertThat(cycleLines(cycleLog)).as("the replay opened nothing").containsExactly(open, close);
            assertThat(second.isAlive()).isTrue();
        }
    }

    private static JsonNode status(PosternJar postern, Path state) throws IOException {
        ProcessRunner.Result r = postern.run(List.of("status", "--state-dir", state.toString(), "--json"));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return JSON.readTree(r.stdout());
    }

    private static JsonNode onlyGrant(JsonNode status) {
        assertThat(status.path("grants").size()).as("active grants: %s", status).isEqualTo(1);
        return status.path("grants").get(0);
    }

    private static List<String> cycleLines(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }
}
