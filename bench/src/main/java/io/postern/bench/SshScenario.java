package io.postern.bench;

import io.postern.device.sim.SimulatedCiscoIos;
import io.postern.spa.MessageType;
import io.postern.spa.SpaMessage;
import io.postern.spa.codec.SpaEncoder;
import io.postern.spa.crypto.DigestType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * Scenario 4: knock -> ACL entry on simulated Cisco IOS devices over SSH (loopback inside the namespace).
 * Postern: {@code serve --inventory} with TARGETS on groups of 1, 10, (50,) 100 devices, the ssh-cli driver,
 * warm sessions. fwknopd: CMD_CYCLE_OPEN runs a shell script that pipes the IOS commands into a fresh OpenSSH
 * {@code ssh} per device (in parallel for a group), fwknop's way. Latency = from the send of the packet until
 * the harness sees the entry in the device's ACL (polled in-process every ~0.2 ms).
 */
final class SshScenario {

    private static final String ACL = "BENCH";
    long rssWith100SessionsKb = -1;
    int sessionsOpen;
    private final Ctx ctx;
    private final SpaEncoder encoder = new SpaEncoder();

    SshScenario(Ctx ctx) {
        this.ctx = ctx;
    }

    void run() throws Exception {
        int[] sizes = ctx.quick ? new int[] {1, 10, 100} : new int[] {1, 10, 50, 100};
        int grants = ctx.quick ? 50 : 200;
        int baselineGrants = ctx.quick ? 20 : 200;
        int fanRuns = ctx.quick ? 2 : 3;
        int devices = sizes[sizes.length - 1];
        Path dir = ctx.dir("s4-ssh");
        String password = "pw" + Long.toHexString(System.nanoTime());
        String enable = "en" + Long.toHexString(System.nanoTime() * 31);
        Procs.output(List.of("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", dir.resolve("client_key").toString()),
                dir);
        PublicKey pub = PublicKeyEntry.parsePublicKeyEntry(Files.readString(dir.resolve("client_key.pub")).trim())
                .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.IGNORING);
        List<SimulatedCiscoIos> routers = new ArrayList<>();
        Map<String, Object> raw = new LinkedHashMap<>();
        try {
            for (int i = 1; i <= devices; i++) {
                routers.add(SimulatedCiscoIos.builder().hostname("r" + i).username("bench")
                        .password(password.toCharArray()).enableSecret(enable.toCharArray()).authorizedKey(pub)
                        .hostKeyFile(dir.resolve("device_host_key")).build().start());
            }
            Map<Integer, BenchKeys> keys = new LinkedHashMap<>();
            keys.put(0, BenchKeys.generate()); // the latency stanza, on r1
            for (int k : sizes) {
                keys.put(k, BenchKeys.generate());
            }
            writeInventory(dir, routers, sizes, password, enable);
            writeFwknopScript(dir, routers, sizes, enable);

            // --- Postern, warm sessions
            Path pd = ctx.dir("s4-ssh/postern");
            Ctx.writePrivate(pd.resolve("access.conf"), accessConf(keys, k -> "TARGETS g" + Math.max(k, 1) + ";\n"));
            Ctx.writePrivate(pd.resolve("fwknopd.conf"), Servers.fwknopdConf());
            Map<String, Object> p = new LinkedHashMap<>();
            List<Double> pLat;
            Map<Integer, List<Double>> pFan = new LinkedHashMap<>();
            Map<Integer, Double> pCold = new LinkedHashMap<>();
            try (Procs.Server s = Servers.postern(ctx, pd, false, "--inventory", dir.resolve("inventory.yaml").toString());
                 UdpSender tx = new UdpSender(Servers.PORT)) {
                pLat = latencies(tx, keys.get(0), routers.get(0), grants, ctx.quick ? 5 : 10);
                for (int k : sizes) {
                    List<Double> f = new ArrayList<>();
                    for (int r = 0; r <= fanRuns; r++) {
                        double t = fanOut(tx, keys.get(k), routers.subList(0, k));
                        if (r == 0) {
                            pCold.put(k, t);
                        } else {
                            f.add(t);
                        }
                    }
                    pFan.put(k, f);
                }
                Thread.sleep(500);
                sessionsOpen = (int) routers.stream().filter(x -> x.activeSessions() > 0).count();
                rssWith100SessionsKb = Procs.rssKb(s.pid());
            }
            p.put("latency_ms", pLat);
            p.put("fanout_warm_ms", pFan);
            p.put("fanout_cold_ms", pCold);
            raw.put("postern", p);

            // --- fwknopd, a fresh ssh per grant and device
            for (SimulatedCiscoIos r : routers) {
                r.clearConfig();
            }
            Path fd = ctx.dir("s4-ssh/fwknopd");
            Ctx.writePrivate(fd.resolve("access.conf"), accessConf(keys, k -> "CMD_CYCLE_OPEN "
                    + dir.resolve("ios-open.sh") + " $SRC $PORT g" + Math.max(k, 1) + ";\nCMD_CYCLE_CLOSE /bin/true $SRC;\n"
                    + "CMD_CYCLE_TIMER 3600;\n"));
            Ctx.writePrivate(fd.resolve("fwknopd.conf"), Servers.fwknopdConf());
            Map<String, Object> f = new LinkedHashMap<>();
            List<Double> fLat;
            Map<Integer, List<Double>> fFan = new LinkedHashMap<>();
            try (Procs.Server s = Servers.fwknopd(ctx, fd, false);
                 UdpSender tx = new UdpSender(Servers.PORT)) {
                fLat = latencies(tx, keys.get(0), routers.get(0), baselineGrants, 2);
                for (int k : sizes) {
                    List<Double> x = new ArrayList<>();
                    for (int r = 0; r < (ctx.quick ? 1 : fanRuns); r++) {
                        x.add(fanOut(tx, keys.get(k), routers.subList(0, k)));
                    }
                    fFan.put(k, x);
                }
            }
            f.put("latency_ms", fLat);
            f.put("fanout_ms", fFan);
            raw.put("fwknopd", f);

            Results res = ctx.results;
            String sc = "4 SSH device, knock -> ACL entry";
            double p50 = Stats.percentile(pLat, 50);
            double p99 = Stats.percentile(pLat, 99);
            res.add(new Results.Row(sc, "p50 latency, 1 device (Postern warm session vs fwknopd fresh ssh)", "ms", p50,
                    Stats.percentile(fLat, 50), false, null, null, "Postern " + pLat.size() + " grants, fwknopd "
                    + fLat.size()));
            res.add(new Results.Row(sc, "p99 latency, 1 device", "ms", p99, Stats.percentile(fLat, 99), false,
                    "< 20 ms (Postern)", null, ""));
            res.absolute("knock -> ACL entry on a warm SSH session: p99 < 20 ms on loopback",
                    String.format("p99 %.1f ms (p50 %.1f ms) over %d grants", p99, p50, pLat.size()), p99 < 20);
            for (int k : sizes) {
                double warm = Stats.median(pFan.get(k));
                res.add(new Results.Row(sc, "time until all " + k + " device(s) have the entry", "ms", warm,
                        Stats.median(fFan.get(k)), false, k == 100 ? "< 1 s (Postern)" : null, null,
                        String.format("Postern median of %d warm rollouts, first (cold, opens sessions) %.0f ms; "
                                + "fwknopd: one ssh per device in parallel from CMD_CYCLE_OPEN", fanRuns, pCold.get(k))));
                if (k == 100) {
                    res.absolute("100 devices < 1 s", String.format("%.0f ms warm, %.0f ms cold", warm, pCold.get(k)),
                            warm < 1000);
                }
            }
            ctx.results.raw("scenario4_ssh", raw);
        } finally {
            for (SimulatedCiscoIos r : routers) {
                r.close();
            }
        }
    }

    private interface StanzaTail {
        String of(int k);
    }

    private static String accessConf(Map<Integer, BenchKeys> keys, StanzaTail tail) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<Integer, BenchKeys> e : keys.entrySet()) {
            b.append("SOURCE ANY;\n").append(e.getValue().stanzaKeyLines()).append("OPEN_PORTS tcp/22;\n")
                    .append("FW_ACCESS_TIMEOUT 3600;\nMAX_FW_TIMEOUT 3600;\n").append(tail.of(e.getKey())).append('\n');
        }
        return b.toString();
    }

    /** Sequential grants on one device: send, wait for the entry, next. The first {@code warm} are not counted. */
    private List<Double> latencies(UdpSender tx, BenchKeys k, SimulatedCiscoIos r, int n, int warm) throws Exception {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n + warm; i++) {
            double ms = fanOut(tx, k, List.of(r));
            if (i >= warm) {
                out.add(ms);
            }
        }
        return out;
    }

    /** Sends one knock for a fresh allow address and returns the ms until every device shows the entry. */
    private double fanOut(UdpSender tx, BenchKeys k, List<SimulatedCiscoIos> rs) throws Exception {
        String ip = Packets.allowIp(ctx.indices(1));
        SpaMessage m = new SpaMessage(encoder.newRandomValue(), "bench", System.currentTimeMillis() / 1000,
                SpaMessage.PROTOCOL_VERSION, MessageType.ACCESS, ip + ",tcp/22", null, null, 0);
        byte[] pkt = encoder.encode(m, k.spaKeys(), DigestType.SHA256).getBytes(StandardCharsets.US_ASCII);
        String needle = "host " + ip + " ";
        boolean[] done = new boolean[rs.size()];
        int left = rs.size();
        long t0 = System.nanoTime();
        tx.paced(List.of(pkt), 1000, 1);
        long deadline = t0 + 30_000_000_000L;
        while (left > 0) {
            for (int i = 0; i < rs.size(); i++) {
                if (!done[i] && rs.get(i).accessList(ACL).stream().anyMatch(e -> e.contains(needle))) {
                    done[i] = true;
                    left--;
                }
            }
            if (left > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(left + " of " + rs.size() + " device(s) never showed " + needle.trim());
                }
                LockSupport.parkNanos(200_000);
            }
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static void writeInventory(Path dir, List<SimulatedCiscoIos> routers, int[] sizes, String password,
                                       String enable) throws Exception {
        Ctx.writePrivate(dir.resolve("router.pw"), password + "\n");
        Ctx.writePrivate(dir.resolve("router.enable"), enable + "\n");
        StringBuilder b = new StringBuilder("all:\n  children:\n    pool:\n      hosts:\n");
        for (SimulatedCiscoIos r : routers) {
            b.append("        ").append(r.hostname()).append(":\n")
                    .append("          driver: ssh-cli\n          template: cisco-ios\n          address: 127.0.0.1\n")
                    .append("          port: ").append(r.port()).append('\n')
                    .append("          user: bench\n")
                    .append("          password_file: ").append(dir.resolve("router.pw")).append('\n')
                    .append("          enable_secret_file: ").append(dir.resolve("router.enable")).append('\n')
                    .append("          host_key: \"").append(r.hostKeyFingerprint()).append("\"\n")
                    .append("          acl_name: ").append(ACL).append('\n')
                    .append("          command_timeout: 10s\n");
        }
        for (int k : sizes) {
            b.append("    g").append(k).append(":\n      hosts:\n");
            for (int i = 0; i < k; i++) {
                b.append("        ").append(routers.get(i).hostname()).append(":\n");
            }
        }
        Files.writeString(dir.resolve("inventory.yaml"), b.toString());
    }

    /** The fwknop way: a script run by CMD_CYCLE_OPEN, one fresh ssh per device, all devices in parallel. */
    private static void writeFwknopScript(Path dir, List<SimulatedCiscoIos> routers, int[] sizes, String enable)
            throws Exception {
        for (int k : sizes) {
            StringBuilder ports = new StringBuilder();
            for (int i = 0; i < k; i++) {
                ports.append(routers.get(i).port()).append('\n');
            }
            Files.writeString(dir.resolve("ports-g" + k), ports.toString());
        }
        String script = "#!/bin/sh\n"
                + "# CMD_CYCLE_OPEN for fwknopd: $1 = source, $2 = port, $3 = device group (file ports-<group>)\n"
                + "src=$1; port=$2; dir=" + dir + "\n"
                + "for p in $(cat \"$dir/ports-$3\"); do\n"
                + "  printf 'enable\\n%s\\nconfigure terminal\\nip access-list extended " + ACL + "\\n"
                + "permit tcp host %s any eq %s\\nend\\nexit\\n' \"$(cat \"$dir/router.enable\")\" \"$src\" \"$port\" |\n"
                + "    ssh -T -p \"$p\" -i \"$dir/client_key\" -o BatchMode=yes -o StrictHostKeyChecking=no "
                + "-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR bench@127.0.0.1 > /dev/null 2>&1 &\n"
                + "done\n"
                + "wait\n";
        Path f = dir.resolve("ios-open.sh");
        Files.writeString(f, script);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));
    }
}
