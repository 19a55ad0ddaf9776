package io.postern.device.ssh;

import java.time.Duration;

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
        int maxChannels) implements SshTarget {

    public SshExecDevice {
        SshTarget.check(name, host, port, username, credentials, hostKeys, connectTimeout, loginTimeout);
        if (maxOutputBytes < 1 || maxChannels < 1) {
            throw new IllegalArgumentException("device " + name + ": maxOutputBytes and maxChannels must be positive");
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builder with defaults: port 22, connect 10 s, login 15 s, no sudo, 64 KiB of output, 4 channels. */
    public static final class Builder extends SshTarget.Builder<Builder> {
        private boolean sudo;
        private int maxOutputBytes = 64 * 1024;
        private int maxChannels = 4;

        private Builder(String name) {
            super(name);
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
