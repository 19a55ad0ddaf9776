package io.postern.it.sshexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postern.device.BuiltinDrivers;
import io.postern.device.CommandSequence;
import io.postern.device.DeviceDriver;
import io.postern.device.DeviceException;
import io.postern.device.DeviceSpec;
import io.postern.device.GrantContext;
import io.postern.device.Step;
import io.postern.device.StepResult;
import io.postern.device.template.GrantValues;
import io.postern.device.template.TemplateRenderer;
import io.postern.device.testing.NetNsFixture;
import io.postern.it.support.ProcessRunner;
import io.postern.it.support.Tools;
import io.postern.spa.ProtoPort;
import io.postern.spa.Protocol;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ssh-exec} driver against a real OpenSSH {@code sshd} (Debian's openssh-server) running inside a
 * network namespace, reached from the host over a veth pair in 198.19.128.0/17 (RFC 2544 space). sshd has a
 * throw-away host key (pinned by fingerprint on the client side) and accepts only a throw-away key for root. Both
 * are ECDSA P-256, not Ed25519: MINA SSHD 2.14 verifies and loads Ed25519 keys only with {@code net.i2p.crypto:eddsa}
 * on the class path, which the build does not have. Inside the namespace an ipset {@code spa_allow} exists; the shipped {@code ipset} template, rendered
 * for that set, runs remotely: open adds the element, close removes it, a second close is a no-op, and a command
 * naming a missing set fails with ipset's own words. sshd is killed by its PID and the namespace deleted in
 * {@code finally}, whatever happens. Needs root, ip, sshd, ssh-keygen and ipset: skipped with a reason otherwise,
 * failed instead under {@code CI=true} or {@code -Dpostern.requireTools=true}.
 */
class SshExecIpsetIT {

    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");
    private static final Path IPSET = Path.of("/usr/sbin/ipset");
    private static final Duration T = Duration.ofSeconds(10);
    private static final Duration TOOL = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void renderedIpsetOpenAndCloseRunOverSshExecAgainstRealSshdInANamespace() throws Exception {
        Tools.requireRoot();
        Tools.requireOnPath("ip");
        Tools.requireExecutables(SSHD, SSH_KEYGEN, IPSET);
        Files.createDirectories(Path.of("/run/sshd"));

        long started = System.nanoTime();
        int third = ThreadLocalRandom.current().nextInt(128, 256);
        int fourth = ThreadLocalRandom.current().nextInt(0, 64) * 4;
        String hostAddr = "198.19." + third + "." + (fourth + 1);
        String nsAddr = "198.19." + third + "." + (fourth + 2);
        String hostIf = "ptse" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        NetNsFixture ns = NetNsFixture.create("se");
        ProcessRunner.Running sshd = null;
        DeviceDriver driver = null;
        try {
            ip("link", "add", hostIf, "type", "veth", "peer", "name", "veth0", "netns", ns.name());
            ip("addr", "add", hostAddr + "/30", "dev", hostIf);
            ip("link", "set", hostIf, "up");
            ip("-n", ns.name(), "addr", "add", nsAddr + "/30", "dev", "veth0");
            ip("-n", ns.name(), "link", "set", "veth0", "up");

            Path hostKey = keygen("host_ecdsa");
            Path clientKey = keygen("client_ecdsa");
            Path authorized = Files.copy(Path.of(clientKey + ".pub"), dir.resolve("authorized_keys"));
            String pin = fingerprint(Path.of(hostKey + ".pub"));
            Path config = Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                    "Port 22",
                    "ListenAddress " + nsAddr,
                    "HostKey " + hostKey,
                    "PidFile " + dir.resolve("sshd.pid"),
                    "AuthorizedKeysFile " + authorized,
                    "PermitRootLogin prohibit-password",
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "UsePAM no",
                    "StrictModes no",
                    "AcceptEnv LANG LC_*",
                    "LogLevel VERBOSE", ""));
            run(List.of(SSHD.toString(), "-t", "-f", config.toString()));
            sshd = ProcessRunner.start(new ProcessBuilder(concat(ns.prefix(),
                    List.of(SSHD.toString(), "-D", "-e", "-f", config.toString()))), dir.resolve("sshd.log"));
            assertThat(sshd.awaitOutput("Server listening on " + nsAddr, TOOL))
                    .as("sshd listening; its log:\n%s", sshd.output()).isTrue();
            ns.exec("ipset", "create", "spa_allow", "hash:ip,port", "timeout", "30");
            long ready = System.nanoTime();

            DeviceDriver exec = BuiltinDrivers.resolve("ssh-exec").create(new DeviceSpec("ns-sshd", "ssh-exec", Map.of(
                    "address", nsAddr, "port", "22", "user", "root", "key_file", clientKey.toString(),
                    "host_key", pin, "connect_timeout", "5s", "login_timeout", "5s")));
            driver = exec;
            GrantValues values = GrantValues.builder().source(InetAddress.getByName(hostAddr))
                    .packetSource(InetAddress.getByName(hostAddr)).destination(InetAddress.getByName(nsAddr))
                    .protoPort(new ProtoPort(Protocol.TCP, 22)).timeoutSeconds(30).expiresAt(1_700_000_030L)
                    .clientTimeout(30).stanza("1").ruleId(1).vars(Map.of("set4", "spa_allow")).build();
            GrantContext grant = TemplateRenderer.classpathOnly()
                    .renderGrant("[" + hostAddr + "] (stanza #1)", "ipset", values, T);
            assertThat(grant.open().argvs()).containsExactly(List.of("ipset", "add", "spa_allow",
                    hostAddr + ",tcp:22", "timeout", "30", "-exist"));

            String entry = hostAddr + ",tcp:22 timeout";
            long t0 = System.nanoTime();
            List<StepResult> opened = exec.open(grant);
            long t1 = System.nanoTime();
            assertThat(opened).singleElement().satisfies(r -> assertThat(r.succeeded()).isTrue());
            assertThat(ns.exec("ipset", "list", "spa_allow")).contains(entry);

            exec.close(grant);
            long t2 = System.nanoTime();
            assertThat(ns.exec("ipset", "list", "spa_allow")).doesNotContain(hostAddr);
            assertThat(exec.close(grant)).as("second close is a no-op").allMatch(StepResult::succeeded);
            assertThat(ns.exec("ipset", "list", "spa_allow")).doesNotContain(hostAddr);

            GrantContext missingSet = new GrantContext("[" + hostAddr + "] (stanza #1)", CommandSequence.of(List.of(
                    Step.of(List.of("ipset", "add", "no_such_set", hostAddr + ",tcp:22", "-exist"), T))),
                    CommandSequence.empty());
            assertThatThrownBy(() -> exec.open(missingSet))
                    .isInstanceOfSatisfying(DeviceException.class, e -> {
                        assertThat(e.getMessage()).contains("ipset v", "The set with the given name does not exist");
                        StepResult last = e.results().get(e.results().size() - 1);
                        assertThat(last.exitCode()).isEqualTo(1);
                        assertThat(last.timedOut()).isFalse();
                    });
            System.out.printf("ssh-exec against OpenSSH in a netns: setup (ns, keys, sshd) %d ms, open %.1f ms "
                    + "(login included), close %.1f ms, total %d ms%n", ms(ready - started), (t1 - t0) / 1e6,
                    (t2 - t1) / 1e6, ms(System.nanoTime() - started));
        } finally {
            if (driver != null) {
                driver.shutdown();
            }
            if (sshd != null) {
                killByPidFile(dir.resolve("sshd.pid"));
                sshd.close();
            }
            ProcessRunner.run(List.of("ip", "link", "del", hostIf), TOOL);
            ns.close();
        }
    }

    private Path keygen(String name) {
        Path key = dir.resolve(name);
        run(List.of(SSH_KEYGEN.toString(), "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-C", "postern-it", "-f", key.toString()));
        return key;
    }

    /** {@code SHA256:...} as {@code ssh-keygen -lf} prints it. */
    private static String fingerprint(Path publicKey) {
        String out = run(List.of(SSH_KEYGEN.toString(), "-l", "-E", "sha256", "-f", publicKey.toString()));
        return out.strip().split("\\s+")[1];
    }

    private static void killByPidFile(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle.of(pid).ifPresent(ProcessRunner::destroyTree);
    }

    private static void ip(String... args) {
        run(concat(List.of("ip"), List.of(args)));
    }

    private static String run(List<String> argv) {
        ProcessRunner.Result r = ProcessRunner.run(argv, TOOL);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(r.describe());
        }
        return r.stdout();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
