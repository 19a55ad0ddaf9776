package io.postern.device.ssh;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to log in to one ssh-cli device. {@link #toString()} masks every secret. Immutable.
 *
 * @param name           inventory name, used as {@code device=<name>} in logs and errors
 * @param host           address or name to connect to
 * @param port           SSH port
 * @param username       login user
 * @param credentials    password or key file
 * @param enableSecret   the enable secret, or null to stay in the login mode
 * @param hostKeys       how the server key is checked
 * @param profile        the CLI's prompts, commands and error patterns
 * @param connectTimeout limit for the TCP connect (which also counts against {@code loginTimeout})
 * @param loginTimeout   limit for the whole login, all stages together: connect, key exchange, authentication,
 *                       shell channel, first prompt, pager-off, enable
 */
public record SshDevice(String name, String host, int port, String username, SshCredentials credentials,
        Secret enableSecret, HostKeyPolicy hostKeys, CliProfile profile, Duration connectTimeout,
        Duration loginTimeout) {

    public SshDevice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(hostKeys, "hostKeys (known_hosts, pinned fingerprint or insecure-accept-any)");
        Objects.requireNonNull(profile, "profile");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("device " + name + ": port " + port + " (expected: 1-65535)");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(loginTimeout, "loginTimeout");
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }

    /** Builder with defaults: port 22, profile cisco-ios, connect 10 s, login 15 s. */
    public static final class Builder {
        private final String name;
        private String host;
        private int port = 22;
        private String username;
        private SshCredentials credentials;
        private Secret enableSecret;
        private HostKeyPolicy hostKeys;
        private CliProfile profile = CliProfile.CISCO_IOS;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration loginTimeout = Duration.ofSeconds(15);

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

        public Builder password(Secret password) {
            this.credentials = SshCredentials.password(password);
            return this;
        }

        public Builder credentials(SshCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder enableSecret(Secret secret) {
            this.enableSecret = secret;
            return this;
        }

        public Builder hostKeys(HostKeyPolicy policy) {
            this.hostKeys = policy;
            return this;
        }

        public Builder profile(CliProfile profile) {
            this.profile = profile;
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

        public SshDevice build() {
            return new SshDevice(name, host, port, username, credentials, enableSecret, hostKeys, profile,
                    connectTimeout, loginTimeout);
        }
    }
}
