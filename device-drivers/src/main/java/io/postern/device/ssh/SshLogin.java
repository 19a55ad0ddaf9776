package io.postern.device.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.postern.device.ssh.SshCliException.Kind;

/**
 * The SSH client and login that both SSH drivers use ({@link SshCliConnector} for {@code ssh-cli},
 * {@link SshExecSessions} for {@code ssh-exec}), kept in one place so that they check host keys, present
 * credentials and keep sessions alive the same way. Owns one MINA {@link SshClient}: its I/O threads, the
 * keep-alive, the strict {@link HostKeyCheck}, no Nagle delay; nothing from the user's {@code ~/.ssh} (config,
 * identities, known_hosts) is read, each {@link SshTarget} says everything. The callers choose the time limits.
 *
 * <p>Thread-safe. {@link #close()} stops the client and with it every session it opened.
 */
final class SshLogin implements AutoCloseable {

    /**
     * A failed connect or authentication: how, and why in words that name the address (and for a login the user
     * and the credential kind) but never a secret.
     */
    static final class Failure extends Exception {
        private final Kind kind;
        private final String reason;

        Failure(Kind kind, String message) {
            this(kind, message, message);
        }

        private Failure(Kind kind, String message, String reason) {
            super(message, null, false, false);
            this.kind = kind;
            this.reason = reason;
        }

        /** {@code CONNECT}, {@code HOST_KEY}, {@code AUTH} (refused, or the key file unreadable) or {@code TIMEOUT}. */
        Kind kind() {
            return kind;
        }

        /** The message without the "login to ADDRESS as USER failed" part, for a caller that says it already. */
        String reason() {
            return reason;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SshLogin.class);
    private static final int KEEP_ALIVE_MISSES = 3;

    private final SshClient client;

    /**
     * @param keepAlive interval between SSH keep-alive requests; after {@value #KEEP_ALIVE_MISSES} unanswered
     *                  ones the session is closed
     */
    SshLogin(Duration keepAlive) {
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(new HostKeyCheck());
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, keepAlive);
        CoreModuleProperties.HEARTBEAT_REPLY_WAIT.set(client, keepAlive);
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, KEEP_ALIVE_MISSES);
        // short request/reply packets (one CLI line, channel open, exec): Nagle would hold each back ~40 ms
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        client.start();
    }

    /**
     * Opens the TCP connection; the host key is checked under {@code target}'s policy during the key exchange,
     * which {@link #authenticate} waits for, and what the check saw lands in {@code hostKey}.
     *
     * @throws Failure {@code CONNECT}: refused, unreachable, or not connected within {@code limit}
     */
    ClientSession connect(SshTarget target, HostKeyCheck.Outcome hostKey, Duration limit) throws Failure {
        AttributeRepository context = AttributeRepository.ofAttributesMap(Map.of(HostKeyCheck.POLICY,
                target.hostKeys(), HostKeyCheck.DEVICE, target.name(), HostKeyCheck.OUTCOME, hostKey));
        try {
            ConnectFuture future = client.connect(target.username(), target.host(), target.port(), context, null);
            if (!future.await(limit)) {
                future.cancel();
                throw new Failure(Kind.CONNECT, "no connection to " + target.address() + " within "
                        + limit.toMillis() + " ms");
            }
            if (future.getException() != null) {
                throw new Failure(Kind.CONNECT, "cannot connect to " + target.address() + ": "
                        + future.getException().getMessage());
            }
            return future.getSession();
        } catch (IOException e) {
            throw new Failure(Kind.CONNECT, "cannot connect to " + target.address() + ": " + e.getMessage());
        }
    }

    /**
     * Presents the target's password or key file and waits, at most {@code limit}, for the key exchange and the
     * authentication to succeed. The caller closes the session on failure.
     *
     * @throws Failure {@code HOST_KEY} (the message names the host and the presented fingerprint), {@code AUTH}
     *                 (credentials refused, or the key file unreadable) or {@code TIMEOUT}; the message says
     *                 which credential kind was tried
     */
    void authenticate(ClientSession session, SshTarget target, HostKeyCheck.Outcome hostKey, Duration limit)
            throws Failure {
        try {
            addIdentity(session, target);
        } catch (GeneralSecurityException | IOException e) {
            throw loginFailure(Kind.AUTH, target, "cannot read the key file (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
        String why;
        try {
            AuthFuture auth = session.auth();
            if (!auth.await(limit)) {
                why = null;
            } else if (auth.isSuccess()) {
                LOG.info("device={} logged in to {} as {} (host key {}, {})", target.name(), target.address(),
                        target.username(), hostKey.presented, target.hostKeys());
                return;
            } else {
                why = auth.getException() == null ? "refused" : auth.getException().getMessage();
            }
        } catch (IOException e) {
            why = e.getMessage();
        }
        if (hostKey.refusal != null) {
            throw new Failure(Kind.HOST_KEY, hostKey.refusal);
        }
        if (why == null) {
            throw loginFailure(Kind.TIMEOUT, target, "no answer within " + limit.toMillis() + " ms");
        }
        throw loginFailure(Kind.AUTH, target, why);
    }

    @Override
    public void close() {
        client.stop();
    }

    private static Failure loginFailure(Kind kind, SshTarget target, String why) {
        String credential = target.credentials() instanceof SshCredentials.Password ? "password" : "key file";
        return new Failure(kind, "login to " + target.address() + " as " + target.username() + " failed ("
                + credential + "): " + why, why + " (" + credential + ")");
    }

    private static void addIdentity(ClientSession session, SshTarget target)
            throws IOException, GeneralSecurityException {
        if (target.credentials() instanceof SshCredentials.Password p) {
            session.addPasswordIdentity(p.password().reveal());
            return;
        }
        SshCredentials.KeyFile key = (SshCredentials.KeyFile) target.credentials();
        FilePasswordProvider passphrase = key.passphrase() == null
                ? FilePasswordProvider.EMPTY : FilePasswordProvider.of(key.passphrase().reveal());
        try (InputStream in = Files.newInputStream(key.file())) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(session,
                    NamedResource.ofName(key.file().toString()), in, passphrase);
            if (pairs == null || !pairs.iterator().hasNext()) {
                throw new GeneralSecurityException("no key pair in " + key.file());
            }
            pairs.forEach(session::addPublicKeyIdentity);
        }
    }
}
