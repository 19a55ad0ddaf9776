package io.postern.device.ssh;

import io.postern.device.DeviceDriver;
import io.postern.device.DeviceSpec;
import io.postern.device.DriverFactory;
import io.postern.device.Durations;
import io.postern.spa.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Builds {@code ssh-cli} drivers from inventory settings. All drivers of the process share one
 * {@link SshSessionPool}, so each device keeps one authenticated session that grants reuse.
 *
 * <p>Settings: {@code address} (or {@code host}), {@code port} (22), {@code user}; {@code password_env} / {@code password_file}
 * or {@code key_file} (+ {@code key_passphrase_env}); {@code enable_secret_env} / {@code enable_secret_file};
 * {@code host_key} (a known_hosts path, {@code SHA256:...}, or {@code insecure-accept-any}; required);
 * {@code profile} ({@code cisco-ios}, {@code cisco-asa}, {@code generic} with {@code prompt} and
 * {@code errors} regexes separated by {@code ||}); {@code connect_timeout}, {@code login_timeout}
 * ({@code 10s}, {@code 500ms}, {@code 2m}). Secrets are read from the environment or the file when the
 * driver is created, and never appear in messages.
 */
public final class SshCliDriverFactory implements DriverFactory {

    private static final SshSessionPool SHARED_POOL = new SshSessionPool();

    @Override
    public String name() {
        return "ssh-cli";
    }

    @Override
    public DeviceDriver create(DeviceSpec spec) throws ConfigException {
        return new SshCliDriver(device(spec), SHARED_POOL);
    }

    /** The typed device a spec describes. */
    public static SshDevice device(DeviceSpec spec) throws ConfigException {
        String name = spec.name();
        String host = spec.setting("address", spec.setting("host", null));
        if (host == null || host.isBlank()) {
            throw new ConfigException(null, 0, "device " + name + ": missing setting 'address'");
        }
        int port = port(spec);
        SshDevice.Builder b = SshDevice.builder(name).address(host, port).username(required(spec, "user"));
        b.credentials(credentials(spec));
        Secret enable = secret(spec, "enable_secret_env", "enable_secret_file");
        if (enable != null) {
            b.enableSecret(enable);
        }
        String hostKey = required(spec, "host_key");
        try {
            b.hostKeys(HostKeyPolicy.parse(hostKey));
        } catch (IllegalArgumentException e) {
            throw bad(spec, "host_key", hostKey, "a known_hosts path, SHA256:<fingerprint> or insecure-accept-any");
        }
        b.profile(profile(spec));
        b.connectTimeout(duration(spec, "connect_timeout", Duration.ofSeconds(10)));
        b.loginTimeout(duration(spec, "login_timeout", Duration.ofSeconds(15)));
        try {
            return b.build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigException(null, 0, "device " + name + ": " + e.getMessage());
        }
    }

    private static SshCredentials credentials(DeviceSpec spec) throws ConfigException {
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

    private static Secret secret(DeviceSpec spec, String envKey, String fileKey) throws ConfigException {
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

    private static CliProfile profile(DeviceSpec spec) throws ConfigException {
        String p = spec.setting("profile", "cisco-ios");
        if (p.equals("generic")) {
            String prompt = required(spec, "prompt");
            List<String> errors = Arrays.asList(spec.setting("errors", "^ERROR:||^% ").split("\\|\\|"));
            try {
                return CliProfile.generic(prompt, errors);
            } catch (RuntimeException e) {
                throw bad(spec, "prompt", prompt, "a regular expression");
            }
        }
        try {
            return CliProfile.builtin(p);
        } catch (IllegalArgumentException e) {
            throw bad(spec, "profile", p, "cisco-ios, cisco-asa or generic");
        }
    }

    private static int port(DeviceSpec spec) throws ConfigException {
        String p = spec.setting("port", "22");
        try {
            int v = Integer.parseInt(p);
            if (v >= 1 && v <= 65535) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw bad(spec, "port", p, "1..65535");
    }

    private static Duration duration(DeviceSpec spec, String key, Duration fallback) throws ConfigException {
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

    private static String required(DeviceSpec spec, String key) throws ConfigException {
        String v = spec.setting(key, null);
        if (v == null || v.isBlank()) {
            throw new ConfigException(null, 0, "device " + spec.name() + ": missing setting '" + key + "'");
        }
        return v;
    }

    private static ConfigException bad(DeviceSpec spec, String key, String value, String expected) {
        return new ConfigException(null, 0, "device " + spec.name() + " " + key, value, expected);
    }
}
