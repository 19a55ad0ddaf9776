package io.postern.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.it.support.KeySpec;
import io.postern.it.support.PosternJar;
import io.postern.it.support.ProcessRunner;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGHUP while knocks keep arriving: {@code postern serve} (its own JVM, UDP on 127.0.0.1) gets a knock
 * every 25 ms from a new address for about seven seconds, each opening a 3 s CMD_CYCLE grant that logs its
 * open and close with a timestamp. Meanwhile the test sends SIGHUP (by PID) five times: three good
 * reloads (a second stanza appears and goes), and one with an error in access.conf between them, which must
 * be refused with file:line while the previous configuration keeps working. Every knock must open, every
 * grant must close once, 3 s after its knock (open grants keep their timers across reloads), and no
 * packet may fail.
 */
class ReloadUnderLoadIT {

    static final int TIMER = 3;

    @TempDir
    Path dir;

    @Test
    void aReloadUnderLoadKeepsOpenGrantsAndTheirTimers() throws Exception {
        PosternJar postern = PosternJar.require(Files.createDirectories(dir.resolve("home")));
        SecureRandom random = new SecureRandom();
        KeySpec keys = KeySpec.randomBase64(random);
        KeySpec other = KeySpec.randomBase64(random);
        Path cycleLog = dir.resolve("cycle.log");
        Path access = dir.resolve("access.conf");
        String base = OpsSupport.loggingStanza(dir, keys, cycleLog, TIMER);
        String extra = "\nSOURCE 192.0.2.0/24\nKEY_BASE64 " + other.key() + "\nHMAC_KEY_BASE64 " + other.hmacKey()
                + "\nFW_ACCESS_TIMEOUT 60\n";
        Files.writeString(access, base);
        int port = OpsSupport.freeUdpPort();
        AtomicBoolean knocking = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        Map<String, Double> sentAt = new java.util.concurrent.ConcurrentHashMap<>();
        try (ProcessRunner.Running serve = OpsSupport.startServe(postern, List.of("-a", access.toString(), "--bind",
                "127.0.0.1", "--udp-port", String.valueOf(port), "--state-dir", dir.resolve("state").toString(),
                "--threads", "4"), dir.resolve("serve.log"))) {
            Thread load = new Thread(() -> {
                try (DatagramSocket socket = new DatagramSocket()) {
                    while (knocking.get()) {
                        int n = sent.get() + 1;
                        String src = "198.18." + (n / 250) + "." + (1 + n % 250);
                        byte[] wire = OpsSupport.packet(keys, src);
                        sentAt.put(src, System.currentTimeMillis() / 1000.0);
                        OpsSupport.send(socket, wire, port);
                        sent.incrementAndGet();
                        Thread.sleep(25);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "knocks");
            load.start();
            try {
                Thread.sleep(1000);
                reload(serve, access, base + extra, 1);
                reload(serve, access, base + extra + "SOURCE ANY\nFW_ACCESS_TIMEOUT 10\n", -1); // no key: refused
                reload(serve, access, base, 2);
                reload(serve, access, base + extra, 3);
                reload(serve, access, base, 4);
                Thread.sleep(1500);
            } finally {
                knocking.set(false);
                load.join();
            }
            int knocks = sent.get();
            OpsSupport.await(Duration.ofSeconds(TIMER + 15), knocks + " closes",
                    () -> OpsSupport.lines(cycleLog).stream().filter(l -> l.startsWith("CLOSE")).count() >= knocks);
            Thread.sleep(300);
            String out = serve.output();
            assertThat(out).doesNotContain("packet handling failed").doesNotContain(" rejected ")
                    .containsPattern("reload failed, keeping the previous configuration: \\S*access.conf:\\d+: SOURCE");

            Map<String, Double> opened = new HashMap<>();
            Map<String, Double> closed = new HashMap<>();
            for (String line : OpsSupport.lines(cycleLog)) {
                String[] f = line.split(" ");
                Map<String, Double> m = f[0].equals("OPEN") ? opened : closed;
                assertThat(m.put(f[1], Double.parseDouble(f[2]))).as("one %s for %s", f[0], f[1]).isNull();
            }
            assertThat(opened).hasSize(knocks);
            assertThat(closed.keySet()).isEqualTo(opened.keySet());
            // the grant's expiry counts from the decision (as fwknopd's timer does), so measure from the send
            opened.forEach((src, at) -> assertThat(closed.get(src) - sentAt.get(src)).as("grant of %s closed after",
                    src).isBetween(TIMER - 0.1, TIMER + 2.5));
        }
    }

    /** Rewrites access.conf, sends SIGHUP by PID and waits for the n-th success line (n < 0: a failure line). */
    private static void reload(ProcessRunner.Running serve, Path access, String content, int nth) throws Exception {
        Files.writeString(access, content);
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(serve.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        String marker = nth < 0 ? "reload failed, keeping the previous configuration" : "reloaded: ";
        int expected = Math.max(1, nth);
        OpsSupport.await(Duration.ofSeconds(10), "reload " + nth, () -> count(serve.output(), marker) >= expected);
        Thread.sleep(400);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
