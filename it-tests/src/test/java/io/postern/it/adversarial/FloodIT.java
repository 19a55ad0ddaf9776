package io.postern.it.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.orchestrator.event.PosternEventListener;
import io.postern.orchestrator.ledger.Grant;
import io.postern.orchestrator.serve.PosternServer;
import io.postern.orchestrator.serve.ServerOptions;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.crypto.HmacType;
import io.postern.spa.crypto.KeyMaterial;
import io.postern.spa.codec.SpaKeys;
import io.postern.spa.crypto.EncryptionMode;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An in-process server (UDP on 127.0.0.1, CMD_CYCLE to a script) while a sender thread blasts garbage,
 * wrong-HMAC packets and replays as fast as it can, and a real client knocks once a second from another
 * socket. Proves: every knock opens, and measures the knock-to-open latency under flood (p50/p99) and the
 * packets sent, received, dropped by the pipeline queue and dropped by the kernel socket buffer. Duration:
 * {@code postern.flood.seconds} (10 in CI).
 */
class FloodIT {

    @TempDir
    Path dir;

    /**
     * The measured run: the server survives, accepts nothing but knocks, and the figures are recorded
     * (including knocks lost to the flood).
     */
    @Test
    void floodIsSurvivedAndMeasured() throws Exception {
        flood(false);
    }

