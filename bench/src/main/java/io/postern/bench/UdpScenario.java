package io.postern.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 2: distinct valid packets to each UDP server at rising rates, in test mode (decide, open nothing),
 * counting accepted packets from the server's own log and the namespace's RcvbufErrors. The same packets go
 * to both servers. A ladder stops at its first lossy rate; each server gets the same warm-up first.
 * Also samples the servers' resident memory idle and during the 10,000 packets/s step (scenario 5).
 */
final class UdpScenario {

    private final Ctx ctx;
    final Map<String, Long> rssIdleKb = new LinkedHashMap<>();
    final Map<String, Long> rss10kKb = new LinkedHashMap<>();

    UdpScenario(Ctx ctx) {
        this.ctx = ctx;
    }

    void run() throws Exception {
        double[] rates = ctx.quick ? new double[] {2_000, 5_000, 10_000, 20_000, 40_000}
                : new double[] {1_000, 2_000, 5_000, 10_000, 20_000, 30_000, 50_000, 75_000, 100_000};
        double step = ctx.quick ? 0.4 : 1.0;
        Packets gen = new Packets(ctx.keys);
        List<List<byte[]>> ladder = new ArrayList<>();
        for (double r : rates) {
            int n = (int) (r * step);
            ladder.add(gen.make(Packets.Kind.VALID, n, ctx.indices(n)));
        }
        List<byte[]> warm = gen.make(Packets.Kind.VALID, ctx.quick ? 2000 : 5000, ctx.indices(5000));
        Map<String, Object> raw = new LinkedHashMap<>();
        Map<String, Double> best = new LinkedHashMap<>();
        for (String server : List.of("fwknopd", "postern")) {
            Path dir = ctx.dir("s2-udp-" + server);
            Ctx.writePrivate(dir.resolve("access.conf"), "SOURCE ANY;\n" + ctx.keys.stanzaKeyLines());
            Ctx.writePrivate(dir.resolve("fwknopd.conf"), Servers.fwknopdConf());
            List<Map<String, Object>> runs = new ArrayList<>();
            List<Double> highest = new ArrayList<>();
            try (Procs.Server s = server.equals("fwknopd") ? Servers.fwknopd(ctx, dir, true)
                    : Servers.postern(ctx, dir, true);
                 UdpSender tx = new UdpSender(Servers.PORT)) {
                String acc = Servers.patterns(s).accepted();
                Thread.sleep(1000);
                rssIdleKb.put(server, Procs.rssKb(s.pid()));
                long base = s.count(acc);
                tx.paced(warm, 2000, 30);
                s.settle(acc, base + warm.size(), 500, 10_000);
                for (int run = 0; run < ctx.runs; run++) {
                    double top = 0;
                    List<Map<String, Object>> steps = new ArrayList<>();
                    for (int i = 0; i < rates.length; i++) {
                        List<byte[]> pk = ladder.get(i);
                        long before = s.count(acc);
                        long err0 = UdpSender.rcvbufErrors();
                        AtomicLong maxRss = new AtomicLong(-1);
                        Thread sampler = null;
                        if (rates[i] == 10_000) {
                            sampler = new Thread(() -> {
                                while (!Thread.currentThread().isInterrupted()) {
                                    maxRss.accumulateAndGet(Procs.rssKb(s.pid()), Math::max);
                                    try {
                                        Thread.sleep(50);
                                    } catch (InterruptedException e) {
                                        return;
                                    }
                                }
                            });
                            sampler.start();
                        }
                        double achieved = tx.paced(pk, rates[i], step * 3 + 1);
                        long after = s.settle(acc, before + pk.size(), 400, 10_000);
                        if (sampler != null) {
                            sampler.interrupt();
                            sampler.join();
                            rss10kKb.merge(server, maxRss.get(), Math::max);
                        }
                        long lost = pk.size() - (after - before);
                        long errs = UdpSender.rcvbufErrors() - err0;
                        Map<String, Object> st = new LinkedHashMap<>();
                        st.put("rate", rates[i]);
                        st.put("sent", pk.size());
                        st.put("achieved_rate", Math.abs(achieved));
                        st.put("accepted", after - before);
                        st.put("lost", lost);
                        st.put("rcvbuf_errors", errs);
                        steps.add(st);
                        boolean senderOk = achieved > 0 && achieved >= 0.9 * rates[i];
                        if (lost > 0) {
                            break;
                        }
                        if (!senderOk) {
                            // the (shared) machine could not send that fast: the step proves nothing either way
                            st.put("note", "sender reached only " + Math.round(Math.abs(achieved)) + "/s");
                            continue;
                        }
                        top = rates[i];
                    }
                    highest.add(top);
                    runs.add(Map.of("run", run, "steps", steps, "highest_zero_loss", top));
                }
            }
            raw.put(server, runs);
            best.put(server, Stats.median(highest));
        }
        ctx.results.raw("scenario2_udp", raw);
        double top = rates[rates.length - 1];
        boolean ceiling = best.get("postern") >= top;
        ctx.results.add(new Results.Row("2 UDP server, -t, valid packets", "highest rate with zero loss", "packets/s",
                best.get("postern"), best.get("fwknopd"), true, ">= 5x", 5.0,
                "ladder " + fmtRates(rates) + ", " + step + " s per step; loss = sent - accepted lines in the server's log"
                        + (ceiling ? "; Postern held the top step: the figure is the ladder's ceiling, not Postern's" : "")));
    }

    private static String fmtRates(double[] rates) {
        StringBuilder b = new StringBuilder();
        for (double r : rates) {
            b.append(b.length() == 0 ? "" : "/").append((long) r);
        }
        return b.toString();
    }
}
