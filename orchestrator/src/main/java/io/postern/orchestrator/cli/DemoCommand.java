package io.postern.orchestrator.cli;

import io.postern.device.sim.SimulatedCiscoIos;
import io.postern.orchestrator.event.PosternEventListener;
import io.postern.orchestrator.serve.PosternServer;
import io.postern.orchestrator.serve.ServerOptions;
import io.postern.spa.MessageType;
import io.postern.spa.SpaMessage;
import io.postern.spa.codec.SpaEncoder;
import io.postern.spa.codec.SpaKeys;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.crypto.KeyMaterial;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code postern demo}: everything on loopback, nothing to configure, no root. Starts a simulated Cisco
 * IOS router over SSH and {@code serve} on free loopback ports, knocks with Postern's own client, and shows
 * the router's ACL before, while and after the grant. Exits 0 only if every step did what it said.
 */
@Command(name = "demo", description = {"Run Postern end to end on loopback: a simulated Cisco router over SSH, "
        + "serve, a knock, the ACL entry appearing and disappearing."})
public final class DemoCommand implements Callable<Integer> {

    private static final String ACL = "POSTERN-DEMO";

    @Spec
    CommandSpec spec;

    @Option(names = {"--timeout"}, paramLabel = "SECONDS", description = "how long the demo grant stays open (default: 5)")
    int timeout = 5;

    @Option(names = {"-v", "--verbose"}, description = "show the server's log as well")
    boolean verbose;

    @Option(names = {"--keep-running"}, description = "stay up after the demo (Ctrl-C to stop) so you can knock with fwknop")
    boolean keepRunning;

    private PrintWriter out;
    private long started;