    /**
     * Every knock opens. Runs in the long run only ({@code -Dpostern.adversarial.full=true}): on a 2-core machine a
     * local sender still makes the kernel drop 0.3-3 % of the flood at its socket (docs/security.md, "Open"), so
     * one knock in ten runs or so is among them; in CI the measured test above records the count instead.
     */
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "postern.adversarial.full", matches = "true")
    @Test
    void everyKnockOpensUnderFlood() throws Exception {
        flood(true);
    }

    void flood(boolean requireEveryKnock) throws Exception {
        long seconds = Adv.prop("postern.flood.seconds", 10);
        Path script = dir.resolve("cycle.sh");
        Path deviceLog = dir.resolve("device.log");
        Files.writeString(script, "#!/bin/sh\necho \"$*\" >> " + deviceLog + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(dir.resolve("access.conf"), Adv.stanzaA("CMD_CYCLE_OPEN " + script + " OPEN $SRC $PORT\n"
                + "CMD_CYCLE_CLOSE " + script + " CLOSE $SRC $PORT\nCMD_CYCLE_TIMER 600\n"));
        Map<String, Long> openedAt = new ConcurrentHashMap<>();
        PosternEventListener listener = new PosternEventListener() {
            @Override
            public void grantOpened(Grant grant, long openMillis) {
                openedAt.putIfAbsent(grant.key().source(), System.nanoTime());
            }
        };
        ServerOptions o = new ServerOptions(dir.resolve("access.conf"), null, null,
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), 0, null, false,
                dir.resolve("state"), "nftables", null, 2, Duration.ofSeconds(5), Clock.systemUTC())
                .withObservability(null, Adv.logDir().resolve("FloodIT-audit.jsonl"));
        long kernelDropsBefore = udpRcvbufErrors();
        try (Adv.LogFile log = new Adv.LogFile("FloodIT", true);
             PosternServer server = PosternServer.create(o, listener)) {
            server.recoverAndStartTimers();
            server.startReceiver();
            InetSocketAddress target = server.boundAddresses().get(0);

            SpaKeys wrong = new SpaKeys(KeyMaterial.ofBase64(Adv.KEY_A), KeyMaterial.ofBase64(Adv.HMAC_B),
                    HmacType.SHA256, EncryptionMode.CBC, false);
            List<byte[]> wrongHmac = new ArrayList<>();
            long now = System.currentTimeMillis() / 1000;
            for (int i = 0; i < 64; i++) {
                wrongHmac.add(Adv.encode(Adv.access("198.19.0." + i, "tcp/22", now, 0), wrong, DigestType.SHA256)
                        .getBytes(StandardCharsets.US_ASCII));
            }
            byte[] replay = Adv.encode(Adv.access("198.19.1.1", "tcp/22", now, 0), Adv.keysA(), DigestType.SHA256)
                    .getBytes(StandardCharsets.US_ASCII);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong sent = new AtomicLong();
            Thread flood = new Thread(() -> {
                SplittableRandom r = new SplittableRandom(1);
                byte[] garbage = new byte[1500];
                try (DatagramSocket s = new DatagramSocket()) {
                    s.setSendBufferSize(4 << 20);
                    while (!stop.get()) {
                        DatagramPacket p;
                        int kind = r.nextInt(4);
                        if (kind == 0) {
                            int len = 1 + r.nextInt(1500);
                            for (int i = 0; i < len; i++) {
                                garbage[i] = (byte) r.nextInt(256);
                            }
                            p = new DatagramPacket(garbage, len, target);
                        } else if (kind == 1) {
                            int len = 140 + r.nextInt(260);
                            for (int i = 0; i < len; i++) {
                                garbage[i] = (byte) MutationCorpusIT.B64.charAt(r.nextInt(64));
                            }
                            p = new DatagramPacket(garbage, len, target);
                        } else if (kind == 2) {
                            byte[] w = wrongHmac.get(r.nextInt(wrongHmac.size()));
                            p = new DatagramPacket(w, w.length, target);
                        } else {
                            p = new DatagramPacket(replay, replay.length, target);
                        }
                        s.send(p);
                        sent.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "flood");
            flood.start();
            List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
            List<String> knocked = new ArrayList<>();
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            try (DatagramSocket client = new DatagramSocket()) {
                for (int k = 0; k < seconds; k++) {
                    Thread.sleep(1000);
                    String allow = "198.18." + (k / 200) + "." + (1 + k % 200);
                    byte[] wire = Adv.encode(Adv.access(allow, "tcp/22", System.currentTimeMillis() / 1000, 0),
                            Adv.keysA(), DigestType.SHA256).getBytes(StandardCharsets.US_ASCII);
                    sentAt.put(allow, System.nanoTime());
                    client.send(new DatagramPacket(wire, wire.length, target));
                    knocked.add(allow);
                }
            } finally {
                stop.set(true);
                flood.join();
            }
            server.pipeline().drain();
            try {
                Adv.await("every knock opened", Duration.ofSeconds(5), () -> openedAt.keySet().containsAll(knocked));
            } catch (AssertionError notAll) {
                // counted below
            }
            for (String a : knocked) {
                if (openedAt.containsKey(a)) {
                    latenciesMicros.add((openedAt.get(a) - sentAt.get(a)) / 1000);
                }
            }
            long rejectedLines = server.counters().rejected();
            long kernelDrops = udpRcvbufErrors() - kernelDropsBefore;
            List<Long> sorted = latenciesMicros.stream().sorted().toList();
            Adv.figure(String.format("flood: %d s, %d packets sent (%.0f/s), %d received by serve, %d dropped by the "
                            + "pipeline queue, %d dropped by the kernel (UDP RcvbufErrors, host-wide); %d/%d knocks opened; "
                            + "knock-to-open p50 %.1f ms, p99 %.1f ms, max %.1f ms (of those that opened); %d rejections logged",
                    seconds, sent.get(), sent.get() / (double) seconds, server.counters().received(),
                    server.pipeline().dropped(), kernelDrops, knocked.stream().filter(openedAt::containsKey).count(),
                    knocked.size(), sorted.isEmpty() ? -1 : pct(sorted, 50) / 1000.0, sorted.isEmpty() ? -1 : pct(sorted, 99) / 1000.0,
                    sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1) / 1000.0, rejectedLines));
            long opened = knocked.stream().filter(openedAt::containsKey).count();
            assertThat(server.counters().accepted()).as("only the knocks and the first copy of the replayed packet")
                    .isEqualTo(opened + 1);
            assertThat(opened).as("some knocks get through").isPositive();
            if (requireEveryKnock) {
                assertThat(openedAt.keySet()).containsAll(knocked);
            }
        }
    }

    static long pct(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /** The host's UDP receive-buffer drop counter from /proc/net/snmp, or 0 if unreadable. */
    static long udpRcvbufErrors() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("Udp:") && lines.get(i + 1).startsWith("Udp:")) {
                    List<String> names = List.of(lines.get(i).split("\\s+"));
                    String[] values = lines.get(i + 1).split("\\s+");
                    int idx = names.indexOf("RcvbufErrors");
                    return idx > 0 ? Long.parseLong(values[idx]) : 0;
                }
            }
        } catch (Exception e) {
            return 0;
        }
        return 0;
    }
}
