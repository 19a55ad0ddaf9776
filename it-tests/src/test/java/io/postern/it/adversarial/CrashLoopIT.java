package io.postern.it.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.it.support.PosternJar;
import io.postern.it.support.ProcessRunner;
import io.postern.it.support.Tools;
import io.postern.orchestrator.ledger.Grant;
import io.postern.orchestrator.ledger.SqliteStateStore;
import io.postern.spa.crypto.DigestType;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of the packaged {@code postern serve} at random points while grants open and close (knocks keep
 * arriving, grants last 2 s, the CMD_CYCLE "device" script takes 0-150 ms and appends OPEN/CLOSE lines to a
 * file), then a restart. Iterations: {@code postern.crash.iterations} (6 in CI, 100 in the long run). Proves:
 * right after each restart every entry open on the device has an active ledger row (the ledger never forgets
 * an open), and at the end the device holds nothing, the ledger has no active grant, and every OPEN was
 * closed within its timeout plus a bounded slack (the downtime and restart included).
 */
class CrashLoopIT {

    static final int TIMER = 2;

    @TempDir
    Path dir;

    @Test
    void ledgerAndDeviceAgreeAfterRandomSigkills() throws Exception {
        Tools.requireOnPath("sh");
        PosternJar postern = PosternJar.require(Files.createDirectories(dir.resolve("home")));
        int iterations = (int) Adv.prop("postern.crash.iterations", Adv.full() ? 100 : 6);
        Path script = dir.resolve("device.sh");
        Path device = dir.resolve("device.log");
        Files.writeString(script, "#!/bin/sh\nsleep 0.$(( $$ % 15 ))\necho \"$1 $2 $3 $(date +%s%3N)\" >> " + device + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path access = dir.resolve("access.conf");
        Files.writeString(access, Adv.stanzaA("CMD_CYCLE_OPEN " + script + " OPEN $SRC $PORT\nCMD_CYCLE_CLOSE " + script
                + " CLOSE $SRC $PORT\nCMD_CYCLE_TIMER " + TIMER + "\n"));
        Path state = dir.resolve("state");
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        List<String> args = List.of("serve", "-a", access.toString(), "--bind", "127.0.0.1", "--udp-port",
                String.valueOf(port), "--state-dir", state.toString(), "--threads", "2");
        SplittableRandom r = new SplittableRandom(Long.getLong("postern.crash.seed", 42));
        int knocks = 0;
        int orphans = 0;
        long start = System.nanoTime();
        try (DatagramSocket client = new DatagramSocket()) {
            for (int i = 0; i < iterations; i++) {
                Path log = Adv.logDir().resolve("CrashLoopIT-serve-" + i + ".log");
                try (ProcessRunner.Running serve = ProcessRunner.start(postern.builder(postern.argv(args)), log)) {
                    assertThat(serve.awaitOutput("listening for SPA packets", Duration.ofSeconds(30)))
                            .as(serve.output()).isTrue();
                    // right after the restart: every entry open on the device has an active ledger row
                    orphans += orphans(device, state);
                    long killAt = System.nanoTime() + (300 + r.nextInt(2700)) * 1_000_000L;
                    while (System.nanoTime() < killAt) {
                        String allow = "198.18." + (knocks / 250 % 250) + "." + (knocks % 250 + 1);
                        knocks++;
                        byte[] b = Adv.encode(Adv.access(allow, "tcp/22", System.currentTimeMillis() / 1000, 0),
                                Adv.keysA(), DigestType.SHA256).getBytes(StandardCharsets.US_ASCII);
                        client.send(new DatagramPacket(b, b.length, new InetSocketAddress("127.0.0.1", port)));
                        Thread.sleep(r.nextInt(400));
                    }
                    ProcessHandle h = ProcessHandle.of(serve.pid()).orElseThrow();
                    Runtime.getRuntime().exec(new String[] {"kill", "-9", String.valueOf(serve.pid())}).waitFor();
                    h.onExit().get();
                }
                Thread.sleep(r.nextInt(1500));
            }
            // final run: everything due closes, nothing stays open
            Path log = Adv.logDir().resolve("CrashLoopIT-serve-final.log");
            try (ProcessRunner.Running serve = ProcessRunner.start(postern.builder(postern.argv(args)), log)) {
                assertThat(serve.awaitOutput("listening for SPA packets", Duration.ofSeconds(30))).isTrue();
                orphans += orphans(device, state);
                Adv.await("device and ledger empty", Duration.ofSeconds(TIMER + 20),
                        () -> openOnDevice(device).isEmpty() && activeGrants(state).isEmpty());
            }
        }
        List<String> lines = Files.exists(device) ? Files.readAllLines(device) : List.of();
        long worstMs = worstOpenToCloseMs(lines);
        Adv.figure(String.format("crash: %d SIGKILLs of postern serve (random point 0.3-3 s into a run with knocks every "
                        + "0-400 ms, %d s grants), %d knocks, %d device lines; device entries without an active ledger row "
                        + "after restart: %d; left open at the end: %d; worst OPEN-to-CLOSE %d ms (timeout %d s + downtime); "
                        + "%.0f s", iterations, TIMER, knocks, lines.size(), orphans, openOnDevice(device).size(), worstMs,
                TIMER, (System.nanoTime() - start) / 1e9));
        assertThat(orphans).isZero();
        assertThat(openOnDevice(device)).isEmpty();
        assertThat(activeGrants(state)).isEmpty();
        // bounded slack: timeout + the longest downtime (up to 1.5 s) + restart (JVM start) + close
        assertThat(worstMs).isLessThan((TIMER + 25) * 1000L);
    }

    /** Sources the device currently holds open (last line per source is OPEN). */
    static List<String> openOnDevice(Path device) {
        Map<String, String> last = new HashMap<>();
        try {
            if (Files.exists(device)) {
                for (String l : Files.readAllLines(device)) {
                    String[] f = l.split(" ");
                    last.put(f[1] + " " + f[2], f[0]);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return last.entrySet().stream().filter(e -> e.getValue().equals("OPEN")).map(Map.Entry::getKey).toList();
    }

    static List<Grant> activeGrants(Path state) {
        if (!Files.exists(state.resolve(SqliteStateStore.FILE_NAME))) {
            return List.of();
        }
        SqliteStateStore s = SqliteStateStore.openReadOnly(state);
        try {
            return s.active();
        } finally {
            s.close();
        }
    }

    /** Entries open on the device that the ledger does not hold as active. */
    static int orphans(Path device, Path state) {
        List<String> open = openOnDevice(device);
        List<String> active = activeGrants(state).stream().map(g -> g.key().source() + " " + g.key().port()).toList();
        List<String> missing = new ArrayList<>(open);
        missing.removeAll(active);
        return missing.size();
    }

    /** The longest time from an OPEN line to the next CLOSE line of the same source. */
    static long worstOpenToCloseMs(List<String> lines) {
        Map<String, Long> openedAt = new HashMap<>();
        long worst = 0;
        for (String l : lines) {
            String[] f = l.split(" ");
            String key = f[1] + " " + f[2];
            long t = Long.parseLong(f[3]);
            if (f[0].equals("OPEN")) {
                openedAt.putIfAbsent(key, t);
            } else if (openedAt.containsKey(key)) {
                worst = Math.max(worst, t - openedAt.remove(key));
            }
        }
        return worst;
    }
}
