package io.postern.device.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateful Cisco-IOS-like router CLI served over SSH on 127.0.0.1, for {@code postern demo} and tests.
 *
 * <p>Login: password for the one configured user (and a public key when one is configured); then
 * {@code R1>}; {@code enable} asks {@code Password:} for the enable secret (three tries, then
 * {@code % Bad secrets}); {@code configure terminal}, {@code ip access-list extended NAME},
 * {@code [seq] permit|deny tcp|udp|ip SRC [eq P] DST [eq P]}, {@code no SEQ}, {@code no permit ...},
 * {@code exit}, {@code end}, {@code do ...}, {@code show access-lists [NAME]}, {@code show running-config},
 * {@code write memory}, {@code terminal length N}, {@code disable}, {@code exit}/{@code logout}. Keywords may be
 * abbreviated as on IOS. Unknown words answer {@code % Invalid input detected at '^' marker.} under a caret,
 * truncated commands {@code % Incomplete command.}. Re-adding an entry that is already present is silently
 * ignored; removing one that is absent succeeds silently (both as IOS does).
 *
 * <p>The configuration is per instance and shared by its sessions; every accessor is thread-safe. The host
 * key is generated per instance (EC P-256) unless {@link Builder#hostKeyFile(Path)} names a file, which is
 * loaded, or created once and then reused. {@link #close()} stops the server and releases the port.
 */
public final class SimulatedCiscoIos implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedCiscoIos.class);
    private static final String LOOPBACK = "127.0.0.1";

    private final Builder config;
    private final IosDeviceState state = new IosDeviceState();
    private final SimulatedFaults faults = new SimulatedFaults();
    private final AtomicInteger sessionsOpened = new AtomicInteger();
    private final AtomicInteger commands = new AtomicInteger();
    private final KeyPair hostKey;
    private SshServer server;

    private SimulatedCiscoIos(Builder config) {
        this.config = config;
        this.hostKey = loadOrCreateHostKey(config.hostKeyFile);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts listening; returns this for chaining. Throws when the port cannot be bound. */
    public synchronized SimulatedCiscoIos start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost(LOOPBACK);
        sshd.setPort(config.port);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        sshd.setPasswordAuthenticator((user, password, session) -> !faults.refusesLogin()
                && config.username.equals(user) && sameSecret(password, config.password));
        PublicKey authorized = config.authorizedKey;
        sshd.setPublickeyAuthenticator(authorized == null ? null : (user, key, session) -> !faults.refusesLogin()
                && config.username.equals(user) && KeyUtils.compareKeys(authorized, key));
        sshd.setShellFactory(channel -> new IosShell(
                new IosCli(config.hostname, config.enableSecret, state, faults), faults, commands));
        sshd.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sessionsOpened.incrementAndGet();
            }
        });
        sshd.start();
        server = sshd;
        LOG.info("simulated cisco-ios {} listening on {}:{} host key {}", config.hostname, LOOPBACK, port(),
                hostKeyFingerprint());
        return this;
    }

    /** The bound port (the OS-chosen one when built with port 0). */
    public synchronized int port() {
        requireStarted();
        return server.getPort();
    }

    /** Always {@code 127.0.0.1}. */
    public String host() {
        return LOOPBACK;
    }

    public String hostname() {
        return config.hostname;
    }

    public PublicKey hostKey() {
        return hostKey.getPublic();
    }

    /** The host key's fingerprint as {@code ssh-keygen -lf} prints it: {@code SHA256:<base64, unpadded>}. */
    public String hostKeyFingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey.getPublic());
    }

    /** A known_hosts line for this device: {@code [127.0.0.1]:PORT ecdsa-sha2-nistp256 AAAA...}. */
    public String knownHostsLine() {
        return "[" + LOOPBACK + "]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** The live fault hooks of this device. */
    public SimulatedFaults faults() {
        return faults;
    }

    /** The entries of an ACL as {@code show access-lists} prints them ({@code "10 permit tcp ..."}), or empty. */
    public List<String> accessList(String name) {
        return state.entries(name);
    }

    public boolean hasAccessList(String name) {
        return state.hasAcl(name);
    }

    public List<String> accessListNames() {
        return state.aclNames();
    }

    /** Forgets every ACL. */
    public void clearConfig() {
        state.clear();
    }

    /** SSH sessions accepted since start (authenticated or not). */
    public int sessionsOpened() {
        return sessionsOpened.get();
    }

    /** SSH sessions open now. */
    public synchronized int activeSessions() {
        return server == null ? 0 : server.getActiveSessions().size();
    }

    /** Non-empty command lines received since start (enable secrets not counted). */
    public int commandsReceived() {
        return commands.get();
    }

    /** Closes every open SSH session now, as a reboot or a network cut would. */
    public synchronized void disconnectAll() {
        if (server != null) {
            server.getActiveSessions().forEach(s -> s.close(true));
        }
    }

    /** Stops the server and releases the port; idempotent. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        try {
            server.stop(true);
        } catch (IOException e) {
            LOG.warn("simulated cisco-ios {} did not stop cleanly: {}", config.hostname, e.toString());
        } finally {
            server = null;
        }
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
    }

    private static boolean sameSecret(String typed, char[] expected) {
        return typed != null && MessageDigest.isEqual(typed.getBytes(StandardCharsets.UTF_8),
                new String(expected).getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair loadOrCreateHostKey(Path file) {
        try {
            if (file != null && Files.exists(file)) {
                Iterator<KeyPair> keys = new FileKeyPairProvider(file).loadKeys(null).iterator();
                if (!keys.hasNext()) {
                    throw new IllegalArgumentException("no key pair in host key file " + file);
                }
                return keys.next();
            }
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = gen.generateKeyPair();
            if (file != null) {
                try (OutputStream out = Files.newOutputStream(file)) {
                    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "postern-sim", null, out);
                }
            }
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException("host key file " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a host key: " + e.getMessage(), e);
        }
    }

    /** Settings of a {@link SimulatedCiscoIos}; defaults: hostname {@code R1}, user {@code admin}, port 0. */
    public static final class Builder {
        private String hostname = "R1";
        private String username = "admin";
        private char[] password = "admin".toCharArray();
        private char[] enableSecret;
        private PublicKey authorizedKey;
        private Path hostKeyFile;
        private int port;

        private Builder() {
        }

        public Builder hostname(String hostname) {
            if (!hostname.matches("[A-Za-z][A-Za-z0-9_.\\-]{0,62}")) {
                throw new IllegalArgumentException("bad hostname: " + hostname);
            }
            this.hostname = hostname;
            return this;
        }

        public Builder username(String username) {
            this.username = Objects.requireNonNull(username, "username");
            return this;
        }

        public Builder password(char[] password) {
            this.password = password.clone();
            return this;
        }

        /** The secret {@code enable} asks for; without one, {@code enable} needs no password. */
        public Builder enableSecret(char[] secret) {
            this.enableSecret = secret == null ? null : secret.clone();
            return this;
        }

        /** Also accept public-key login for the user with this key. */
        public Builder authorizedKey(PublicKey key) {
            this.authorizedKey = key;
            return this;
        }

        /** Load the host key from this OpenSSH private key file, or create it there on first use. */
        public Builder hostKeyFile(Path file) {
            this.hostKeyFile = file;
            return this;
        }

        /** The port to listen on; 0 (the default) lets the OS choose, see {@link #port()}. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("bad port: " + port);
            }
            this.port = port;
            return this;
        }

        public SimulatedCiscoIos build() {
            return new SimulatedCiscoIos(this);
        }
    }
}
