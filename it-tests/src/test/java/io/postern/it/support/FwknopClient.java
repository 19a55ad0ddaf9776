package io.postern.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real fwknop 2.6.10 client in test mode: {@code fwknop -T -B <file> --no-save-args --no-rc-file}
 * with HOME set to a private folder and a fixed LOGNAME, so nothing is sent, no rc file or history is
 * read or written, and the packet is read back from the file. The fields it prints are kept for
 * cross-checks.
 */
public final class FwknopClient {

    /** The LOGNAME the client runs with, hence the default username in packets. */
    public static final String USER = "postern-it";

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern FIELD = Pattern.compile("^\\s*([A-Za-z][A-Za-z ]*[A-Za-z]): (.*)$");

    private final Path home;
    private final AtomicInteger count = new AtomicInteger();

    /** A client whose HOME (and packet files) live in {@code home}. */
    public FwknopClient(Path home) {
        this.home = home.toAbsolutePath();
    }

    /**
     * The packet and what the client printed.
     *
     * @param wire    the packet string (the saved line without its newline)
     * @param printed the {@code -T} field list ({@code Random Value}, {@code Message String}, ...)
     * @param result  the raw process result
     */
    public record Packet(String wire, Map<String, String> printed, ProcessRunner.Result result) {
    }

    /** Runs the client with {@code args} (without -T/-B, which are added); fails if it exits non-zero. */
    public Packet make(List<String> args) throws IOException {
        ProcessRunner.Result r = run(args);
        if (r.exitCode() != 0) {
            throw new AssertionError("fwknop failed: " + r.describe());
        }
        Path file = home.resolve("packet-" + count.get() + ".txt");
        String saved = Files.readString(file, StandardCharsets.ISO_8859_1);
        if (!saved.endsWith("\n") || saved.indexOf('\n') != saved.length() - 1) {
            throw new AssertionError("unexpected --save-packet content: " + saved);
        }
        return new Packet(saved.substring(0, saved.length() - 1), fields(r.stdout()), r);
    }

    /** Runs the client and returns the raw result, whatever its exit code (for refusals). */
    public ProcessRunner.Result run(List<String> args) {
        Path file = home.resolve("packet-" + count.incrementAndGet() + ".txt");
        List<String> argv = new ArrayList<>(List.of(Tools.FWKNOP.toString()));
        argv.addAll(args);
        argv.addAll(List.of("-T", "-B", file.toString(), "--no-save-args", "--no-rc-file"));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(home.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("FWKNOP") || k.equals("SPOOF_USER"));
        env.put("HOME", home.toString());
        env.put("LOGNAME", USER);
        env.put("USER", USER);
        return ProcessRunner.run(pb, TIMEOUT, false);
    }

    static Map<String, String> fields(String stdout) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            Matcher f = FIELD.matcher(line);
            if (f.matches()) {
                m.putIfAbsent(f.group(1), f.group(2));
            }
        }
        return m;
    }
}
