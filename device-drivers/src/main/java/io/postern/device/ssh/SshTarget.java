package io.postern.device.ssh;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to log in to one SSH device: the settings both SSH drivers share ({@link SshDevice} for
 * {@code ssh-cli}, {@link SshExecDevice} for {@code ssh-exec}, each adding its own), what {@link SshLogin} needs,
 * their checks in one place ({@link #check}) and a builder base with the shared setters and defaults.
 */
public interface SshTarget {

    /** Inventory name, used as {@code device=<name>} in logs and errors. */
    String name();

    /** Address or name to connect to. */
    String host();

    /** SSH port. */
    int port();

    /** Login user. */
    String username();

    /** Password or key file. */
    SshCredentials credentials();

    /** How the server key is checked. */
    HostKeyPolicy hostKeys();

    /** Limit for the TCP connect. */
    Duration connectTimeout();

    /** Limit for the login (what it covers depends on the driver). */
    Duration loginTimeout();

    /** {@code host:port}, as messages show it. */
    default String address() {
        return host() + ":" + port();
    }

    /** The checks of the shared settings, for the records' constructors. */
    static void check(String name, String host, int port, String username, SshCredentials credentials,
            HostKeyPolicy hostKeys, Duration connectTimeout, Duration loginTimeout) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(hostKeys, "hostKeys (known_hosts, pinned fingerprint or insecure-accept-any)");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("device " + name + ": port " + port + " (expected: 1-65535)");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(loginTimeout, "loginTimeout");
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }

    /**
     * The setters of the shared settings, with their defaults: port 22, connect 10 s, login 15 s.
     *
     * @param <B> the concrete builder, returned by every setter
     */
    abstract class Builder<B extends Builder<B>> {
        protected final String name;
        protected String host;
        protected int port = 22;
        protected String username;
        protected SshCredentials credentials;
        protected HostKeyPolicy hostKeys;
        protected Duration connectTimeout = Duration.ofSeconds(10);
        protected Duration loginTimeout = Duration.ofSeconds(15);

        protected Builder(String name) {
            this.name = name;
        }

        public B address(String host, int port) {
            this.host = host;
            this.port = port;
            return self();
        }

        public B username(String username) {
            this.username = username;
            return self();
        }

        public B credentials(SshCredentials credentials) {
            this.credentials = credentials;
            return self();
        }

        public B hostKeys(HostKeyPolicy policy) {
            this.hostKeys = policy;
            return self();
        }

        public B connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return self();
        }

        public B loginTimeout(Duration timeout) {
            this.loginTimeout = timeout;
            return self();
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }
    }
}
