package io.postern.orchestrator.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.device.sim.SimulatedCiscoIos;
import io.postern.orchestrator.event.RecordingEventListener;
import io.postern.orchestrator.ledger.Grant;
import io.postern.orchestrator.ledger.GrantState;
import io.postern.orchestrator.timer.MutableClock;
import io.postern.spa.MessageType;
import io.postern.spa.SpaMessage;
import io.postern.spa.codec.SpaEncoder;
import io.postern.spa.codec.SpaKeys;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.crypto.KeyMaterial;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A knock on a stanza whose TARGETS is a group of simulated Cisco IOS routers (real SSH on loopback):
 * the ACL entry appears on every router and disappears when the grant expires; under all-or-nothing a
 * router that answers with an error rolls back the others, and nothing is reported open that is not.
 */
class DeviceRolloutTest {

    static final String KEY = "l4+CkJAQrnfpQ9IqtwIpmmJeNdnnqy+sQgOdhuj68eA=";
    static final String HMAC = "ssHH57et35IjvOMcouvFRPENGfD7E+6FGP9GumaIu1CIOz8ZOTglX3QE1Iz8LsuQCYbdHUYYRkHluyEDzMQMVw==";

    @TempDir
    Path dir;
    final List<SimulatedCiscoIos> routers = new ArrayList<>();
    final MutableClock clock = new MutableClock(Clock.systemUTC().instant());
    PosternServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
        routers.forEach(SimulatedCiscoIos::close);
    }

    void startRouters(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            routers.add(SimulatedCiscoIos.builder().hostname("R" + i).username("postern")
                    .password("lab-pass".toCharArray()).enableSecret("lab-enable".toCharArray()).build().start());
        }
    }

    PosternServer serve(String rollout, int timeoutSeconds) throws Exception {
        Files.writeString(dir.resolve("pw"), "lab-pass\n");
        Files.writeString(dir.resolve("enable"), "lab-enable\n");
        StringBuilder inv = new StringBuilder("all:\n  vars:\n    driver: ssh-cli\n    template: cisco-ios\n"
                + "    user: postern\n    password_file: pw\n    enable_secret_file: enable\n"
                + "    acl_name: POSTERN-SPA\n    command_timeout: 3s\n  children:\n    edge:\n"
                + "      rollout: " + rollout + "\n      concurrency: 8\n      hosts:\n");
        for (int i = 0; i < routers.size(); i++) {
            SimulatedCiscoIos r = routers.get(i);
            inv.append("        r").append(i).append(":\n          address: 127.0.0.1\n          port: ").append(r.port())
                    .append("\n          host_key: \"").append(r.hostKeyFingerprint()).append("\"\n");
        }
        Files.writeString(dir.resolve("inventory.yaml"), inv);
        Files.writeString(dir.resolve("access.conf"), "SOURCE ANY\nKEY_BASE64 " + KEY + "\nHMAC_KEY_BASE64 " + HMAC
                + "\nFW_ACCESS_TIMEOUT " + timeoutSeconds + "\nTARGETS edge\n");
        ServerOptions o = new ServerOptions(dir.resolve("access.conf"), null, null,
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), 0, null, false,
                dir.resolve("state"), "nftables", null, 2, Duration.ofSeconds(5), clock,
                dir.resolve("inventory.yaml"));
        server = PosternServer.create(o, new RecordingEventListener());
        server.recoverAndStartTimers();
        server.startReceiver();
        return server;
    }

    void knock(String allow) throws Exception {
        SpaKeys keys = SpaKeys.of(KeyMaterial.ofBase64(KEY), KeyMaterial.ofBase64(HMAC));
        SpaEncoder enc = new SpaEncoder();
        SpaMessage m = new SpaMessage(enc.newRandomValue(), "alice", clock.instant().getEpochSecond(),
                SpaMessage.PROTOCOL_VERSION, MessageType.ACCESS, allow + ",tcp/22", null, null, 0);
        byte[] wire = enc.encode(m, keys, DigestType.SHA256).getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket s = new DatagramSocket()) {
            s.send(new DatagramPacket(wire, wire.length, server.boundAddresses().get(0)));
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(25);
        }
    }

    @Test
    void knockOpensTheAclEntryOnTwentyRoutersAndEachClosesOnTime() throws Exception {
        startRouters(20);
        serve("best-effort", 30);
        knock("198.18.0.2");
        await("20 grants opened", () -> server.counters().opened() == 20);
        for (SimulatedCiscoIos r : routers) {
            assertThat(r.accessList("POSTERN-SPA")).containsExactly("1000 permit tcp host 198.18.0.2 any eq 22");
        }
        assertThat(server.store().active()).hasSize(20).allMatch(g -> g.state() == GrantState.OPEN);
        clock.advance(Duration.ofSeconds(29));
        Thread.sleep(1500); // the timer wakes at least every second; nothing is due yet
        assertThat(server.counters().closed()).isZero();
        clock.advance(Duration.ofSeconds(1));
        await("entries removed", () -> routers.stream().allMatch(r -> r.accessList("POSTERN-SPA").isEmpty()));
        await("ledger closed", () -> server.store().active().isEmpty());
        assertThat(server.counters().closed()).isEqualTo(20);
    }

    @Test
    void allOrNothingRollsBackWhenOneRouterAnswersWithAnError() throws Exception {
        startRouters(5);
        routers.get(3).faults().failConfigCommands(true);
        serve("all-or-nothing", 30);
        knock("198.18.0.3");
        await("rollback", () -> server.counters().openFailed() == 1 && server.counters().closed() == 4);
        for (SimulatedCiscoIos r : routers) {
            assertThat(r.accessList("POSTERN-SPA")).as(r.hostname()).isEmpty();
        }
        assertThat(server.store().active()).isEmpty();
        List<Grant> recent = server.store().recent(10);
        assertThat(recent).filteredOn(g -> g.state() == GrantState.FAILED).singleElement()
                .satisfies(g -> assertThat(g.lastError()).contains("Invalid input"));
    }

    @Test
    void bestEffortKeepsTheOthersOpenAndSharedEntriesCloseWithTheLastHolder() throws Exception {
        startRouters(3);
        routers.get(1).faults().failConfigCommands(true);
        serve("best-effort", 30);
        knock("198.18.0.4");
        await("two open", () -> server.counters().opened() == 2 && server.counters().openFailed() == 1);
        assertThat(routers.get(0).accessList("POSTERN-SPA")).hasSize(1);
        assertThat(routers.get(1).accessList("POSTERN-SPA")).isEmpty();
        assertThat(server.store().active()).hasSize(2);
    }
}
