package io.postern.it.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.it.support.FwknopClient;
import io.postern.it.support.NetNs;
import io.postern.it.support.PosternJar;
import io.postern.it.support.ProcessRunner;
import io.postern.it.support.Tools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What the serve scenarios share: the TCP "service" on port 22 inside a namespace, a connect probe from
 * the other namespace, the real {@code fwknop} client run inside a namespace, {@code postern serve} as
 * a separate JVM, and polling with a deadline. Every process is started through {@link ProcessRunner}
 * and must be closed by the caller (killed by PID with its descendants).
 */
final class ServeSupport {

    /** How long one connect attempt may take before it counts as failed (a DROP never answers). */
    static final Duration CONNECT_LIMIT = Duration.ofMillis(1500);

    private ServeSupport() {
    }

    /** Polls {@code condition} every 100 ms until it holds or {@code limit} passes; returns the last answer. */
    static boolean await(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
    }

    /** The folder (or jar) this test class was loaded from, for {@code java -cp} in a namespace. */
    static Path testClasspath() {
        try {
            return Path.of(ServeSupport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** Starts {@link TcpService} on {@code port} inside {@code ns} and waits until it listens. */
    static ProcessRunner.Running startTcpService(String ns, int port, Path log) throws InterruptedException {
        ProcessRunner.Running svc = ProcessRunner.start(new ProcessBuilder(NetNs.exec(ns, List.of(java().toString(),
                "-cp", testClasspath().toString(), TcpService.class.getName(), String.valueOf(port)))), log);
        if (!svc.awaitOutput(TcpService.READY, Duration.ofSeconds(20))) {
            String out = svc.output();
            svc.close();
            throw new AssertionError("TCP service did not start in " + ns + ":\n" + out);
        }
        return svc;
    }

    /**
     * Whether a TCP connection from namespace {@code ns} to {@code address:port} completes and reads the
     * service's banner within {@link #CONNECT_LIMIT}. A dropped SYN times out; a reset is refused.
     */
    static boolean canConnect(String ns, InetAddress address, int port) {
        String secs = String.format(java.util.Locale.ROOT, "%.1f", CONNECT_LIMIT.toMillis() / 1000.0);
        ProcessRunner.Result r = ProcessRunner.run(NetNs.exec(ns, List.of("timeout", secs, "bash", "-c",
                "exec 3<>/dev/tcp/$0/$1 && head -c 4 <&3", address.getHostAddress(), String.valueOf(port))),
                CONNECT_LIMIT.plusSeconds(5));
        return r.exitCode() == 0 && r.stdout().startsWith("SSH-");
    }

    /**
     * Runs the real fwknop client inside {@code ns} (or on the host when {@code ns} is null), with a private
     * HOME and LOGNAME, without reading or writing any rc or args file; fails if it exits non-zero.
     */
    static ProcessRunner.Result fwknop(String ns, Path home, List<String> args) throws IOException {
        Files.createDirectories(home);
        List<String> argv = new ArrayList<>(List.of(Tools.FWKNOP.toString()));
        argv.addAll(args);
        argv.addAll(List.of("--no-save-args", "--no-rc-file"));
        ProcessBuilder pb = new ProcessBuilder(ns == null ? argv : NetNs.exec(ns, argv)).directory(home.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("FWKNOP") || k.equals("SPOOF_USER"));
        env.put("HOME", home.toAbsolutePath().toString());
        env.put("LOGNAME", FwknopClient.USER);
        env.put("USER", FwknopClient.USER);
        ProcessRunner.Result r = ProcessRunner.run(pb, Duration.ofSeconds(20), true);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r;
    }

    /**
     * Starts {@code postern serve <args>} as its own JVM, inside {@code ns} (or on the host when null),
     * logging to {@code log}, and waits until its receiver is up.
     */
    static ProcessRunner.Running startServe(PosternJar postern, String ns, List<String> args, Path log)
            throws InterruptedException {
        List<String> serve = new ArrayList<>(List.of("serve"));
        serve.addAll(args);
        List<String> argv = postern.argv(serve);
        ProcessRunner.Running p = ProcessRunner.start(postern.builder(ns == null ? argv : NetNs.exec(ns, argv)), log);
        boolean up = await(Duration.ofSeconds(30), () -> {
            String out = p.output();
            return out.contains("listening for SPA packets") || out.contains("capturing SPA packets") || !p.isAlive();
        });
        if (!up || !p.isAlive()) {
            String out = p.output();
            p.close();
            throw new AssertionError("postern serve did not start (" + (up ? "exited" : "timed out") + "):\n" + out);
        }
        return p;
    }

    /** Runs {@code ip netns exec ns <argv>} and fails unless it exits 0; returns its output. */
    static String inNs(String ns, String... argv) {
        ProcessRunner.Result r = ProcessRunner.run(new ProcessBuilder(NetNs.exec(ns, List.of(argv))),
                Duration.ofSeconds(15), true);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r.stdout();
    }

    /** Kills a process with SIGKILL by its PID (no clean shutdown, no shutdown hooks). */
    static void sigkill(ProcessRunner.Running p) throws InterruptedException {
        ProcessHandle h = ProcessHandle.of(p.pid()).orElseThrow();
        h.destroyForcibly();
        assertThat(p.waitFor(Duration.ofSeconds(10))).as("exit status after SIGKILL").isEqualTo(128 + 9);
    }
}
