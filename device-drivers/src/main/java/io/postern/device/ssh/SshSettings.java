package io.postern.device.ssh;

import io.postern.device.DeviceSpec;
import io.postern.device.Durations;
import io.postern.spa.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Inventory settings shared by the SSH drivers ({@code ssh-cli}, {@code ssh-exec}): address and port, user,
 * credentials, host key policy, durations and small typed values. Every failure is a {@link ConfigException}
 * naming the device and the setting; secret values never appear in a message (only the variable or file that
 * holds them). Stateless.
 */
final class SshSettings {

    private SshSettings() {
    }

    /**
     * Sets what both SSH drivers read the same way: {@code address}, {@code port}, {@code user}, the credentials,
     * {@code host_key}, {@code connect_timeout} (10s) and {@code login_timeout} (15s).
     */
    static <B extends SshTarget.Builder<B>> B target(DeviceSpec spec, B builder) throws ConfigException {
        return builder.address(address(spec), port(spec)).username(required(spec, "user"))
                .credentials(credentials(spec)).hostKeys(hostKeys(spec))
                .connectTimeout(duration(spec, "connect_timeout", Duration.ofSeconds(10)))
                .loginTimeout(duration(spec, "login_timeout", Duration.ofSeconds(15)));
    }

    /** The device a builder makes, a refusal of its checks being a {@link ConfigException} naming the device. */
    static <T> T build(DeviceSpec spec, Supplier<T> build) throws ConfigException {
        try {
            return build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigException(null, 0, "device " + spec.name() + ": " + e.getMessage());
        }
    }

    /** {@code address} (or {@code host}); required. */
    static String address(DeviceSpec spec) throws ConfigException {
        String host = spec.setting("address", spec.setting("host", null));
        if (host == null || host.isBlank()) {
            throw new ConfigException(null, 0, "device " + spec.name() + ": missing setting 'address'");
        }
        return host;
    }

    /** {@code port}, 1..65535, default 22. */
    static int port(DeviceSpec spec) throws ConfigException {
        return intSetting(spec, "port", 22, 1, 65535);
    }

    /** An integer setting within {@code [min, max]}, or {@code fallback} when absent. */
    static int intSetting(DeviceSpec spec, String key, int fallback, int min, int max) throws ConfigException {
        String p = spec.setting(key, null);
        if (p == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(p);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw bad(spec, key, p, min + ".." + max);
    }

    /** A boolean setting ({@code true}/{@code false}, also yes/no), or {@code fallback} when absent. */
    static boolean boolSetting(DeviceSpec spec, String key, boolean fallback) throws ConfigException {
        String v = spec.setting(key, null);
        if (v == null) {
            return fallback;
        }
        return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw bad(spec, key, v, "true or false");
        };
    }

    /** {@code key_file} (+ {@code key_passphrase_env} / {@code _file}), else {@code password_env} / {@code _file}. */
    static SshCredentials credentials(DeviceSpec spec) throws ConfigException {
        String keyFile = spec.setting("key_file", null);
        if (keyFile != null) {
            return SshCredentials.keyFile(Path.of(keyFile), secret(spec, "key_passphrase_env", "key_passphrase_file"));
        }
        Secret password = secret(spec, "password_env", "password_file");
        if (password == null) {
            throw new ConfigException(null, 0, "device " + spec.name()
                    + ": no credentials (expected: password_env, password_file or key_file)");
        }
        return SshCredentials.password(password);
    }

    /** A secret from the environment variable named by {@code envKey} or the file named by {@code fileKey}; null when neither is set. */
    static Secret secret(DeviceSpec spec, String envKey, String fileKey) throws ConfigException {
        String env = spec.setting(envKey, null);
        if (env != null) {
            if (System.getenv(env) == null) {
                throw new ConfigException(null, 0, "device " + spec.name() + ": " + envKey + ": environment variable "
                        + env + " is not set");
            }
            return Secret.fromEnv(env);
        }
        String file = spec.setting(fileKey, null);
        if (file != null) {
            try {
                return Secret.fromFile(Path.of(file));
            } catch (IOException e) {
                throw new ConfigException(null, 0, "device " + spec.name() + ": " + fileKey + ": cannot read " + file
                        + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        return null;
    }

    /** {@code host_key}: a known_hosts path, {@code SHA256:...} or {@code insecure-accept-any}; required. */
    static HostKeyPolicy hostKeys(DeviceSpec spec) throws ConfigException {
        String hostKey = required(spec, "host_key");
        try {
            return HostKeyPolicy.parse(hostKey);
        } catch (IllegalArgumentException e) {
            throw bad(spec, "host_key", hostKey, "a known_hosts path, SHA256:<fingerprint> or insecure-accept-any");
        }
    }

    /** A duration setting ({@code 10s}, {@code 500ms}, {@code 2m}), or {@code fallback} when absent. */
    static Duration duration(DeviceSpec spec, String key, Duration fallback) throws ConfigException {
        String v = spec.setting(key, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Durations.parse(v.trim());
        } catch (IllegalArgumentException e) {
            throw bad(spec, key, v, Durations.EXPECTED);
        }
    }

    /** A non-blank setting. */
    static String required(DeviceSpec spec, String key) throws ConfigException {
        String v = spec.setting(key, null);
        if (v == null || v.isBlank()) {
            throw new ConfigException(null, 0, "device " + spec.name() + ": missing setting '" + key + "'");
        }
        return v;
    }

    static ConfigException bad(DeviceSpec spec, String key, String value, String expected) {
        return new ConfigException(null, 0, "device " + spec.name() + " " + key, value, expected);
    }
}
