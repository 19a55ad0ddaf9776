package io.postern.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One command run to completion under bash's {@code time}: wall-clock, user and system CPU seconds, output. */
record Timed(double wall, double user, double sys, String output) {

    double cpu() {
        return user + sys;
    }

    static Timed run(List<String> cmd, Path dir, Path log) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("bash", "-c",
                "TIMEFORMAT='BENCHTIME %R %U %S'; time \"$@\" > \"$BENCH_OUT\" 2>&1", "bash"));
        c.addAll(cmd);
        Process p = Procs.start(c, dir, null, Map.of("BENCH_OUT", log.toString()));
        String t = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Procs.stop(p, 0);
        String line = t.lines().filter(l -> l.startsWith("BENCHTIME ")).findFirst()
                .orElseThrow(() -> new IOException("no timing from " + cmd + ": " + t));
        String[] f = line.split(" ");
        return new Timed(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                Files.readString(log));
    }
}
