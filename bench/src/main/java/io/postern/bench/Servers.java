package io.postern.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Starts fwknopd and Postern as UDP servers (inside the namespace) and knows how to read their output. */
final class Servers {

    /** How one server says what it did, one line per event. */
    record Patterns(String ready, String accepted, String granted) {
    }

    static final Patterns FWKNOPD = new Patterns("Kicking off UDP server", "--test mode enabled",
            "Running CMD_CYCLE_OPEN command");
    static final Patterns POSTERN = new Patterns("listening for SPA packets on udp", "accepted from user", ") opened ");

    static final int PORT = 62201;

    private Servers() {
    }

    static String fwknopdConf() {
        return "ENABLE_UDP_SERVER Y;\nUDPSERV_PORT " + PORT + ";\nENABLE_SPA_PACKET_AGING N;\n";
    }

    static Procs.Server fwknopd(Ctx ctx, Path dir, boolean test) throws IOException, InterruptedException {
        List<String> cmd = test ? ctx.fwknopd(dir, "-U", "-t") : ctx.fwknopd(dir, "-U");
        return started(new Procs.Server("fwknopd", cmd, dir, dir.resolve("fwknopd.log"),
                List.of(FWKNOPD.ready(), FWKNOPD.accepted(), FWKNOPD.granted())), FWKNOPD);
    }

    static Procs.Server postern(Ctx ctx, Path dir, boolean test, String... extra)
            throws IOException, InterruptedException {
        List<String> cmd = ctx.postern(dir, "--bind", "127.0.0.1", "--udp-port", Integer.toString(PORT),
                "--threads", Integer.toString(ctx.cores));
        if (test) {
            cmd.add("-t");
        }
        cmd.addAll(List.of(extra));
        return started(new Procs.Server("postern", cmd, dir, dir.resolve("postern.log"),
                List.of(POSTERN.ready(), POSTERN.accepted(), POSTERN.granted())), POSTERN);
    }

    private static Procs.Server started(Procs.Server s, Patterns p) throws IOException, InterruptedException {
        if (!s.await(p.ready(), 1, 60_000)) {
            s.close();
            throw new IOException(s.name + " did not start (see its log in the work folder)");
        }
        return s;
    }

    static Patterns patterns(Procs.Server s) {
        return s.name.equals("fwknopd") ? FWKNOPD : POSTERN;
    }
}
