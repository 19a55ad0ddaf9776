package io.postern.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Gate for tests that need an external program or root. On a developer machine a missing tool
 * aborts the test with a reason (JUnit assumption); when the system property
 * {@code postern.requireTools} is {@code true} or the environment has {@code CI=true}, it fails the
 * test instead, so CI can never go green by skipping.
 */
public final class Tools {

    public static final Path FWKNOP = Path.of("/usr/bin/fwknop");
    public static final Path FWKNOPD = Path.of("/usr/sbin/fwknopd");

    private Tools() {
    }

    /** Whether a missing tool must fail the test rather than skip it. */
    public static boolean required() {
        return Boolean.getBoolean("postern.requireTools") || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (or, in CI, fails) with {@code reason} unless {@code available}. */
    public static void assume(boolean available, String reason) {
        if (available) {
            return;
        }
        if (required()) {
            Assertions.fail(reason + " (required: postern.requireTools=true or CI=true)");
        }
        Assumptions.abort(reason);
    }

    /** Requires executables at these absolute paths. */
    public static void requireExecutables(Path... paths) {
        for (Path p : paths) {
            assume(Files.isExecutable(p), p + " is not installed");
        }
    }

    /** Requires a program on PATH (e.g. {@code ip}, {@code bash}); returns its absolute path. */
    public static Path requireOnPath(String name) {
        Path found = onPath(name);
        assume(found != null, name + " is not on PATH");
        return found;
    }

    /** Requires root (fwknopd, network namespaces). */
    public static void requireRoot() {
        assume(isRoot(), "needs root");
    }

    /** Requires the real fwknop client. */
    public static void requireFwknop() {
        requireExecutables(FWKNOP);
    }

    /** Requires the real fwknopd and root to run it. */
    public static void requireFwknopd() {
        requireExecutables(FWKNOPD);
        requireRoot();
    }

    /** Requires root and a working {@code ip netns}. */
    public static void requireNetns() {
        requireRoot();
        requireOnPath("ip");
        requireOnPath("ss");
        assume(NetNs.supported(), "ip netns does not work here");
    }

    static Path onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : List.of((path + ":/usr/sbin:/sbin").split(":"))) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
