package io.postern.device.ssh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.sshd.client.session.ClientSession;

/**
 * Opens authenticated {@link SshCliSession}s. Owns one {@link SshLogin} (the MINA client, its I/O threads, the
 * keep-alive timer and the host key check shared by all its sessions); nothing from the user's {@code ~/.ssh}
 * (config, identities, known_hosts) is read — each {@link SshDevice} says everything.
 *
 * <p>Thread-safe: sessions to different devices may be opened concurrently. {@link #close()} closes the client
 * and with it every session it opened.
 */
public final class SshCliConnector implements AutoCloseable {

    /** Default keep-alive interval (SSH global request every 30 s on an idle session). */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);

    private final SshLogin ssh;

    public SshCliConnector() {
        this(DEFAULT_KEEP_ALIVE);
    }

    /**
     * @param keepAlive interval between SSH keep-alive requests; after three unanswered ones the session is closed
     *                  (and a pool reconnects on next use)
     */
    public SshCliConnector(Duration keepAlive) {
        ssh = new SshLogin(keepAlive);
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
        LoginDeadline deadline = new LoginDeadline(device);
        ClientSession session = null;
        try {
            session = ssh.connect(device, hostKey, deadline.remaining(device.connectTimeout()));
            deadline.enter("authentication");
            ssh.authenticate(session, device, hostKey, deadline.remaining());
            return SshCliSession.start(session, device, masker, deadline);
        } catch (SshLogin.Failure f) {
            closeIfOpened(session);
            throw deadline.failed(SshCliException.of(f.kind(), device.name(), f.reason(), null));
        } catch (SshCliException e) {
            closeIfOpened(session);
            throw deadline.failed(e);
        }
    }

    @Override
    public void close() {
        ssh.close();
    }

    private static void closeIfOpened(ClientSession session) {
        if (session != null) {
            session.close(true);
        }
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
