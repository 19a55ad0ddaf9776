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
        Duration loginTimeout) implements SshTarget {

    public SshDevice {
        SshTarget.check(name, host, port, username, credentials, hostKeys, connectTimeout, loginTimeout);
        Objects.requireNonNull(profile, "profile");
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builder with defaults: port 22, profile cisco-ios, connect 10 s, login 15 s. */
    public static final class Builder extends SshTarget.Builder<Builder> {
        private Secret enableSecret;
        private CliProfile profile = CliProfile.CISCO_IOS;

        private Builder(String name) {
            super(name);
        }

        public Builder password(Secret password) {
            return credentials(SshCredentials.password(password));
        }

        public Builder enableSecret(Secret secret) {
            this.enableSecret = secret;
            return this;
        }

        public Builder profile(CliProfile profile) {
            this.profile = profile;
            return this;
        }

        public SshDevice build() {
            return new SshDevice(name, host, port, username, credentials, enableSecret, hostKeys, profile,
                    connectTimeout, loginTimeout);
        }
    }
}
