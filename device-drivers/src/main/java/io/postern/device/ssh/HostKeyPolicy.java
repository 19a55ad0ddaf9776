package io.postern.device.ssh;

import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Objects;
import java.util.regex.Pattern;

import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * How a device's SSH host key is checked: against a known_hosts file, against a pinned SHA-256 fingerprint,
 * or (only when chosen explicitly, e.g. {@code host_key: insecure-accept-any} in the inventory) not at all,
 * with a WARN on every connect. Policies are equal when they check the same way (same file, same pin). An unknown or mismatched key ends the connection before authentication, with
 * an error naming the host and the presented fingerprint. Instances are immutable and thread-safe.
 */
public abstract sealed class HostKeyPolicy {

    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}=?");

    private HostKeyPolicy() {
    }

    /**
     * Keys listed in an OpenSSH known_hosts file (hashed names and {@code [host]:port} entries included). An
     * unknown host or a changed key is refused; the file is never written to.
     */
    public static HostKeyPolicy knownHosts(Path file) {
        return new KnownHosts(file);
    }

    /** The key whose fingerprint is exactly this, as {@code ssh-keygen -lf} prints it: {@code SHA256:base64}. */
    public static HostKeyPolicy pinned(String sha256Fingerprint) {
        return new Pinned(sha256Fingerprint);
    }

    /** Any key. For labs only; every connect logs a WARN with the presented fingerprint. */
    public static HostKeyPolicy insecureAcceptAny() {
        return InsecureAcceptAny.INSTANCE;
    }

    /**
     * Parses an inventory value: {@code insecure-accept-any}, {@code SHA256:...} (a pin), or a known_hosts path
     * (optionally prefixed {@code known-hosts:}).
     */
    public static HostKeyPolicy parse(String spec) {
        String s = spec.strip();
        if (s.equals("insecure-accept-any")) {
            return insecureAcceptAny();
        }
        if (s.startsWith("SHA256:")) {
            return pinned(s);
        }
        return knownHosts(Path.of(s.startsWith("known-hosts:") ? s.substring("known-hosts:".length()) : s));
    }

    /** The SHA-256 fingerprint of a key, {@code SHA256:} plus unpadded base64. */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    /** True when the key is acceptable for the server at {@code remote}. */
    abstract boolean accepts(ClientSession session, SocketAddress remote, PublicKey key);

    /** True for {@link #insecureAcceptAny()}. */
    public boolean isInsecure() {
        return false;
    }

    /** A short description for logs and errors, e.g. {@code pinned SHA256:...}. */
    @Override
    public abstract String toString();

    private static final class KnownHosts extends HostKeyPolicy {
        private final Path file;
        private final KnownHostsServerKeyVerifier verifier;

        KnownHosts(Path file) {
            this.file = Objects.requireNonNull(file, "known_hosts file");
            this.verifier = new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, file);
        }

        @Override
        boolean accepts(ClientSession session, SocketAddress remote, PublicKey key) {
            return verifier.verifyServerKey(session, remote, key);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KnownHosts k && k.file.equals(file);
        }

        @Override
        public int hashCode() {
            return file.hashCode();
        }

        @Override
        public String toString() {
            return "known_hosts " + file;
        }
    }

    private static final class Pinned extends HostKeyPolicy {
        private final String fingerprint;

        Pinned(String fingerprint) {
            String f = Objects.requireNonNull(fingerprint, "fingerprint").strip();
            if (!FINGERPRINT.matcher(f).matches()) {
                throw new IllegalArgumentException("host key pin '" + f
                        + "' (expected: SHA256:<43 base64 characters>, as ssh-keygen -lf prints it)");
            }
            this.fingerprint = f.endsWith("=") ? f.substring(0, f.length() - 1) : f;
        }

        @Override
        boolean accepts(ClientSession session, SocketAddress remote, PublicKey key) {
            return fingerprint.equals(fingerprint(key));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Pinned p && p.fingerprint.equals(fingerprint);
        }

        @Override
        public int hashCode() {
            return fingerprint.hashCode();
        }

        @Override
        public String toString() {
            return "pinned " + fingerprint;
        }
    }

    private static final class InsecureAcceptAny extends HostKeyPolicy {
        static final InsecureAcceptAny INSTANCE = new InsecureAcceptAny();

        @Override
        boolean accepts(ClientSession session, SocketAddress remote, PublicKey key) {
            return true;
        }

        @Override
        public boolean isInsecure() {
            return true;
        }

        @Override
        public String toString() {
            return "insecure-accept-any";
        }
    }
}
