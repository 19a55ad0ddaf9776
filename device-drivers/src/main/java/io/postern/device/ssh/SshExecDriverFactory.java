package io.postern.device.ssh;

import io.postern.device.DeviceDriver;
import io.postern.device.DeviceSpec;
import io.postern.device.DriverFactory;
import io.postern.spa.config.ConfigException;

/**
 * Builds {@code ssh-exec} drivers from inventory settings. All drivers of the process share one
 * {@link SshExecSessions}, so each device keeps one authenticated session whose exec channels grants reuse.
 *
 * <p>Settings, as for {@code ssh-cli}: {@code address} (or {@code host}), {@code port} (22), {@code user};
 * {@code password_env} / {@code password_file} or {@code key_file} (+ {@code key_passphrase_env} /
 * {@code key_passphrase_file}); {@code host_key} (a known_hosts path, {@code SHA256:...}, or
 * {@code insecure-accept-any}; required); {@code connect_timeout} (10s), {@code login_timeout} (15s). Own settings:
 * {@code sudo} ({@code true}: every command runs as {@code sudo -n -- <argv>}; default false),
 * {@code max_output_bytes} (65536) and {@code max_channels} (exec channels at once per device, 4). Secrets are read
 * when the driver is created and never appear in messages. Stateless and thread-safe.
 */
public final class SshExecDriverFactory implements DriverFactory {

    @Override
    public String name() {
        return "ssh-exec";
    }

    @Override
    public DeviceDriver create(DeviceSpec spec) throws ConfigException {
        return new SshExecDriver(device(spec), Shared.SESSIONS);
    }

    /** The typed device a spec describes. */
    public static SshExecDevice device(DeviceSpec spec) throws ConfigException {
        SshExecDevice.Builder b = SshSettings.target(spec, SshExecDevice.builder(spec.name()))
                .sudo(SshSettings.boolSetting(spec, "sudo", false))
                .maxOutputBytes(SshSettings.intSetting(spec, "max_output_bytes", 64 * 1024, 1, 16 * 1024 * 1024))
                .maxChannels(SshSettings.intSetting(spec, "max_channels", 4, 1, 64));
        return SshSettings.build(spec, b::build);
    }

    /** The process-wide sessions, started on first use (not when a factory is merely listed). */
    private static final class Shared {
        static final SshExecSessions SESSIONS = new SshExecSessions();
    }
}
