package io.postern.it.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.device.sim.SimulatedCiscoIos;
import io.postern.orchestrator.serve.PosternServer;
import io.postern.orchestrator.serve.ServerOptions;
import io.postern.spa.codec.SpaKeys;
import io.postern.spa.crypto.DigestType;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile values in every packet-controlled field (allow IP, ports, NAT host, username, command text,
 * server_auth): shell metacharacters, newlines, CLI control sequences, Freemarker syntax, NUL and oversized
 * values, crafted past the encoder (same steps: fields, digest, Rijndael, HMAC) and sent over UDP to a server
 * whose stanzas open on a simulated Cisco IOS router (ssh-cli) and through a CMD_CYCLE script. Proves: the
 * router's ACL only ever holds well-formed entries, it receives exactly the command lines of the grants that
 * opened (no extra line), and every script invocation has the fixed argv shape with typed values only.
 */
class InjectionIT {

    static final List<String> PAYLOADS = List.of("; id", "$(touch /tmp/postern-pwned)", "`id`", "\n", "\r", "\nend\n",
            "\r\nexit\r\n", "?", "!", " exit", " end", "${vars.password}", "<#stop 'x'>", "[=src]", "#{src}", "| tee x",
            "&& reboot", "' \"", "\\", "\u0000", "\t", "%n%s", "A".repeat(300), ",tcp/23", ",", " ", "/");
    static final Pattern ACE = Pattern.compile("\\d+ permit (tcp|udp) host (\\d{1,3}\\.){3}\\d{1,3} any eq \\d{1,5}");
    static final Pattern SCRIPT_LINE = Pattern.compile("ARGC=5 (OPEN|CLOSE) (\\d{1,3}\\.){3}\\d{1,3} \\d{1,5} (6|17) \\d+");

    @TempDir
    Path dir;

    @Test
    void noHostileValueReachesADeviceOrAProcess() throws Exception {
        SimulatedCiscoIos router = SimulatedCiscoIos.builder().hostname("R1").username("postern")
                .password(Adv.ROUTER_PASSWORD.toCharArray()).enableSecret(Adv.ROUTER_ENABLE.toCharArray()).build().start();
        Path script = dir.resolve("cycle.sh");
        Path scriptLog = dir.resolve("script.log");
        Files.writeString(script, "#!/bin/sh\necho \"ARGC=$# $*\" >> " + scriptLog + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(dir.resolve("pw"), Adv.ROUTER_PASSWORD + "\n");
        Files.writeString(dir.resolve("enable"), Adv.ROUTER_ENABLE + "\n");
        Files.writeString(dir.resolve("inventory.yaml"), "all:\n  vars:\n    driver: ssh-cli\n    template: cisco-ios\n"
                + "    user: postern\n    password_file: pw\n    enable_secret_file: enable\n    acl_name: POSTERN-SPA\n"
                + "    command_timeout: 3s\n  children:\n    edge:\n      hosts:\n        r1:\n          address: 127.0.0.1\n"
                + "          port: " + router.port() + "\n          host_key: \"" + router.hostKeyFingerprint() + "\"\n");
        Files.writeString(dir.resolve("fwknopd.conf"), "ENABLE_IPT_FORWARDING Y\nENABLE_IPT_LOCAL_NAT Y\n");
        Files.writeString(dir.resolve("access.conf"), Adv.stanzaA("FW_ACCESS_TIMEOUT 600\nTARGETS edge\n")
                + Adv.stanzaB("CMD_CYCLE_OPEN " + script + " OPEN $SRC $PORT $PROTO $CLIENT_TIMEOUT\n"
                + "CMD_CYCLE_CLOSE " + script + " CLOSE $SRC $PORT $PROTO $CLIENT_TIMEOUT\nCMD_CYCLE_TIMER 600\n"));
        ServerOptions o = new ServerOptions(dir.resolve("access.conf"), null, dir.resolve("fwknopd.conf"),
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), 0, null, false,
                dir.resolve("state"), "nftables", null, 2, Duration.ofSeconds(5), Clock.systemUTC(),
                dir.resolve("inventory.yaml")).withObservability(null, Adv.logDir().resolve("InjectionIT-audit.jsonl"));
        try (router; Adv.LogFile log = new Adv.LogFile("InjectionIT");
             PosternServer server = PosternServer.create(o, new io.postern.orchestrator.event.PosternEventListener() { });
             DatagramSocket client = new DatagramSocket()) {
            server.recoverAndStartTimers();
            server.startReceiver();
            InetSocketAddress target = server.boundAddresses().get(0);

            // two clean knocks: the baseline of command lines per open on an established session
            send(client, target, clean("198.18.7.1", Adv.keysA()));
            Adv.await("first open", Duration.ofSeconds(20), () -> server.counters().opened() == 1);
            awaitStable(router);
            int before = router.commandsReceived();
            int sessionsBefore = router.sessionsOpened();
            send(client, target, clean("198.18.7.2", Adv.keysA()));
            Adv.await("second open", Duration.ofSeconds(20), () -> server.counters().opened() == 2);
            awaitStable(router);
            int perOpen = 4; // configure terminal, ip access-list extended, the entry, end (cisco-ios/open.ftl)
            assertThat(router.commandsReceived() - before).as("a clean open").isEqualTo(perOpen);

            int sent = 0;
            int octet = 10;
            Map<String, Integer> perField = new LinkedHashMap<>();
            for (String p : PAYLOADS) {
                for (SpaKeys keys : List.of(Adv.keysA(), Adv.keysB())) {
                    for (String field : List.of("allow", "ports", "nat", "user", "command", "server_auth")) {
                        String allow = "198.18.8." + (octet++ % 250 + 1);
                        send(client, target, hostile(field, p, allow, keys));
                        sent++;
                        perField.merge(field, 1, Integer::sum);
                    }
                }
            }
            int sentTotal = sent + 2;
            Adv.await("every packet handled", Duration.ofSeconds(30),
                    () -> server.counters().received() >= sentTotal);
            server.pipeline().drain();
            Thread.sleep(1500); // opens on the router run after validation
            server.pipeline().drain();
            awaitStable(router);

            List<String> entries = router.accessList("POSTERN-SPA");
            List<String> lines = Files.exists(scriptLog) ? Files.readAllLines(scriptLog) : List.of();
            long opened = server.counters().opened();
            long routerGrants = entries.size();
            Adv.figure(String.format("injection: %d hostile packets (%d payloads x 6 fields x 2 targets) + 2 clean; "
                            + "accepted %d, rejected %d; router entries %d (all well-formed: %s), router command lines %d = %d "
                            + "per open x %d; script invocations %d (all 5-argument typed: %s)",
                    sent, PAYLOADS.size(), server.counters().accepted(), server.counters().rejected(), routerGrants,
                    entries.stream().allMatch(e -> ACE.matcher(e).matches()), router.commandsReceived() - before,
                    perOpen, routerGrants - 1, lines.size(), lines.stream().allMatch(l -> SCRIPT_LINE.matcher(l).matches())));
            assertThat(router.accessListNames()).containsOnly("POSTERN-SPA");
            assertThat(entries).allSatisfy(e -> assertThat(e).matches(ACE));
            // a re-login (pool reconnect) adds its own few lines (enable, terminal length 0)
            int relogins = router.sessionsOpened() - sessionsBefore;
            assertThat(router.commandsReceived() - before).as("command lines: those of the grants that opened")
                    .isBetween(perOpen * (int) (routerGrants - 1), perOpen * (int) (routerGrants - 1) + 3 * relogins);
            assertThat(lines).allSatisfy(l -> assertThat(l).matches(SCRIPT_LINE));
            assertThat(opened).as("grants opened").isGreaterThanOrEqualTo(routerGrants);
        }
    }

