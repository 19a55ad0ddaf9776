package io.postern.orchestrator.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.device.sim.SimulatedCiscoIos;
import io.postern.orchestrator.event.RecordingEventListener;
import io.postern.orchestrator.ledger.Grant;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reload semantics: a good reload swaps stanzas and devices without touching open grants (same ledger
 * row, same expiry, closed on time); a bad one changes nothing and says why with file:line.
 */
class ReloadTest {

    static final String KEY = DeviceRolloutTest.KEY;
    static final String HMAC = DeviceRolloutTest.HMAC;
    static final String OTHER_KEY = "q2Wk0V3u0o0rYc6B1m1VqzFQ5w0Y3m2rX0JH4w1u7xA=";

    @TempDir
    Path dir;
    PosternServer server;
    final RecordingEventListener events = new RecordingEventListener();
    final List<SimulatedCiscoIos> routers = new ArrayList<>();

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
        routers.forEach(SimulatedCiscoIos::close);
    }

    String cycleStanza(String key, int timer) {
        return "SOURCE ANY\nKEY_BASE64 " + key + "\nHMAC_KEY_BASE64 " + HMAC + "\n"
                + "CMD_CYCLE_OPEN /usr/bin/touch " + dir + "/open.$SRC\n"
                + "CMD_CYCLE_CLOSE /usr/bin/touch " + dir + "/close.$SRC\n"
                + "CMD_CYCLE_TIMER " + timer + "\n";
    }

    void start(Path inventory) throws Exception {
        ServerOptions o = new ServerOptions(dir.resolve("access.conf"), null, null,
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), 0, null, false,
                dir.resolve("state"), "nftables", null, 2, Duration.ofSeconds(5), Clock.systemUTC(), inventory);
        server = PosternServer.create(o, events);
        server.recoverAndStartTimers();
        server.startReceiver();
    }

    void knock(String key, String allow) throws Exception {
        SpaKeys keys = SpaKeys.of(KeyMaterial.ofBase64(key), KeyMaterial.ofBase64(HMAC));
        SpaEncoder enc = new SpaEncoder();
        SpaMessage m = new SpaMessage(enc.newRandomValue(), "alice", Clock.systemUTC().instant().getEpochSecond(),
                SpaMessage.PROTOCOL_VERSION, MessageType.ACCESS, allow + ",tcp/22", null, null, 0);
        byte[] wire = enc.encode(m, keys, DigestType.SHA256).getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket s = new DatagramSocket()) {
            s.send(new DatagramPacket(wire, wire.length, server.boundAddresses().get(0)));
        }
    }

    @Test
    void aGoodReloadSwapsStanzasAndOpenGrantsKeepTheirTimers() throws Exception {
        Files.writeString(dir.resolve("access.conf"), cycleStanza(KEY, 3));
        start(null);
        knock(KEY, "198.18.1.1");
        DeviceRolloutTest.await("open", () -> Files.exists(dir.resolve("open.198.18.1.1")));
        DeviceRolloutTest.await("ledger open", () -> server.store().active().size() == 1);
        Grant before = server.store().active().get(0);

        // The new configuration replaces the key: the old key stops working, the new one works.
        Files.writeString(dir.resolve("access.conf"), cycleStanza(OTHER_KEY, 30));
        ReloadResult r = server.reload();
        assertThat(r.ok()).isTrue();
        assertThat(r.openGrants()).isEqualTo(1);
        assertThat(server.store().active()).singleElement().satisfies(g -> {
            assertThat(g.id()).isEqualTo(before.id());
            assertThat(g.expiresAt()).isEqualTo(before.expiresAt());
        });
        knock(KEY, "198.18.1.2");
        knock(OTHER_KEY, "198.18.1.3");
        DeviceRolloutTest.await("new key opens", () -> Files.exists(dir.resolve("open.198.18.1.3")));
        DeviceRolloutTest.await("old key refused", () -> events.count("rejected:") == 1);
        assertThat(dir.resolve("open.198.18.1.2")).doesNotExist();

        // The grant from before the reload closes at its own expiry (3 s), not the new stanza's 30 s.
        DeviceRolloutTest.await("closed on time", () -> Files.exists(dir.resolve("close.198.18.1.1")));
        Instant closedAt = Files.getLastModifiedTime(dir.resolve("close.198.18.1.1")).toInstant();
        assertThat(closedAt).isBetween(before.expiresAt().minusMillis(50), before.expiresAt().plusSeconds(2));
    }

    @Test
    void aReloadWithErrorsKeepsThePreviousConfigurationAndSaysWhere() throws Exception {
        Files.writeString(dir.resolve("access.conf"), cycleStanza(KEY, 30));
        start(null);
        Files.writeString(dir.resolve("access.conf"), cycleStanza(KEY, 30) + "SOURCE ANY\nFW_ACCESS_TIMEOUT 10\n");
        ReloadResult r = server.reload();
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).contains("access.conf:7: SOURCE");
        Files.delete(dir.resolve("access.conf"));
        assertThat(server.reload().error()).contains("access.conf");
        knock(KEY, "198.18.2.1");
        DeviceRolloutTest.await("still open with the old config", () -> Files.exists(dir.resolve("open.198.18.2.1")));
    }

    @Test
    void aReloadAddsARouterAndGrantsOpenOnTheRemovedOneStillClose() throws Exception {
        for (int i = 0; i < 3; i++) {
            routers.add(SimulatedCiscoIos.builder().hostname("R" + i).username("postern")
                    .password("lab-pass".toCharArray()).enableSecret("lab-enable".toCharArray()).build().start());
        }
        Files.writeString(dir.resolve("pw"), "lab-pass\n");
        Files.writeString(dir.resolve("enable"), "lab-enable\n");
        Files.writeString(dir.resolve("access.conf"), "SOURCE ANY\nKEY_BASE64 " + KEY + "\nHMAC_KEY_BASE64 " + HMAC
                + "\nFW_ACCESS_TIMEOUT 4\nTARGETS edge\n");
        writeInventory(0, 1);
        start(dir.resolve("inventory.yaml"));
        knock(KEY, "198.18.3.1");
        DeviceRolloutTest.await("open on r0 and r1", () -> routers.get(0).accessList("POSTERN-SPA").size() == 1
                && routers.get(1).accessList("POSTERN-SPA").size() == 1);

        writeInventory(0, 2); // r1 leaves the group but stays in the inventory; r2 joins
        assertThat(server.reload().ok()).isTrue();
        knock(KEY, "198.18.3.2");
        DeviceRolloutTest.await("new grant on r2", () -> routers.get(2).accessList("POSTERN-SPA").size() == 1);
        assertThat(routers.get(1).accessList("POSTERN-SPA")).hasSize(1); // only the first grant

        DeviceRolloutTest.await("first grants closed on r0 and r1",
                () -> routers.get(1).accessList("POSTERN-SPA").isEmpty()
                        && routers.get(0).accessList("POSTERN-SPA").size() == 1);
    }

    /** Group edge holds the given routers; every router is in the inventory (r1 under "spare" when left out). */
    void writeInventory(int... inEdge) throws Exception {
        StringBuilder edge = new StringBuilder();
        StringBuilder spare = new StringBuilder();
        for (int i = 0; i < routers.size(); i++) {
            int n = i;
            boolean member = java.util.Arrays.stream(inEdge).anyMatch(x -> x == n);
            SimulatedCiscoIos r = routers.get(i);
            (member ? edge : spare).append("        r").append(i).append(":\n          address: 127.0.0.1\n")
                    .append("          port: ").append(r.port()).append("\n          host_key: \"")
                    .append(r.hostKeyFingerprint()).append("\"\n");
        }
        String inv = "all:\n  vars:\n    driver: ssh-cli\n    template: cisco-ios\n"
                + "    user: postern\n    password_file: pw\n    enable_secret_file: enable\n"
                + "    acl_name: POSTERN-SPA\n    command_timeout: 3s\n  children:\n    edge:\n"
                + "      rollout: best-effort\n      hosts:\n" + edge
                + (spare.length() == 0 ? "" : "    spare:\n      hosts:\n" + spare);
        Files.writeString(dir.resolve("inventory.yaml"), inv);
    }
}
