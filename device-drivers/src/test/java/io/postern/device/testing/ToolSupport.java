package io.postern.device.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test whose external tool or privilege is missing, with a reason; when the system property
 * {@code postern.requireTools=true} or the environment variable {@code CI=true} is set, it fails instead.
 */
public final class ToolSupport {

    private static final List<String> PATH = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
            "/sbin", "/bin");

    private ToolSupport() {
    }

    /** Whether missing tools must fail the test. */
    public static boolean toolsRequired() {
        return Boolean.getBoolean("postern.requireTools") || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (or fails, see {@link #toolsRequired()}) unless {@code condition}. */
    public static void require(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if (toolsRequired()) {
            fail("required by postern.requireTools/CI but unavailable: " + reason);
        }
        Assumptions.abort(reason);
    }

    /** Requires each program to be found in the standard search path. */
    public static void requireTools(String... programs) {
        for (String p : programs) {
            require(which(p) != null, p + " is not installed (apt-get install -y nftables iptables ipset iproute2)");
        }
    }

    /** Requires running as root. */
    public static void requireRoot() {
        require(isRoot(), "needs root (network namespaces)");
    }

    /** The program's path, or null. */
    public static Path which(String program) {
        for (String dir : PATH) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Whether the effective user is root. */
    public static boolean isRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor() == 0 && out.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
