package io.postern.device.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An embedded MINA sshd on 127.0.0.1 (port 0) that does what OpenSSH does with an exec request: hands the command
 * string to a POSIX shell, {@code /bin/sh -c <string>}, with stdin, stdout and stderr on the channel, and reports
 * its exit status. Password login for {@link #USER}/{@link #PASSWORD}, public-key login for {@link #clientKey()}.
 * Records every command string received, counts logins and the most channels running at once. Closing a channel
 * kills its process. Thread-safe.
 */
final class ShellExecServer implements AutoCloseable {

    static final String USER = "ops";
    static final String PASSWORD = "pw-Exec-s3cret!";

    private final SshServer sshd = SshServer.setUpDefaultServer();
    private final KeyPair hostKey = generate();
    private final KeyPair clientKey = generate();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();

    ShellExecServer() {
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        CoreModuleProperties.TCP_NODELAY.set(sshd, true);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        sshd.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        sshd.setPublickeyAuthenticator((user, key, session) -> USER.equals(user)
                && KeyUtils.compareKeys(clientKey.getPublic(), key));
        sshd.setCommandFactory((channel, command) -> new ShellCommand(command));
        sshd.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sessions.incrementAndGet();
            }
        });
        try {
            sshd.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return sshd.getPort();
    }

    String hostKeyFingerprint() {
        return HostKeyPolicy.fingerprint(hostKey.getPublic());
    }

    KeyPair clientKey() {
        return clientKey;
    }

    /** Writes the client key as an unencrypted OpenSSH private key file. */
    Path writeClientKey(Path file) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "postern-test", null, out);
        }
        return file;
    }

    /** Every exec command string received, in order. */
    List<String> commands() {
        return List.copyOf(commands);
    }

    /** SSH sessions (connections) accepted so far. */
    int sessionsOpened() {
        return sessions.get();
    }

    /** The most commands that ran at the same time. */
    int maxConcurrentCommands() {
        return maxRunning.get();
    }

    /** Drops every connection, as a rebooting device or a NAT timeout would. */
    void disconnectAll() {
        sshd.getActiveSessions().forEach(s -> s.close(true));
    }

    int activeSessions() {
        return sshd.getActiveSessions().size();
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            return gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code /bin/sh -c <command>}, streams pumped both ways, killed when the channel closes. */
    private final class ShellCommand implements Command {
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private volatile Process process;

        ShellCommand(String command) {
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            commands.add(command);
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command);
            pb.environment().putAll(env.getEnv());
            process = pb.start();
            int now = running.incrementAndGet();
            maxRunning.accumulateAndGet(now, Math::max);
            Thread t = new Thread(this::pump, "shell-exec-" + process.pid());
            t.setDaemon(true);
            t.start();
        }

        private void pump() {
            Process p = process;
            Thread stderr = new Thread(() -> copy(p.getErrorStream(), err));
            stderr.setDaemon(true);
            stderr.start();
            Thread stdin = new Thread(() -> {
                try (OutputStream toChild = p.getOutputStream()) {
                    in.transferTo(toChild);
                } catch (IOException e) {
                    // the child or the channel went away
                }
            });
            stdin.setDaemon(true);
            stdin.start();
            copy(p.getInputStream(), out);
            int code;
            try {
                code = p.waitFor();
                stderr.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                code = 130;
            }
            running.decrementAndGet();
            exit.onExit(code);
        }

        private void copy(InputStream from, OutputStream to) {
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = from.read(buf)) > 0; ) {
                    synchronized (this) {
                        to.write(buf, 0, n);
                        to.flush();
                    }
                }
            } catch (IOException e) {
                // channel closed
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            Process p = process;
            if (p != null && p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }
}
