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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second seed scenario: a stanza with no CMD_CYCLE, written in fwknop's older colon/semicolon style
 * ({@code SOURCE: ANY;} {@code OPEN_PORTS: tcp/22;} {@code KEY: ...;} {@code FW_ACCESS_TIMEOUT: 5;}),
 * served with the default nftables firewall inside the server namespace. Serve provisions its table at
 * start, so port 22 is dropped before the knock; the real {@code fwknop} client's knock puts
 * {@code <client> . tcp . 22} into {@code inet postern allow4} and the connection succeeds; serve's timer
 * deletes the element on time and the port is closed again. The timeout is 5 s rather than the issue's
 * 30 s to keep the test short; the mechanism is the same.
 */
class NftablesSeedIT {

    private static final int SSH = 22;
    private static final int TIMEOUT = 5;
    private static final Pattern GRANT_UNTIL = Pattern.compile("opened tcp/22 target=local grant=(\\d+) until");

    @TempDir
    Path dir;

    @BeforeAll
    static void requireTools() {
        Tools.requireFwknop();
        Tools.requireNetns();
        Tools.requireOnPath("nft");
        Tools.requireOnPath("bash");
        Tools.requireOnPath("timeout");
    }

    @Test
    void knockOpensPort22InNftablesAndServeClosesItOnTime() throws Exception {
        PosternJar postern = PosternJar.require(Files.createDirectories(dir.resolve("home")));
        KeySpec keys = KeySpec.passphrases("seed-scenario-rijndael-key", "seed-scenario-hmac-key");
        Path access = dir.resolve("access.conf");
        Files.writeString(access, String.join("\n",
                "# the second seed scenario, in fwknop's older colon/semicolon style",
                "SOURCE: ANY;",
                "OPEN_PORTS: tcp/22;",
                "KEY: " + keys.key() + ";",
                "HMAC_KEY: " + keys.hmacKey() + ";",
                "FW_ACCESS_TIMEOUT: " + TIMEOUT + ";",
                ""));
        try (NetNs ns = NetNs.create()) {
            String srv = ns.serverNs();
            InetAddress server = ns.serverAddress();
            String client = ns.clientAddress().getHostAddress();
            try (ProcessRunner.Running svc = ServeSupport.startTcpService(srv, SSH, dir.resolve("tcp.log"))) {
                assertThat(canConnect(ns.clientNs(), server, SSH)).as("the service answers before serve guards it")
                        .isTrue();
                try (ProcessRunner.Running serve = ServeSupport.startServe(postern, srv, List.of("-a",
                        access.toString(), "--state-dir", dir.resolve("state").toString()), dir.resolve("serve.log"))) {
                    assertThat(inNs(srv, "nft", "list", "chain", "inet", "postern", "input")).contains("drop");
                    assertThat(canConnect(ns.clientNs(), server, SSH)).as("port 22 before the knock").isFalse();

                    List<String> knock = new ArrayList<>(List.of("-A", "tcp/" + SSH, "-a", client,
                            "-D", server.getHostAddress()));
                    knock.addAll(keys.clientArgs());
                    ServeSupport.fwknop(ns.clientNs(), dir.resolve("client-home"), knock);

                    assertThat(await(Duration.ofSeconds(10), () -> GRANT_UNTIL.matcher(serve.output()).find()))
                            .as("serve opened the grant:\n%s", serve.output()).isTrue();
                    long opened = System.nanoTime();
                    Matcher m = GRANT_UNTIL.matcher(serve.output());
                    assertThat(m.find()).isTrue();
                    String grant = m.group(1);
                    assertThat(allow4(srv)).as("element while open").contains(client + " . tcp . 22");
                    assertThat(await(Duration.ofSeconds(3), () -> canConnect(ns.clientNs(), server, SSH)))
                            .as("port 22 after the knock\n%s", serve.output()).isTrue();

                    assertThat(await(Duration.ofSeconds(TIMEOUT + 10),
                            () -> serve.output().contains("closed tcp/22 target=local grant=" + grant)))
                            .as("serve closed the grant:\n%s", serve.output()).isTrue();
                    long closedAfterMs = (System.nanoTime() - opened) / 1_000_000;
                    assertThat(closedAfterMs).as("closed on time, not early").isBetween((TIMEOUT - 1) * 1000L,
                            (TIMEOUT + 5) * 1000L);
                    assertThat(allow4(srv)).as("element after the close").doesNotContain(client);
                    assertThat(canConnect(ns.clientNs(), server, SSH)).as("port 22 after the timeout").isFalse();
                    assertThat(serve.isAlive()).isTrue();
                }
            }
        }
    }

    private static String allow4(String ns) {
        return inNs(ns, "nft", "list", "set", "inet", "postern", "allow4");
    }
}
