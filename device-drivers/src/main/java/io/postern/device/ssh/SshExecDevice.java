package io.postern.device.ssh;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to log in to one {@code ssh-exec} device, and how to run its commands. {@link #toString()} masks
 * every secret (through {@link Secret}). Immutable.
 *
 * @param name           inventory name, used as {@code device=<name>} in logs and errors
 * @param host           address or name to connect to
 * @param port           SSH port
 * @param username       login user
 * @param credentials    password or key file
 * @param hostKeys       how the server key is checked
 * @param connectTimeout limit for the TCP connect
 * @param loginTimeout   limit for key exchange plus authentication
 * @param sudo           whether each command runs as {@code sudo -n -- <argv>}
 * @param maxOutputBytes bytes of standard output plus error kept per step; the rest is dropped with a note
 * @param maxChannels    exec channels open at once on the device's session (OpenSSH's {@code MaxSessions}
 *                       defaults to 10); further steps wait, within their own time limit
 */
public record SshExecDevice(String name, String host, int port, String username, SshCredentials credentials,
        HostKeyPolicy hostKeys, Duration connectTimeout, Duration loginTimeout, boolean sudo, int maxOutputBytes,
        int maxChannels) {

    public SshExecDevice {
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
        if (maxOutputBytes < 1 || maxChannels < 1) {
            throw new IllegalArgumentException("device " + name + ": maxOutputBytes and maxChannels must be positive");
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }

    /** Builder with defaults: port 22, connect 10 s, login 15 s, no sudo, 64 KiB of output, 4 channels. */
    public static final class Builder {
        private final String name;
        private String host;
        private int port = 22;
        private String username;
        private SshCredentials credentials;
        private HostKeyPolicy hostKeys;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration loginTimeout = Duration.ofSeconds(15);
        private boolean sudo;
        private int maxOutputBytes = 64 * 1024;
        private int maxChannels = 4;

        private Builder(String name) {
            this.name = name;
        }

        public Builder address(String host, int port) {
            this.host = host;
            this.port = port;
            return this;
        }

        public Builder username(String username) {
            this.username = username;
            return this;
        }

        public Builder credentials(SshCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder hostKeys(HostKeyPolicy policy) {
            this.hostKeys = policy;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder loginTimeout(Duration timeout) {
            this.loginTimeout = timeout;
            return this;
        }

        public Builder sudo(boolean sudo) {
            this.sudo = sudo;
            return this;
        }

        public Builder maxOutputBytes(int bytes) {
            this.maxOutputBytes = bytes;
            return this;
        }

        public Builder maxChannels(int channels) {
            this.maxChannels = channels;
            return this;
        }

        public SshExecDevice build() {
            return new SshExecDevice(name, host, port, username, credentials, hostKeys, connectTimeout, loginTimeout,
                    sudo, maxOutputBytes, maxChannels);
        }
    }
}
