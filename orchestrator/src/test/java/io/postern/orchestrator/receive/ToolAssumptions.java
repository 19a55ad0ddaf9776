package io.postern.orchestrator.receive;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Skips a test that needs a missing tool or privilege, with the reason; fails instead when
 * {@code -Dpostern.requireTools=true} or {@code CI=true}, so CI cannot pass by skipping.
 */
final class ToolAssumptions {

    private ToolAssumptions() {
    }

    static boolean toolsRequired() {
        return Boolean.getBoolean("postern.requireTools") || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    static void require(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if (toolsRequired()) {
            fail("required tool or privilege missing: " + reason);
        }
        assumeTrue(false, reason);
    }

    static boolean isRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 && out.equals("0");
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