    @Override
    public Integer call() throws Exception {
        if (timeout < 1 || timeout > 300) {
            throw CliException.usage("--timeout must be 1..300 seconds");
        }
        out = spec.commandLine().getOut();
        started = System.nanoTime();
        ch.qos.logback.classic.Logger root = null;
        ch.qos.logback.classic.Level level = null;
        if (!verbose && org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx) {
            root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            level = root.getLevel();
            root.setLevel(ch.qos.logback.classic.Level.ERROR);
        }
        Path dir = Files.createTempDirectory("postern-demo-");
        SimulatedCiscoIos router = null;
        PosternServer server = null;
        try {
            String password = random(12);
            String enable = random(12);
            router = SimulatedCiscoIos.builder().hostname("demo-r1").username("postern")
                    .password(password.toCharArray()).enableSecret(enable.toCharArray()).build().start();
            step("simulated Cisco IOS router 'demo-r1' listening on 127.0.0.1:%d (SSH host key %s)", router.port(),
                    router.hostKeyFingerprint());

            byte[] key = new byte[32];
            byte[] hmacKey = new byte[64];
            SecureRandom rnd = new SecureRandom();
            rnd.nextBytes(key);
            rnd.nextBytes(hmacKey);
            String keyB64 = Base64.getEncoder().encodeToString(key);
            String hmacB64 = Base64.getEncoder().encodeToString(hmacKey);
            writeConfig(dir, router, keyB64, hmacB64, password, enable);
            step("wrote fresh keys, an access.conf (TARGETS demo-routers) and an inventory to %s", dir);

            ServerOptions options = new ServerOptions(dir.resolve("access.conf"), null, null,
                    List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), 0, null, false,
                    dir.resolve("state"), "nftables", null, 2, Duration.ofSeconds(10), Clock.systemUTC(),
                    dir.resolve("inventory.yaml"));
            server = PosternServer.create(options, PosternEventListener.NONE);
            server.recoverAndStartTimers();
            server.startReceiver();
            InetSocketAddress udp = server.boundAddresses().get(0);
            step("postern serve listening on udp %s:%d", udp.getAddress().getHostAddress(), udp.getPort());

            SimulatedCiscoIos r = router;
            step("router ACL %s before the knock: %s", ACL, show(r));
            if (!r.accessList(ACL).isEmpty()) {
                return fail("the ACL should start empty");
            }
            String allow = "127.0.0.2";
            knock(udp, keyB64, hmacB64, allow);
            step("knocked: SPA packet for %s tcp/22, HMAC-SHA256, AES-CBC, sent to %s:%d", allow,
                    udp.getAddress().getHostAddress(), udp.getPort());
            if (!await(Duration.ofSeconds(30), () -> !r.accessList(ACL).isEmpty())) {
                return fail("no ACL entry appeared on the router");
            }
            step("router ACL after the knock: %s", show(r));
            if (!r.accessList(ACL).get(0).contains("permit tcp host " + allow + " any eq 22")) {
                return fail("unexpected ACL entry: " + r.accessList(ACL));
            }
            step("grant open for %d s; postern status --state-dir %s shows it", timeout, dir.resolve("state"));
            if (!await(Duration.ofSeconds(timeout + 30L), () -> r.accessList(ACL).isEmpty())) {
                return fail("the ACL entry was not removed after the timeout");
            }
            step("timeout reached: router ACL %s", show(r));
            PosternServer running = server;
            if (!await(Duration.ofSeconds(10), () -> running.store().active().isEmpty())) {
                return fail("the ledger still lists open grants");
            }
            step("ledger: grant closed; %d opened, %d closed, %d packet(s) rejected", server.counters().opened(),
                    server.counters().closed(), server.counters().rejected());
            out.println();
            out.printf("The real fwknop client knocks the same way (same keys):%n  fwknop -A tcp/22 -a %s -D %s -p %d "
                    + "--key-base64-rijndael %s --key-base64-hmac %s --use-hmac --no-save-args --no-rc-file%n",
                    allow, udp.getAddress().getHostAddress(), udp.getPort(), keyB64, hmacB64);
            if (keepRunning) {
                out.printf("Staying up (--keep-running): knock with the line above, watch 'show access-lists' on the "
                        + "router with%n  ssh -p %d postern@127.0.0.1   (password %s, enable secret %s)%nCtrl-C to stop.%n",
                        r.port(), password, enable);
                out.flush();
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                stop.await();
            }
            out.printf("demo passed in %.1f s%n", seconds());
            out.flush();
            return 0;
        } finally {
            if (server != null) {
                server.close();
            }
            if (router != null) {
                router.close();
            }
            deleteTree(dir);
            if (root != null) {
                root.setLevel(level);
            }
        }
    }

    private void writeConfig(Path dir, SimulatedCiscoIos router, String keyB64, String hmacB64, String password,
                             String enable) throws IOException {
        writeSecret(dir.resolve("router.pw"), password);
        writeSecret(dir.resolve("router.enable"), enable);
        Files.writeString(dir.resolve("access.conf"), String.join("\n",
                "# postern demo: one stanza, opened on the simulated router",
                "SOURCE 127.0.0.0/8",
                "KEY_BASE64 " + keyB64,
                "HMAC_KEY_BASE64 " + hmacB64,
                "HMAC_DIGEST_TYPE sha256",
                "OPEN_PORTS tcp/22",
                "FW_ACCESS_TIMEOUT " + timeout,
                "REQUIRE_SOURCE_ADDRESS Y",
                "TARGETS demo-routers", ""));
        Files.writeString(dir.resolve("inventory.yaml"), String.join("\n",
                "all:",
                "  children:",
                "    demo-routers:",
                "      hosts:",
                "        demo-r1:",
                "          driver: ssh-cli",
                "          template: cisco-ios",
                "          address: 127.0.0.1",
                "          port: " + router.port(),
                "          user: postern",
                "          password_file: router.pw",
                "          enable_secret_file: router.enable",
                "          host_key: \"" + router.hostKeyFingerprint() + "\"",
                "          acl_name: " + ACL,
                "          command_timeout: 5s", ""));
    }

    private static void writeSecret(Path file, String value) throws IOException {
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, value + "\n");
    }

    private static void knock(InetSocketAddress udp, String keyB64, String hmacB64, String allow) throws Exception {
        SpaKeys keys = SpaKeys.of(KeyMaterial.ofBase64(keyB64), KeyMaterial.ofBase64(hmacB64));
        SpaEncoder enc = new SpaEncoder();
        SpaMessage m = new SpaMessage(enc.newRandomValue(), System.getProperty("user.name", "demo"),
                Clock.systemUTC().instant().getEpochSecond(), SpaMessage.PROTOCOL_VERSION, MessageType.ACCESS,
                allow + ",tcp/22", null, null, 0);
        byte[] wire = enc.encode(m, keys, DigestType.SHA256).getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket s = new DatagramSocket()) {
            s.send(new DatagramPacket(wire, wire.length, udp));
        }
    }

    private static String show(SimulatedCiscoIos r) {
        List<String> entries = r.accessList(ACL);
        return entries.isEmpty() ? "(empty)" : String.join("; ", entries);
    }

    private static boolean await(Duration max, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private void step(String format, Object... args) {
        out.printf("[%6.2fs] %s%n", seconds(), String.format(format, args));
        out.flush();
    }

    private int fail(String why) {
        out.printf("[%6.2fs] FAILED: %s%n", seconds(), why);
        out.flush();
        return 1;
    }

    private double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private static String random(int n) {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom r = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless; nothing to report
        }
    }
}
