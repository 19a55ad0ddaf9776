package io.postern.device.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network namespace owned by one test: created with {@code ip netns add pt-<tag>-<random>}, deleted by
 * {@link #close()} (use try-with-resources so it goes even when the test fails). Everything a test does to a
 * firewall happens inside it, never on the host. Needs root and {@code ip}; call
 * {@link ToolSupport#requireRoot()} and {@link ToolSupport#requireTools} first.
 */
public final class NetNsFixture implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NetNsFixture.class);

    private final String name;

    private NetNsFixture(String name) {
        this.name = name;
    }

    /** Creates a namespace whose name starts with {@code pt-<tag>-}; {@code tag} is short and alphanumeric. */
    public static NetNsFixture create(String tag) throws IOException {
        String name = "pt-" + tag + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        Result r = run(List.of("ip", "netns", "add", name));
        if (r.exit != 0) {
            throw new IOException("ip netns add " + name + " failed: " + r.output);
        }
        NetNsFixture ns = new NetNsFixture(name);
        ns.exec("ip", "link", "set", "lo", "up");
        return ns;
    }

    public String name() {
        return name;
    }

    /** The argv prefix that runs a command inside: {@code ip netns exec <name>}. */
    public List<String> prefix() {
        return List.of("ip", "netns", "exec", name);
    }

    /** Runs a command inside the namespace; returns its output, fails when it exits non-zero. */
    public String exec(String... argv) throws IOException {
        List<String> full = new ArrayList<>(prefix());
        full.addAll(List.of(argv));
        Result r = run(full);
        if (r.exit != 0) {
            throw new IOException(String.join(" ", full) + " exited " + r.exit + ": " + r.output);
        }
        return r.output;
    }

    @Override
    public void close() {
        try {
            Result r = run(List.of("ip", "netns", "del", name));
            if (r.exit != 0) {
                LOG.warn("ip netns del {} failed: {}", name, r.output);
            }
        } catch (IOException e) {
            LOG.warn("ip netns del {} failed: {}", name, e.toString());
        }
    }

    private static Result run(List<String> argv) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + argv);
            }
            return new Result(p.exitValue(), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted: " + argv, e);
        }
    }

    private record Result(int exit, String output) {
    }
}
