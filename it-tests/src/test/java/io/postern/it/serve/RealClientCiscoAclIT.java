package io.postern.it.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.device.sim.SimulatedCiscoIos;
import io.postern.it.support.FwknopClient;
import io.postern.it.support.Tools;
import io.postern.orchestrator.event.PosternEventListener;
import io.postern.orchestrator.ledger.GrantState;
import io.postern.orchestrator.serve.PosternServer;
import io.postern.orchestrator.serve.ServerOptions;
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
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's first scenario with the real client: a packet made by the real fwknop 2.6.10 client reaches
 * serve, whose stanza TARGETS a simulated Cisco IOS router over SSH; the ACL entry appears with a
 * ledger-allocated sequence number and is removed when the client's timeout expires.
 */
class RealClientCiscoAclIT {

    static final String KEY = "l4+CkJAQrnfpQ9IqtwIpmmJeNdnnqy+sQgOdhuj68eA=";
    static final String HMAC = "ssHH57et35IjvOMcouvFRPENGfD7E+6FGP9GumaIu1CIOz8ZOTglX3QE1Iz8LsuQCYbdHUYYRkHluyEDzMQMVw==";

    @TempDir
    Path dir;

    @Test
    void realClientKnockOpensAndClosesTheAclEntryOnTheRouter() throws Exception {
        Tools.requireFwknop();
        try (SimulatedCiscoIos router = SimulatedCiscoIos.builder().hostname("edge1").username("postern")
                .password("it-pass".toCharArray()).enableSecret("it-enable".toCharArray()).build().start()) {
            Path pw = Files.createFile(dir.resolve("pw"), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            Files.writeString(pw, "it-pass\n");
            Path enable = Files.createFile(dir.resolve("enable"), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            Files.writeString(enable, "it-enable\n");
            Files.writeString(dir.resolve("inventory.yaml"), String.join("\n",
                    "all:", "  children:", "    edge:", "      hosts:", "        edge1:",
                    "          driver: ssh-cli", "          template: cisco-ios", "          address: 127.0.0.1",
                    "          port: " + router.port(), "          user: postern", "          password_file: pw",
                    "          enable_secret_file: enable", "          host_key: \"" + router.hostKeyFingerprint() + "\"",
                    "          acl_name: SPA-IN", ""));
            Files.writeString(dir.resolve("access.conf"), "SOURCE ANY\nKEY_BASE64 " + KEY + "\nHMAC_KEY_BASE64 " + HMAC
                    + "\nOPEN_PORTS tcp/22\nMAX_FW_TIMEOUT 60\nTARGETS edge\n");
            ServerOptions o = new ServerOptions(dir.resolve("access.conf"), null, null,
                    List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), 0, null, false,
                    dir.resolve("state"), "nftables", null, 2, Duration.ofSeconds(10), Clock.systemUTC(),
                    dir.resolve("inventory.yaml"));
            try (PosternServer server = PosternServer.create(o, PosternEventListener.NONE)) {
                server.recoverAndStartTimers();
                server.startReceiver();
                Path home = Files.createDirectories(dir.resolve("client-home"));
                FwknopClient.Packet p = new FwknopClient(home).make(List.of("-A", "tcp/22", "-a", "198.18.7.9",
                        "-f", "4", "-D", "127.0.0.1", "--key-base64-rijndael", KEY, "--key-base64-hmac", HMAC,
                        "--use-hmac"));
                byte[] wire = p.wire().getBytes(StandardCharsets.ISO_8859_1);
                try (DatagramSocket s = new DatagramSocket()) {
                    s.send(new DatagramPacket(wire, wire.length, server.boundAddresses().get(0)));
                }
                await("ACL entry", () -> !router.accessList("SPA-IN").isEmpty());
                assertThat(router.accessList("SPA-IN")).containsExactly("1000 permit tcp host 198.18.7.9 any eq 22");
                // the device has the entry a moment before the ledger row turns OPEN (device first, then the row)
                await("ledger OPEN", () -> server.store().active().stream()
                        .anyMatch(g -> g.state() == GrantState.OPEN));
                assertThat(server.store().active()).singleElement().satisfies(g -> {
                    assertThat(g.state()).isEqualTo(GrantState.OPEN);
                    assertThat(g.key().target()).isEqualTo("edge1");
                });
                await("entry removed after the client's 4 s", () -> router.accessList("SPA-IN").isEmpty());
                await("ledger closed", () -> server.store().active().isEmpty());
                assertThat(server.counters().closed()).isEqualTo(1);
            }
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(25);
        }
    }
}