    /**
     * A NAT host with a line break or template syntax passes the validator (fwknop's rule refuses only
     * space, '/', '?', quotes and backslash); GrantValues then refuses it, but the IllegalArgumentException
     * escapes to the pipeline's catch-all, the packet is counted and audited as accepted with no grant, and the
     * ERROR line prints the raw host, so a key holder can forge log lines.
     */
    @Test
    void natHostWithALineBreakIsRejectedByTheValidator() throws Exception {
        Files.writeString(dir.resolve("access.conf"), Adv.stanzaA("FW_ACCESS_TIMEOUT 30\n"));
        io.postern.spa.config.FwknopdConf conf = io.postern.spa.config.FwknopdConf.defaults().withNat(true, true);
        List<io.postern.spa.config.AccessStanza> stanzas = new io.postern.spa.config.AccessConfReader(conf,
                java.time.ZoneId.of("UTC"), u -> true).read(dir.resolve("access.conf")).stanzas();
        io.postern.spa.policy.SpaValidator v = new io.postern.spa.policy.SpaValidator(Clock.systemUTC(),
                new io.postern.spa.policy.InMemoryDigestStore(),
                io.postern.spa.policy.ValidatorSettings.DEFAULTS.withNat(true, true));
        for (String host : List.of("10.0.0.9\nend", "10.0.0.9\r", "h${vars.x}", "h`id`", "h;id")) {
            String wire = Adv.craft(Adv.rawFields(Adv.random16(), "alice", System.currentTimeMillis() / 1000, "3.0.0", 2,
                    "198.18.9.1,tcp/22", host + ",22", null, null), Adv.keysA(), DigestType.SHA256);
            assertThat(v.validate(wire, InetAddress.getLoopbackAddress(), InetAddress.getLoopbackAddress(), stanzas)
                    .isAccepted()).as("NAT host %s", host).isFalse();
        }
    }

    /** Waits until the router's command count has not moved for 300 ms (the last 'end' of an open). */
    static void awaitStable(SimulatedCiscoIos router) throws InterruptedException {
        int last = -1;
        while (router.commandsReceived() != last) {
            last = router.commandsReceived();
            Thread.sleep(300);
        }
    }

    static String clean(String allow, SpaKeys keys) {
        return Adv.encode(Adv.access(allow, "tcp/22", System.currentTimeMillis() / 1000, 0), keys, DigestType.SHA256);
    }

    static String hostile(String field, String p, String allow, SpaKeys keys) {
        long now = System.currentTimeMillis() / 1000;
        String user = "alice";
        int type = 1;
        String msg = allow + ",tcp/22";
        String nat = null;
        String auth = null;
        switch (field) {
            case "allow" -> msg = allow + p + ",tcp/22";
            case "ports" -> msg = allow + ",tcp/22" + p;
            case "nat" -> {
                type = 2;
                nat = "10.0.0.9" + p + ",22";
            }
            case "user" -> user = "alice" + p;
            case "command" -> {
                type = 0;
                msg = allow + ",echo hi" + p;
            }
            case "server_auth" -> auth = "auth" + p;
            default -> throw new IllegalArgumentException(field);
        }
        return Adv.craft(Adv.rawFields(Adv.random16(), user, now, "3.0.0", type, msg, nat, auth, null), keys,
                DigestType.SHA256);
    }

    static void send(DatagramSocket s, InetSocketAddress target, String wire) throws Exception {
        byte[] b = wire.getBytes(StandardCharsets.ISO_8859_1);
        s.send(new DatagramPacket(b, b.length, target));
        Thread.sleep(2);
    }
}
