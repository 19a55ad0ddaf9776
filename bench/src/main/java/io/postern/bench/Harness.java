package io.postern.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Java side of bench/run: {@code run --work DIR --postern-jar JAR --out FILE [--quick] [--only 1,2,...]}.
 * Runs the scenarios in order, prints the table and writes the JSON. Expects to run inside the network
 * namespace bench/run made (every server binds 127.0.0.1 or the namespace's wildcard).
 */
final class Harness {

    private Harness() {
    }

    static void main(String[] args) throws Exception {
        boolean quick = false;
        Path work = null;
        Path jar = null;
        Path out = null;
        Set<String> only = new HashSet<>(List.of("1", "2", "3", "4", "5"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--work" -> work = Path.of(args[++i]);
                case "--postern-jar" -> jar = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--only" -> only = new HashSet<>(List.of(args[++i].split(",")));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (work == null || jar == null || out == null) {
            throw new IllegalArgumentException("--work, --postern-jar and --out are required");
        }
        Files.createDirectories(work);
        Procs.init(work);
        Results results = new Results();
        Ctx ctx = new Ctx(quick, work, jar, results);
        machine(ctx, results);
        long t0 = System.nanoTime();
        UdpScenario udp = null;
        SshScenario ssh = null;
        try {
            if (only.contains("1")) {
                section("1 decode throughput from a capture file");
                new DecodeScenario(ctx).run();
            }
            if (only.contains("2") || only.contains("5")) {
                section("2 UDP server, rising rates");
                udp = new UdpScenario(ctx);
                udp.run();
            }
            if (only.contains("3")) {
                section("3 grants with a local command");
                new GrantScenario(ctx).run();
            }
            if (only.contains("4") || only.contains("5")) {
                section("4 knock to ACL entry on simulated IOS devices over SSH");
                ssh = new SshScenario(ctx);
                try {
                    ssh.run();
                } catch (Exception e) {
                    results.finding("scenario 4 failed: " + e);
                    e.printStackTrace();
                }
            }
            if (only.contains("5")) {
                section("5 memory");
                memory(ctx, udp, ssh);
            }
        } finally {
            results.machine.put("harness_seconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
            results.machine.put("loadavg_end", Files.readString(Path.of("/proc/loadavg")).trim());
            results.writeJson(out);
            results.printTable(System.out);
            System.out.println();
            System.out.println("JSON: " + out);
            Procs.stopAll();
        }
    }

    private static void memory(Ctx ctx, UdpScenario udp, SshScenario ssh) {
        Results r = ctx.results;
        if (udp != null) {
            r.add(new Results.Row("5 memory", "resident set, idle UDP server", "MB", mb(udp.rssIdleKb.get("postern")),
                    mb(udp.rssIdleKb.get("fwknopd")), false, null, null, "VmRSS, 1 s after start"));
            r.add(new Results.Row("5 memory", "resident set at 10k packets/s (-t)", "MB", mb(udp.rss10kKb.get("postern")),
                    mb(udp.rss10kKb.get("fwknopd")), false, null, null, "max VmRSS sampled every 50 ms during the 10k step"));
        }
        if (ssh != null && ssh.rssWith100SessionsKb > 0) {
            double m = ssh.rssWith100SessionsKb / 1024.0;
            r.add(new Results.Row("5 memory", "resident set with " + ssh.sessionsOpen + " device sessions open", "MB",
                    m, null, false, "< 256 MB", null, "fwknopd keeps no sessions"));
            r.absolute("serve resident memory < 256 MB with 100 device sessions",
                    String.format("%.0f MB with %d sessions", m, ssh.sessionsOpen), m < 256);
        }
    }

    private static Double mb(Long kb) {
        return kb == null || kb < 0 ? null : kb / 1024.0;
    }

    private static void section(String s) {
        System.out.println("== " + s + " (" + Instant.now() + ")");
    }

    private static void machine(Ctx ctx, Results r) throws Exception {
        r.machine.put("mode", ctx.quick ? "quick" : "full");
        r.machine.put("runs_per_figure", ctx.runs);
        r.machine.put("cores", ctx.cores);
        r.machine.put("nproc", Procs.output(List.of("nproc"), ctx.work).trim());
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        r.machine.put("cpu", cpu);
        r.machine.put("jdk", Procs.output(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version"), ctx.work).lines().skip(1).findFirst().orElse("?").trim());
        r.machine.put("java_version_full", Procs.output(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-version"), ctx.work).trim());
        r.machine.put("fwknopd", Procs.output(List.of(Ctx.FWKNOPD, "--version"), ctx.work).trim());
        r.machine.put("kernel", Procs.output(List.of("uname", "-r"), ctx.work).trim());
        r.machine.put("loadavg_start", Files.readString(Path.of("/proc/loadavg")).trim());
        r.machine.put("postern_java_opts", String.join(" ", ctx.javaOpts));
        r.machine.put("date", Instant.now().toString());
        System.out.println("machine: " + r.machine);
    }
}
