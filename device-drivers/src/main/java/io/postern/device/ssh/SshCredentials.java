package io.postern.device.ssh;

import java.nio.file.Path;
import java.util.Objects;

/** How a session authenticates: a password, or a private key file with an optional passphrase. */
public sealed interface SshCredentials {

    static SshCredentials password(Secret password) {
        return new Password(password);
    }

    /** An OpenSSH or PEM private key file; {@code passphrase} may be null for an unencrypted key. */
    static SshCredentials keyFile(Path file, Secret passphrase) {
        return new KeyFile(file, passphrase);
    }

    /** Password authentication; {@link #toString()} masks the password. */
    record Password(Secret password) implements SshCredentials {
        public Password {
            Objects.requireNonNull(password, "password");
        }
    }

    /** Public-key authentication from a key file; {@link #toString()} masks the passphrase. */
    record KeyFile(Path file, Secret passphrase) implements SshCredentials {
        public KeyFile {
            Objects.requireNonNull(file, "file");
        }
    }
}
