package io.postern.device.ssh;

import io.postern.device.DeviceDriver;
import io.postern.device.DeviceSpec;
import io.postern.device.DriverFactory;
import io.postern.spa.config.ConfigException;
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
 * {@code errors} regexes separated by {@code ||}); {@code connect_timeout} (10s), {@code login_timeout} (15s, for the
 * whole login: connect, authentication, first prompt, pager-off, enable) ({@code 10s}, {@code 500ms}, {@code 2m}).
 * Each command after login has the step's own limit ({@code command_timeout}). Secrets are read from the environment or the file when the
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
        SshDevice.Builder b = SshSettings.target(spec, SshDevice.builder(spec.name()));
        Secret enable = SshSettings.secret(spec, "enable_secret_env", "enable_secret_file");
        if (enable != null) {
            b.enableSecret(enable);
        }
        b.profile(profile(spec));
        return SshSettings.build(spec, b::build);
    }

    private static CliProfile profile(DeviceSpec spec) throws ConfigException {
        String p = spec.setting("profile", "cisco-ios");
        if (p.equals("generic")) {
            String prompt = SshSettings.required(spec, "prompt");
            List<String> errors = Arrays.asList(spec.setting("errors", "^ERROR:||^% ").split("\\|\\|"));
            try {
                return CliProfile.generic(prompt, errors);
            } catch (RuntimeException e) {
                throw SshSettings.bad(spec, "prompt", prompt, "a regular expression");
            }
        }
        try {
            return CliProfile.builtin(p);
        } catch (IllegalArgumentException e) {
            throw SshSettings.bad(spec, "profile", p, "cisco-ios, cisco-asa or generic");
        }
    }
}
