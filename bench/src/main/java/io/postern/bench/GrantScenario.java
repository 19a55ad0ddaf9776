package io.postern.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 3: grants through a local command. A stanza with CMD_CYCLE_OPEN /bin/true (close timer an hour
 * away, so no close runs during the measurement), real mode (replay digests stored), distinct packets with
 * distinct allow addresses. Closed loop: at most {@code WINDOW} packets outstanding, so neither server's
 * receive buffer can overflow; grants/s = grants completed / seconds from the first send to the last grant.
 */
final class GrantScenario {

    private static final int WINDOW = 32;

    private final Ctx ctx;

    GrantScenario(Ctx ctx) {
        this.ctx = ctx;
    }

    void run() throws Exception {
        int n = ctx.quick ? 200 : 1000;
        Packets gen = new Packets(ctx.keys);
        Map<String, Object> raw = new LinkedHashMap<>();
        Map<String, Double> med = new LinkedHashMap<>();
        for (String server : List.of("fwknopd", "postern")) {
            Path dir = ctx.dir("s3-grants-" + server);
            Ctx.writePrivate(dir.resolve("access.conf"), "SOURCE ANY;\n" + ctx.keys.stanzaKeyLines()
                    + "CMD_CYCLE_OPEN /bin/true $SRC $PROTO $PORT;\nCMD_CYCLE_CLOSE /bin/true $SRC $PROTO $PORT;\n"
                    + "CMD_CYCLE_TIMER 3600;\n");
            Ctx.writePrivate(dir.resolve("fwknopd.conf"), Servers.fwknopdConf());
            List<Double> rates = new ArrayList<>();
            try (Procs.Server s = server.equals("fwknopd") ? Servers.fwknopd(ctx, dir, false)
                    : Servers.postern(ctx, dir, false);
                 UdpSender tx = new UdpSender(Servers.PORT)) {
                String g = Servers.patterns(s).granted();
                // warm-up: a few grants so that both run their steady state
                List<byte[]> warm = gen.make(Packets.Kind.VALID, 20, ctx.indices(20));
                tx.windowed(warm, 4, () -> s.count(g), s.count(g), 60);
                for (int run = 0; run < ctx.runs; run++) {
                    List<byte[]> pk = gen.make(Packets.Kind.VALID, n, ctx.indices(n));
                    long base = s.count(g);
                    double secs = tx.windowed(pk, WINDOW, () -> s.count(g), base, 120);
                    rates.add(Double.isNaN(secs) ? Double.NaN : n / secs);
                }
            }
            raw.put(server, rates);
            med.put(server, Stats.median(rates));
        }
        ctx.results.raw("scenario3_grants", raw);
        ctx.results.add(new Results.Row("3 grants, CMD_CYCLE_OPEN /bin/true", "grants per second (N=" + n + ")",
                "grants/s", med.get("postern"), med.get("fwknopd"), true, ">= 1x", 1.0,
                "UDP, closed loop with " + WINDOW + " outstanding; counted from each server's log"));
    }
}
