package io.postern.orchestrator.inventory;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a device's SSH host key is checked, as the inventory's {@code host_key} says: {@code known_hosts:/path}
 * (an OpenSSH known_hosts file; {@code known-hosts:} is accepted too), a pinned {@code SHA256:...} fingerprint as
 * {@code ssh-keygen -lf} prints it, or {@code insecure-accept-any} (labs only; a load warning).
 *
 * @param kind  the check
 * @param value the known_hosts path (absolute) or the fingerprint; {@code insecure-accept-any} otherwise
 */
public record HostKeySpec(Kind kind, String value) {

    /** The kinds of check. */
    public enum Kind {
        KNOWN_HOSTS, PINNED, INSECURE_ACCEPT_ANY
    }

    /** The expectation printed in errors. */
    public static final String EXPECTED = "known_hosts:/path, a pinned SHA256:<43 base64 characters> "
            + "fingerprint (ssh-keygen -lf), or insecure-accept-any";

    private static final Pattern PIN = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}=?");
    private static final String INSECURE = "insecure-accept-any";

    public HostKeySpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses an inventory value; a relative known_hosts path is resolved against {@code baseDir}.
     *
     * @throws IllegalArgumentException with {@link #EXPECTED} as message
     */
    public static HostKeySpec parse(String text, Path baseDir) {
        if (text.equals(INSECURE)) {
            return new HostKeySpec(Kind.INSECURE_ACCEPT_ANY, INSECURE);
        }
        if (PIN.matcher(text).matches()) {
            return new HostKeySpec(Kind.PINNED, text.endsWith("=") ? text.substring(0, text.length() - 1) : text);
        }
        for (String prefix : new String[] {"known_hosts:", "known-hosts:"}) {
            if (text.startsWith(prefix) && text.length() > prefix.length()) {
                Path p = baseDir.resolve(text.substring(prefix.length())).normalize();
                return new HostKeySpec(Kind.KNOWN_HOSTS, p.toString());
            }
        }
        throw new IllegalArgumentException(EXPECTED);
    }

    /** Whether any key is accepted. */
    public boolean isInsecure() {
        return kind == Kind.INSECURE_ACCEPT_ANY;
    }

    /** The form {@code io.postern.device.ssh.HostKeyPolicy.parse} reads. */
    public String policySpec() {
        return kind == Kind.KNOWN_HOSTS ? "known-hosts:" + value : value;
    }

    @Override
    public String toString() {
        return kind == Kind.KNOWN_HOSTS ? "known_hosts:" + value : value;
    }
}
