package io.postern.it.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.device.sim.SimulatedCiscoIos;
import io.postern.orchestrator.event.PosternEventListener;
import io.postern.orchestrator.ledger.Grant;
import io.postern.orchestrator.ledger.GrantState;
import io.postern.orchestrator.serve.PosternServer;
import io.postern.orchestrator.serve.ServerOptions;
import io.postern.spa.crypto.DigestType;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grants on a simulated Cisco IOS router (real SSH on loopback) while it refuses logins, answers config
 * commands with errors, stops answering, drops the connection in the middle of a sequence, answers slowly or
 * shows a wrong prompt; then a close against a router that refuses logins, and its recovery. The server runs
 * on a hand-moved clock. Proves: after every fault the ledger tells the truth (OPEN only if the entry is on
 * the router, FAILED and CLOSED only if it is not, CLOSING while a close is being retried), and once the
 * router recovers the pending close completes. A router that stops answering during the login costs one
 * {@code login_timeout} (3 s here) and one login: no undo is tried when nothing of the open reached it.
 */
class DeviceFaultsIT {

    @TempDir
    Path dir;

    @Test
    void everyGrantEndsRecordedTruthfullyAndPendingClosesComplete() throws Exception {
        SimulatedCiscoIos router = SimulatedCiscoIos.builder().hostname("R1").username("postern")
                .password(Adv.ROUTER_PASSWORD.toCharArray()).enableSecret(Adv.ROUTER_ENABLE.toCharArray()).build().start();
        Files.writeString(dir.resolve("pw"), Adv.ROUTER_PASSWORD + "\n");
        Files.writeString(dir.resolve("enable"), Adv.ROUTER_ENABLE + "\n");
        Files.writeString(dir.resolve("inventory.yaml"), "all:\n  vars:\n    driver: ssh-cli\n    template: cisco-ios\n"
                + "    user: postern\n    password_file: pw\n    enable_secret_file: enable\n    acl_name: POSTERN-SPA\n"
                + "    connect_timeout: 2s\n    login_timeout: 3s\n    command_timeout: 1500ms\n  children:\n    edge:\n      hosts:\n        r1:\n"
                + "          address: 127.0.0.1\n          port: " + router.port() + "\n          host_key: \""
                + router.hostKeyFingerprint() + "\"\n");
        Files.writeString(dir.resolve("access.conf"), Adv.stanzaA("FW_ACCESS_TIMEOUT 30\nTARGETS edge\n"));
        Adv.MutableClock clock = new Adv.MutableClock(Instant.now());
        ServerOptions o = new ServerOptions(dir.resolve("access.conf"), null, null,
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), 0, null, false,
                dir.resolve("state"), "nftables", null, 2, Duration.ofSeconds(5), clock, dir.resolve("inventory.yaml"))
                .withObservability(null, Adv.logDir().resolve("DeviceFaultsIT-audit.jsonl"));
        Map<String, String> outcomes = new LinkedHashMap<>();
        Map<String, String> costs = new LinkedHashMap<>();
        List<String> lies = new ArrayList<>();
        try (router; Adv.LogFile log = new Adv.LogFile("DeviceFaultsIT");
             PosternServer server = PosternServer.create(o, new PosternEventListener() { });
             DatagramSocket client = new DatagramSocket()) {
            server.recoverAndStartTimers();
            server.startReceiver();
            InetSocketAddress target = server.boundAddresses().get(0);
            int[] next = {10};
            record Fault(String name, Consumer<SimulatedCiscoIos> set) { }
            List<Fault> faults = new ArrayList<>(List.of(
                    new Fault("none", r -> { }),
                    new Fault("refuse-login", r -> r.faults().refuseLogin(true)),
                    new Fault("config-error", r -> r.faults().failConfigCommands(true)),
                    new Fault("hang-after-3", r -> r.faults().hangAfter(3)),
                    new Fault("drop-after-1", r -> r.faults().dropAfter(1)),
                    new Fault("drop-after-3", r -> r.faults().dropAfter(3)),
                    new Fault("slow-300ms", r -> r.faults().delayAnswers(Duration.ofMillis(300))),
                    // answers 'terminal length 0', then never 'enable': one login_timeout, no undo
                    new Fault("hang-after-1", r -> r.faults().hangAfter(1))));
            if (Adv.full()) {
                faults.add(new Fault("slow-3s", r -> r.faults().delayAnswers(Duration.ofSeconds(3))));
            }
            for (Fault f : faults) {
                String allow = "198.18.10." + next[0]++;
                disconnectAndSettle(router);
                f.set.accept(router);
                long before = server.counters().opened() + server.counters().openFailed();
                int logins = router.sessionsOpened();
                long start = System.nanoTime();
                knock(client, target, allow, clock);
                Adv.await(f.name + " settled", Duration.ofSeconds(70),
                        () -> server.counters().opened() + server.counters().openFailed() > before);
                costs.put(f.name, String.format("%.1f s/%d login(s)", (System.nanoTime() - start) / 1e9,
                        router.sessionsOpened() - logins));
                router.faults().reset();
                Grant g = grantFor(server, allow);
                outcomes.put(f.name, g.state().name());
                checkTruth(server, router, lies);
            }
            assertThat(outcomes.get("none")).isEqualTo("OPEN");
            assertThat(outcomes.get("hang-after-1")).isEqualTo("FAILED");
            assertThat(costs.get("hang-after-1")).as("one login, no undo").endsWith("/1 login(s)");

            // a close against a router that refuses logins stays CLOSING and is retried; recovery completes it
            router.faults().refuseLogin(true);
            router.disconnectAll();
            clock.advance(Duration.ofSeconds(31));
            Adv.await("close failed at least once", Duration.ofSeconds(20), () -> server.counters().closeFailed() > 0);
            List<Grant> closing = server.store().active().stream().filter(g -> g.state() == GrantState.CLOSING).toList();
            checkTruth(server, router, lies);
            router.faults().reset();
            for (int i = 0; i < 12 && !server.store().active().isEmpty(); i++) {
                clock.advance(Duration.ofSeconds(30));
                Thread.sleep(1200);
            }
            Adv.await("pending closes done", Duration.ofSeconds(30), () -> server.store().active().isEmpty());
            checkTruth(server, router, lies);
            Adv.figure(String.format("device faults (ssh-cli, simulated IOS): outcomes %s; knock-to-settled time and "
                            + "logins %s; closes retried while the "
                            + "router refused logins: %d grant(s) CLOSING, %d failed close attempt(s), all closed after recovery; "
                            + "ledger/device disagreements: %d %s", outcomes, costs, closing.size(),
                    server.counters().closeFailed(), lies.size(), lies));
            assertThat(closing).isNotEmpty();
            assertThat(router.accessList("POSTERN-SPA")).isEmpty();
            assertThat(lies).isEmpty();
        }
    }

    /**
     * A router whose prompt always looks like configuration mode and that answers {@code end} with an error:
     * {@code SshCliSession.exchange} calls {@code leaveConfigMode}, which calls {@code exchange("end")}, which
     * fails and calls {@code leaveConfigMode} again, without bound (1,172 'end' lines in one second here), until
     * the stack or the SSH stream breaks; the grant never leaves OPENING and the pipeline thread is lost.
     */
    @Test
    void aWrongPromptEndsTheOpenAsFailed() throws Exception {
        SimulatedCiscoIos router = SimulatedCiscoIos.builder().hostname("R1").username("postern")
                .password(Adv.ROUTER_PASSWORD.toCharArray()).enableSecret(Adv.ROUTER_ENABLE.toCharArray()).build().start();
        Files.writeString(dir.resolve("pw"), Adv.ROUTER_PASSWORD + "\n");
        Files.writeString(dir.resolve("enable"), Adv.ROUTER_ENABLE + "\n");
        Files.writeString(dir.resolve("inventory.yaml"), "all:\n  vars:\n    driver: ssh-cli\n    template: cisco-ios\n"
                + "    user: postern\n    password_file: pw\n    enable_secret_file: enable\n    acl_name: POSTERN-SPA\n"
                + "    command_timeout: 1500ms\n  children:\n    edge:\n      hosts:\n        r1:\n"
                + "          address: 127.0.0.1\n          port: " + router.port() + "\n          host_key: \""
                + router.hostKeyFingerprint() + "\"\n");
        Files.writeString(dir.resolve("access.conf"), Adv.stanzaA("FW_ACCESS_TIMEOUT 30\nTARGETS edge\n"));
        Adv.MutableClock clock = new Adv.MutableClock(Instant.now());
        ServerOptions o = new ServerOptions(dir.resolve("access.conf"), null, null,
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), 0, null, false,
                dir.resolve("state"), "nftables", null, 2, Duration.ofSeconds(5), clock, dir.resolve("inventory.yaml"));
        try (router; PosternServer server = PosternServer.create(o, new PosternEventListener() { });
             DatagramSocket client = new DatagramSocket()) {
            server.recoverAndStartTimers();
            server.startReceiver();
            router.faults().overridePrompt("R1(config-weird)#");
            knock(client, server.boundAddresses().get(0), "198.18.11.1", clock);
            Adv.await("the open settles", Duration.ofSeconds(40),
                    () -> server.counters().opened() + server.counters().openFailed() > 0);
            assertThat(grantFor(server, "198.18.11.1").state()).isEqualTo(GrantState.FAILED);
            assertThat(router.accessList("POSTERN-SPA")).isEmpty();
        }
    }

    static void knock(DatagramSocket s, InetSocketAddress target, String allow, Adv.MutableClock clock)
            throws Exception {
        byte[] b = Adv.encode(Adv.access(allow, "tcp/22", clock.instant().getEpochSecond(), 0), Adv.keysA(),
                DigestType.SHA256).getBytes(StandardCharsets.US_ASCII);
        s.send(new DatagramPacket(b, b.length, target));
    }

    static Grant grantFor(PosternServer server, String allow) {
        return server.store().recent(500).stream().filter(g -> g.key().source().equals(allow)).findFirst()
                .orElseThrow(() -> new AssertionError("no grant for " + allow));
    }

    /**
     * Drops every session and waits until serve's side has seen it: otherwise the next open may still write its
     * first line to a pooled session that is closing, which loses that line's answer and (rightly) counts as a
     * line that may have been applied, which is not the fault under test.
     */
    static void disconnectAndSettle(SimulatedCiscoIos router) throws InterruptedException {
        router.disconnectAll();
        Adv.await("sessions closed", Duration.ofSeconds(5), () -> router.activeSessions() == 0);
        Thread.sleep(250); // loopback: the client reads the end of the stream within milliseconds
    }

    /** OPEN only if the entry is on the router; FAILED and CLOSED only if it is not. */
    static void checkTruth(PosternServer server, SimulatedCiscoIos router, List<String> lies) {
        List<String> entries = router.accessList("POSTERN-SPA");
        for (Grant g : server.store().recent(500)) {
            boolean present = entries.stream().anyMatch(e -> e.contains(" host " + g.key().source() + " "));
            boolean lie = switch (g.state()) {
                case OPEN -> !present;
                case FAILED, CLOSED -> present;
                default -> false;
            };
            if (lie) {
                lies.add(g.key().source() + " " + g.state() + " but entry " + (present ? "present" : "absent"));
            }
        }
    }
}
