package io.postern.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs external programs with a hard timeout. Output goes to files (never a pipe that can fill up),
 * and whatever happens the process and all its descendants are destroyed by their own PIDs, never by
 * name. {@link #run} waits for the exit; {@link #start} returns a {@link Running} handle to close in
 * a {@code finally} or try-with-resources block.
 */
public final class ProcessRunner {

    private ProcessRunner() {
    }

    /**
     * The outcome of a finished process.
     *
     * @param command  the argv
     * @param exitCode the exit status, or -1 if it timed out and was killed
     * @param stdout   standard output (with standard error merged in if asked)
     * @param stderr   standard error, empty when merged
     * @param timedOut whether the timeout hit
     */
    public record Result(List<String> command, int exitCode, String stdout, String stderr, boolean timedOut) {

        /** Everything the process printed, for assertion messages. */
        public String describe() {
            return String.join(" ", command) + " -> exit " + exitCode + (timedOut ? " (timed out)" : "")
                    + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /** Runs the argv with the current environment. */
    public static Result run(List<String> argv, Duration timeout) {
        return run(new ProcessBuilder(argv), timeout, false);
    }

    /**
     * Runs a configured builder (argv, environment, directory); its redirects are replaced. Standard
     * input is empty.
     */
    public static Result run(ProcessBuilder pb, Duration timeout, boolean mergeStderr) {
        Path out = tempFile("out");
        Path err = tempFile("err");
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.redirectOutput(out.toFile());
        if (mergeStderr) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(err.toFile());
        }
        Process p = null;
        try {
            p = pb.start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                destroyTree(p.toHandle());
            }
            return new Result(pb.command(), done ? p.exitValue() : -1, read(out), mergeStderr ? "" : read(err), !done);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + pb.command(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + pb.command(), e);
        } finally {
            if (p != null) {
                destroyTree(p.toHandle());
            }
            delete(out);
            delete(err);
        }
    }

    /** Starts a background process whose merged output goes to {@code log}. Close the handle. */
    public static Running start(ProcessBuilder pb, Path log) {
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        try {
            return new Running(pb.start(), log, pb.command());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + pb.command(), e);
        }
    }

    /** Destroys the process and every descendant, gently first, then forcibly; by PID only. */
    public static void destroyTree(ProcessHandle root) {
        List<ProcessHandle> children = root.descendants().toList();
        root.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            root.onExit().get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            root.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempFile(String suffix) {
        try {
            return Files.createTempFile("postern-it-", "." + suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }

    /** A started background process; {@link #close()} kills it and its descendants by PID. */
    public static final class Running implements AutoCloseable {

        private final Process process;
        private final Path log;
        private final List<String> command;

        Running(Process process, Path log, List<String> command) {
            this.process = process;
            this.log = log;
            this.command = List.copyOf(command);
        }

        public long pid() {
            return process.pid();
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** Everything printed so far. */
        public String output() {
            return read(log);
        }

        /** Waits until the output contains {@code text}; false on timeout or if the process exits first. */
        public boolean awaitOutput(String text, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (output().contains(text)) {
                    return true;
                }
                if (!process.isAlive()) {
                    return output().contains(text);
                }
                Thread.sleep(20);
            }
            return false;
        }

        /** Waits for the exit; returns the status, or -1 if still running after {@code timeout}. */
        public int waitFor(Duration timeout) throws InterruptedException {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        }

        @Override
        public void close() {
            destroyTree(process.toHandle());
        }

        @Override
        public String toString() {
            return "pid " + pid() + ": " + String.join(" ", command);
        }
    }
}
