package io.postern.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario 1: the same capture file through {@code fwknopd --pcap-file F -t -C N} and
 * {@code postern serve --pcap-file F -t --threads 1} (and with every core).
 *
 * <p>fwknopd never stops at the end of a capture file on its own; {@code -C N} (exit after N packets) makes
 * it stop after the last one, and its closing line "Packet count limit (N) reached" proves it saw all N.
 * fwknopd.conf sets PCAP_LOOP_SLEEP 1 and a large PCAP_DISPATCH_COUNT, otherwise fwknopd sleeps 0.1 s after
 * every 100 packets and the figure would measure its sleeps (its best configuration, not its default).
 * Packet aging is off in both so that the file can be made once and replayed.
 */
final class DecodeScenario {

    private static final Pattern P_NUM = Pattern.compile("(?m)^(packets|accepted|rejected|seconds): ([0-9.]+)");
    private static final Pattern P_CAND = Pattern.compile("SPA candidates: ([0-9]+)");

    private final Ctx ctx;

    DecodeScenario(Ctx ctx) {
        this.ctx = ctx;
    }

    void run() throws Exception {
        int n = ctx.quick ? 500 : 5000;
        int passes = ctx.quick ? 3 : 20;
        Path dir = ctx.dir("s1-decode");
        Ctx.writePrivate(dir.resolve("access.conf"), "SOURCE ANY;\n" + ctx.keys.stanzaKeyLines());
        Ctx.writePrivate(dir.resolve("fwknopd.conf"), "PCAP_FILTER udp port 62201;\nPCAP_LOOP_SLEEP 1;\n"
                + "PCAP_DISPATCH_COUNT 1000000;\nENABLE_SPA_PACKET_AGING N;\nENABLE_DIGEST_PERSISTENCE N;\n");
        Packets gen = new Packets(ctx.keys);
        String[] labels = {"valid", "wrong HMAC", "garbage"};
        Packets.Kind[] kinds = Packets.Kind.values();
        Map<String, Object> raw = new LinkedHashMap<>();
        for (int k = 0; k < kinds.length; k++) {
            Packets.Kind kind = kinds[k];
            Path pcap = dir.resolve(kind.name().toLowerCase() + ".pcap");
            PcapFile.write(pcap, gen.make(kind, n, ctx.indices(n)));
            List<Double> fwRate = new ArrayList<>();
            List<Double> fwWall = new ArrayList<>();
            List<Double> fwCpu = new ArrayList<>();
            List<Double> p1Rate = new ArrayList<>();
            List<Double> p1Warm = new ArrayList<>();
            List<Double> p1Wall = new ArrayList<>();
            List<Double> p1Cpu = new ArrayList<>();
            List<Double> pnRate = new ArrayList<>();
            List<Double> pnWarm = new ArrayList<>();
            List<Double> pnWall = new ArrayList<>();
            long dropped1 = 0;
            long droppedN = 0;
            List<Map<String, Object>> runs = new ArrayList<>();
            for (int r = 0; r < ctx.runs; r++) {
                Timed f = Timed.run(ctx.fwknopd(dir, "-t", "--pcap-file", pcap.toString(), "-C", Integer.toString(n)),
                        dir, dir.resolve("fwknopd-" + kind + "-" + r + ".log"));
                boolean all = f.output().contains("Packet count limit (" + n + ") reached");
                long accepted = f.output().lines().filter(l -> l.contains("--test mode enabled")).count();
                if (!all) {
                    ctx.results.finding("scenario 1: fwknopd did not report processing all " + n + " " + labels[k]
                            + " packets (run " + r + ")");
                }
                fwRate.add(all ? n / Math.max(f.wall(), 0.001) : Double.NaN);
                fwWall.add(f.wall());
                fwCpu.add(f.cpu());
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("fwknopd", Map.of("wall_s", f.wall(), "cpu_s", f.cpu(), "all_processed", all,
                        "accepted", accepted));
                for (int threads : new int[] {1, ctx.cores}) {
                    if (threads == ctx.cores && threads == 1) {
                        continue;
                    }
                    // the same file PASSES times in one process: pass 1 is a fresh JVM (cold JIT), the last one a
                    // warm daemon (N x (PASSES - 1) packets judged before it)
                    List<String> cmd = new ArrayList<>();
                    for (int pass = 0; pass < passes; pass++) {
                        cmd.add("--pcap-file");
                        cmd.add(pcap.toString());
                    }
                    cmd.addAll(List.of("-t", "--threads", Integer.toString(threads)));
                    Timed p = Timed.run(ctx.postern(dir, cmd.toArray(String[]::new)), dir,
                            dir.resolve("postern-" + kind + "-t" + threads + "-" + r + ".log"));
                    String[] blocks = p.output().split("(?m)^(?=pcap file: )");
                    Map<String, Double> v = parse(blocks.length > 1 ? blocks[1] : p.output());
                    Map<String, Double> w = parse(blocks.length > passes ? blocks[passes] : "");
                    double handled = v.getOrDefault("accepted", 0.0) + v.getOrDefault("rejected", 0.0);
                    double secs = v.getOrDefault("seconds", Double.NaN);
                    double handledW = w.getOrDefault("accepted", 0.0) + w.getOrDefault("rejected", 0.0);
                    double secsW = w.getOrDefault("seconds", Double.NaN);
                    long drop = (long) (n - handled);
                    one.put("postern_t" + threads, Map.of("wall_s", p.wall(), "cpu_s", p.cpu(), "own_seconds", secs,
                            "handled", handled, "accepted", v.getOrDefault("accepted", 0.0), "dropped", drop,
                            "warm_seconds", secsW, "warm_handled", handledW));
                    if (threads == 1) {
                        p1Rate.add(handled / secs);
                        p1Warm.add(handledW / secsW);
                        p1Wall.add(p.wall());
                        p1Cpu.add(p.cpu());
                        dropped1 = Math.max(dropped1, drop);
                    } else {
                        pnRate.add(handled / secs);
                        pnWarm.add(handledW / secsW);
                        pnWall.add(p.wall());
                        droppedN = Math.max(droppedN, drop);
                    }
                }
                runs.add(one);
            }
            raw.put(labels[k], runs);
            double fr = Stats.median(fwRate);
            double pr = Stats.median(p1Rate);
            String target = kind == Packets.Kind.VALID ? ">= 4x" : kind == Packets.Kind.BAD_HMAC ? ">= 10x" : null;
            Double tf = kind == Packets.Kind.VALID ? Double.valueOf(4.0)
                    : kind == Packets.Kind.BAD_HMAC ? Double.valueOf(10.0) : null;
            String dropNote = dropped1 > 0 ? "; Postern DROPPED up to " + dropped1 + " of " + n
                    + " (rate counts handled packets only)" : "";
            String s = "1 pcap file, N=" + n + " " + labels[k];
            double pw = Stats.median(p1Warm);
            ctx.results.add(new Results.Row(s, "throughput, 1 thread, warm (pass " + passes + " of the file in one process)", "packets/s", pw, fr, true,
                    target, tf, "Postern: the last of " + passes + " reads of the file by one process, after "
                    + (passes - 1) * n + " packets (a running daemon; at N=500 still not JIT-compiled); fwknopd: N / wall-clock of the whole command (1 ms resolution)" + dropNote));
            ctx.results.add(new Results.Row(s, "cost per packet, 1 thread, warm", "us/packet", 1e6 / pw, 1e6 / fr, false,
                    null, null, ""));
            ctx.results.add(new Results.Row(s, "throughput, 1 thread, cold (first pass of a fresh JVM)", "packets/s",
                    pr, fr, true, null, null, "handled / its own 'seconds:' (excludes JVM start-up, includes JIT warm-up)"));
            ctx.results.add(new Results.Row(s, "whole command wall-clock, 1 thread", "s", Stats.median(p1Wall),
                    Stats.median(fwWall), false, null, null, "Postern: JVM start-up, config load and all " + passes + " passes"));
            ctx.results.add(new Results.Row(s, "whole command CPU (user+sys)", "s", Stats.median(p1Cpu),
                    Stats.median(fwCpu), false, null, null, "Postern: all " + passes + " passes"));
            if (!pnRate.isEmpty()) {
                ctx.results.add(new Results.Row(s, "throughput, Postern " + ctx.cores + " threads (warm) vs fwknopd",
                        "packets/s", Stats.median(pnWarm), fr, true, null, null,
                        droppedN > 0 ? "Postern DROPPED up to " + droppedN + " of " + n : ""));
            }
            if (dropped1 > 0 || droppedN > 0) {
                ctx.results.finding("scenario 1: 'serve --pcap-file' handed only part of the " + n + " " + labels[k]
                        + " packets to the pipeline (up to " + Math.max(dropped1, droppedN) + " dropped): the replay "
                        + "submits to the same bounded worker queue (4096) as the UDP receiver, which drops when full");
            }
        }
        ctx.results.raw("scenario1_decode", raw);
    }

    private static Map<String, Double> parse(String out) {
        Map<String, Double> m = new LinkedHashMap<>();
        Matcher x = P_NUM.matcher(out);
        while (x.find()) {
            m.put(x.group(1), Double.parseDouble(x.group(2)));
        }
        Matcher c = P_CAND.matcher(out);
        if (c.find()) {
            m.put("candidates", Double.parseDouble(c.group(1)));
        }
        return m;
    }
}
