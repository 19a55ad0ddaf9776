package io.postern.device.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

/**
 * Opens authenticated {@link SshCliSession}s. Owns one MINA {@link SshClient} (its I/O threads, the
 * keep-alive timer and the host key check shared by all its sessions); nothing from the user's
 * {@code ~/.ssh} (config, identities, known_hosts) is read — each {@link SshDevice} says everything.
 *
 * <p>Thread-safe: sessions to different devices may be opened concurrently. {@link #close()} closes the client
 * and with it every session it opened.
 */
public final class SshCliConnector implements AutoCloseable {

    /** Default keep-alive interval (SSH global request every 30 s on an idle session). */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(SshCliConnector.class);
    private static final int KEEP_ALIVE_MISSES = 3;

    private final SshClient client;

    public SshCliConnector() {
        this(DEFAULT_KEEP_ALIVE);
    }

    /**
     * @param keepAlive interval between SSH keep-alive requests; after {@value #KEEP_ALIVE_MISSES} unanswered
     *                  ones the session is closed (and a pool reconnects on next use)
     */
    public SshCliConnector(Duration keepAlive) {
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(new HostKeyCheck());
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, keepAlive);
        CoreModuleProperties.HEARTBEAT_REPLY_WAIT.set(client, keepAlive);
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, KEEP_ALIVE_MISSES);
        // one short line per command: without this, Nagle holds each line back ~40 ms waiting for an ACK
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        client.start();
    }

    /**
     * Connects, checks the host key, authenticates, opens a PTY shell channel, waits for the first prompt, turns
     * the pager off and enables (when the device has an enable secret).
     *
     * <p>Time limit: {@link SshDevice#loginTimeout()} for the whole login, all stages together; the TCP connect is
     * also bounded by {@link SshDevice#connectTimeout()}. On any failure the connection is closed and nothing is
     * left open, and the exception names the address, the user, the stage that failed (see
     * {@link SshCliException#loginStage()}) and the time spent.
     *
     * @return a ready session in the privileged (or login) exec mode; the caller owns it and must close it
     * @throws SshCliException {@code CONNECT}, {@code HOST_KEY} (message names the host and the presented
     *                         fingerprint), {@code AUTH} (credentials or enable secret refused), {@code TIMEOUT}
     *                         or {@code DISCONNECTED}; {@link SshCliException#commandsSent()} is 0
     */
    public SshCliSession open(SshDevice device) throws SshCliException {
        SecretMasker masker = new SecretMasker(secretsOf(device));
        HostKeyCheck.Outcome hostKey = new HostKeyCheck.Outcome();
        LoginDeadline login = new LoginDeadline(device);
        ClientSession session = null;
        try {
            session = connect(device, hostKey, login);
            login.enter("authentication");
            authenticate(session, device, hostKey, login);
            return SshCliSession.start(session, device, masker, login);
        } catch (SshCliException e) {
            if (session != null) {
                session.close(true);
            }
            throw login.failed(e);
        }
    }

    @Override
    public void close() {
        client.stop();
    }

    private ClientSession connect(SshDevice device, HostKeyCheck.Outcome hostKey, LoginDeadline login)
            throws SshCliException {
        AttributeRepository context = AttributeRepository.ofAttributesMap(Map.of(HostKeyCheck.POLICY,
                device.hostKeys(), HostKeyCheck.DEVICE, device.name(), HostKeyCheck.OUTCOME, hostKey));
        Duration limit = login.remaining(device.connectTimeout());
        try {
            ConnectFuture future = client.connect(device.username(), device.host(), device.port(), context, null);
            if (!future.await(limit)) {
                future.cancel();
                throw SshCliException.of(SshCliException.Kind.CONNECT, device.name(),
                        "no connection within " + limit.toMillis() + " ms", null);
            }
            if (future.getException() != null) {
                throw SshCliException.of(SshCliException.Kind.CONNECT, device.name(),
                        "cannot connect: " + future.getException().getMessage(), future.getException());
            }
            return future.getSession();
        } catch (IOException e) {
            throw SshCliException.of(SshCliException.Kind.CONNECT, device.name(), "cannot connect: " + e.getMessage(),
                    e);
        }
    }

    private void authenticate(ClientSession session, SshDevice device, HostKeyCheck.Outcome hostKey,
            LoginDeadline login) throws SshCliException {
        addIdentity(session, device);
        Duration limit = login.remaining();
        Throwable failure;
        boolean answered;
        try {
            AuthFuture auth = session.auth();
            answered = auth.await(limit);
            if (answered && auth.isSuccess()) {
                LOG.info("device={} logged in to {}:{} as {} (host key {}, {})", device.name(), device.host(),
                        device.port(), device.username(), hostKey.presented, device.hostKeys());
                return;
            }
            failure = auth.getException();
        } catch (IOException e) {
            failure = e;
            answered = true;
        }
        String refusal = hostKey.refusal;
        if (refusal != null) {
            throw SshCliException.of(SshCliException.Kind.HOST_KEY, device.name(), refusal, null);
        }
        if (!answered) {
            throw SshCliException.of(SshCliException.Kind.TIMEOUT, device.name(), "no answer to key exchange and "
                    + "authentication (" + credentialKind(device) + ") within " + limit.toMillis() + " ms", null);
        }
        throw SshCliException.of(SshCliException.Kind.AUTH, device.name(), credentialKind(device) + " not accepted: "
                + (failure == null ? "refused" : failure.getMessage()), null);
    }

    private static void addIdentity(ClientSession session, SshDevice device) throws SshCliException {
        if (device.credentials() instanceof SshCredentials.Password p) {
            session.addPasswordIdentity(p.password().reveal());
            return;
        }
        SshCredentials.KeyFile key = (SshCredentials.KeyFile) device.credentials();
        FilePasswordProvider passphrase = key.passphrase() == null
                ? FilePasswordProvider.EMPTY : FilePasswordProvider.of(key.passphrase().reveal());
        try (InputStream in = Files.newInputStream(key.file())) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(session,
                    NamedResource.ofName(key.file().toString()), in, passphrase);
            if (pairs == null || !pairs.iterator().hasNext()) {
                throw new GeneralSecurityException("no key pair found");
            }
            pairs.forEach(session::addPublicKeyIdentity);
        } catch (IOException | GeneralSecurityException e) {
            throw SshCliException.of(SshCliException.Kind.AUTH, device.name(),
                    "cannot read key file " + key.file() + ": " + e.getClass().getSimpleName(), null);
        }
    }

    private static String credentialKind(SshDevice device) {
        return device.credentials() instanceof SshCredentials.Password ? "password" : "key file";
    }

    private static List<Secret> secretsOf(SshDevice device) {
        List<Secret> secrets = new ArrayList<>();
        secrets.add(device.enableSecret());
        if (device.credentials() instanceof SshCredentials.Password p) {
            secrets.add(p.password());
        } else if (device.credentials() instanceof SshCredentials.KeyFile k) {
            secrets.add(k.passphrase());
        }
        return secrets;
    }
}
