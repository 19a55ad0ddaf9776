package io.postern.it.serve;

import static io.postern.it.serve.ServeSupport.await;
import static io.postern.it.serve.ServeSupport.canConnect;
import static io.postern.it.serve.ServeSupport.inNs;
import static org.assertj.core.api.Assertions.assertThat;

import io.postern.it.support.KeySpec;
import io.postern.it.support.NetNs;
import io.postern.it.support.PosternJar;
import io.postern.it.support.ProcessRunner;
import io.postern.it.support.Tools;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first seed scenario end to end, as fwknopd users run it: the server namespace drops every new
 * connection unless its source and port are in the ipset {@code spa_allow} (iptables: ESTABLISHED and
 * RELATED accepted, set members accepted, DROP for the rest), a TCP service listens on port 22, and
 * {@code postern serve} captures SPA on the veth (as fwknopd's default pcap mode does, so the DROP
 * cannot hide the knock) with an access.conf whose CMD_CYCLE_OPEN is {@code ipset add spa_allow
 * $SRC,$PROTO:$PORT timeout $CLIENT_TIMEOUT} and CMD_CYCLE_CLOSE is NONE. The real {@code fwknop}
 * client knocks from the client namespace with {@code -f 5}: before the knock the connection fails,
 * after it succeeds, and once the 5 s are over the kernel's ipset timeout closes it again.
 */
class IpsetCmdCycleSeedIT {

    private static final int SSH = 22;
    private static final int TIMEOUT = 5;

    @TempDir
    Path dir;

    @BeforeAll
    static void requireTools() {
        Tools.requireFwknop();
        Tools.requireNetns();
        Tools.requireOnPath("ipset");
        Tools.requireOnPath("iptables");
        Tools.requireOnPath("bash");
        Tools.requireOnPath("timeout");
    }

    @Test
    void knockOpensPortThroughIpsetAndTheSetTimeoutClosesIt() throws Exception {
        PosternJar postern = PosternJar.require(Files.createDirectories(dir.resolve("home")));
        KeySpec keys = KeySpec.randomBase64(new SecureRandom());
        Path access = dir.resolve("access.conf");
        Files.writeString(access, String.join("\n",
                "# the first seed scenario",
                "SOURCE                 ANY",
                "KEY_BASE64             " + keys.key(),
                "HMAC_KEY_BASE64        " + keys.hmacKey(),
                "CMD_CYCLE_OPEN         ipset add spa_allow $SRC,$PROTO:$PORT timeout $CLIENT_TIMEOUT",
                "CMD_CYCLE_CLOSE        NONE",
                "CMD_CYCLE_TIMER        " + TIMEOUT,
                ""));
        try (NetNs ns = NetNs.create()) {
            String srv = ns.serverNs();
            InetAddress server = ns.serverAddress();
            String client = ns.clientAddress().getHostAddress();
            inNs(srv, "ipset", "create", "spa_allow", "hash:ip,port", "timeout", "30");
            inNs(srv, "iptables", "-A", "INPUT", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT");
            inNs(srv, "iptables", "-A", "INPUT", "-m", "set", "--match-set", "spa_allow", "src,dst", "-j", "ACCEPT");
            inNs(srv, "iptables", "-A", "INPUT", "-j", "DROP");
            try (ProcessRunner.Running svc = ServeSupport.startTcpService(srv, SSH, dir.resolve("tcp.log"));
                 ProcessRunner.Running serve = ServeSupport.startServe(postern, srv, List.of("-a", access.toString(),
                         "-i", "veth-s", "--state-dir", dir.resolve("state").toString()), dir.resolve("serve.log"))) {
                assertThat(canConnect(ns.clientNs(), server, SSH)).as("port 22 before the knock").isFalse();

                List<String> knock = new ArrayList<>(List.of("-A", "tcp/" + SSH, "-a", client,
                        "-D", server.getHostAddress(), "-f", String.valueOf(TIMEOUT)));
                knock.addAll(keys.clientArgs());
                ServeSupport.fwknop(ns.clientNs(), dir.resolve("client-home"), knock);

                assertThat(await(Duration.ofSeconds(10), () -> serve.output().contains("opened")))
                        .as("serve opened the grant:\n%s", serve.output()).isTrue();
                long opened = System.nanoTime();
                assertThat(serve.output()).contains("[" + client + "]").contains("accepted");
                assertThat(inNs(srv, "ipset", "list", "spa_allow")).contains(client + ",tcp:" + SSH);
                assertThat(await(Duration.ofSeconds(3), () -> canConnect(ns.clientNs(), server, SSH)))
                        .as("port 22 after the knock\n%s", serve.output()).isTrue();

                assertThat(await(Duration.ofSeconds(TIMEOUT + 10), () -> !canConnect(ns.clientNs(), server, SSH)))
                        .as("port 22 closes after the timeout").isTrue();
                long closedAfterMs = (System.nanoTime() - opened) / 1_000_000;
                assertThat(closedAfterMs).as("closed after the timeout, not before").isGreaterThanOrEqualTo(
                        (TIMEOUT - 1) * 1000L);
                assertThat(inNs(srv, "ipset", "list", "spa_allow")).doesNotContain(client + ",");
                assertThat(await(Duration.ofSeconds(5), () -> serve.output().contains("closed")))
                        .as("serve's timer closed the grant (CMD_CYCLE_CLOSE NONE):\n%s", serve.output()).isTrue();
                assertThat(serve.isAlive()).isTrue();
                assertThat(svc.isAlive()).as("the TCP service ran throughout").isTrue();
            }
        }
    }
}
