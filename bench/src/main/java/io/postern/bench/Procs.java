package io.postern.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every process the harness starts goes through here: its PID is appended to {@code pids} in the work folder
 * (bench/run kills whatever is listed there on exit, even if this JVM dies), and {@link #stopAll} ends the ones
 * still running, by PID.
 */
final class Procs {

    private static final List<Process> LIVE = new ArrayList<>();
    private static Path pidFile;

    private Procs() {
    }

    static void init(Path workDir) {
        pidFile = workDir.resolve("pids");
        Runtime.getRuntime().addShutdownHook(new Thread(Procs::stopAll, "bench-stop"));
    }

    static synchronized Process start(List<String> cmd, Path dir, Path out, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        if (out != null) {
            pb.redirectOutput(out.toFile());
        }
        if (env != null) {
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        LIVE.add(p);
        if (pidFile != null) {
            Files.writeString(pidFile, p.pid() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        return p;
    }

    /** SIGTERM, then SIGKILL after {@code graceMs}. */
    static void stop(Process p, long graceMs) {
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(graceMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        synchronized (Procs.class) {
            LIVE.remove(p);
        }
    }

    static synchronized void stopAll() {
        for (Process p : new ArrayList<>(LIVE)) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        LIVE.clear();
    }

    /** Runs a command to completion and returns its merged output. */
    static String output(List<String> cmd, Path dir) throws IOException, InterruptedException {
        Process p = start(cmd, dir, null, null);
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        synchronized (Procs.class) {
            LIVE.remove(p);
        }
        return s;
    }

    /** VmRSS of a live process in kB, or -1. */
    static long rssKb(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * A long-running server whose merged output is read line by line on a thread: every line goes to a log
     * file, and lines containing one of the watched strings are counted.
     */
    static final class Server implements AutoCloseable {
        final Process process;
        final String name;
        private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        private final Thread reader;

        Server(String name, List<String> cmd, Path dir, Path log, List<String> watch) throws IOException {
            this.name = name;
            for (String w : watch) {
                counts.put(w, new AtomicLong());
            }
            this.process = start(cmd, dir, null, null);
            this.reader = new Thread(() -> pump(log), "bench-read-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        private void pump(Path log) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8), 1 << 16);
                 BufferedWriter w = Files.newBufferedWriter(log)) {
                String line;
                while ((line = r.readLine()) != null) {
                    for (Map.Entry<String, AtomicLong> e : counts.entrySet()) {
                        if (line.contains(e.getKey())) {
                            e.getValue().incrementAndGet();
                        }
                    }
                    w.write(line);
                    w.newLine();
                }
            } catch (IOException e) {
                // the process ended
            }
        }

        long count(String watched) {
            return counts.get(watched).get();
        }

        long pid() {
            return process.pid();
        }

        /** Waits until {@code watched} has been seen at least {@code n} times, or the time is up. */
        boolean await(String watched, long n, long timeoutMs) throws InterruptedException {
            long end = System.currentTimeMillis() + timeoutMs;
            while (count(watched) < n) {
                if (!process.isAlive() || System.currentTimeMillis() > end) {
                    return false;
                }
                Thread.sleep(5);
            }
            return true;
        }

        /** Waits until the count of {@code watched} reaches {@code n} or stops moving for {@code quietMs}. */
        long settle(String watched, long n, long quietMs, long timeoutMs) throws InterruptedException {
            long end = System.currentTimeMillis() + timeoutMs;
            long last = count(watched);
            long lastChange = System.currentTimeMillis();
            while (last < n && System.currentTimeMillis() < end) {
                Thread.sleep(5);
                long c = count(watched);
                if (c != last) {
                    last = c;
                    lastChange = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - lastChange > quietMs) {
                    break;
                }
            }
            return count(watched);
        }

        @Override
        public void close() {
            stop(process, 5000);
        }
    }
}
