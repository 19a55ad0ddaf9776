package io.postern.orchestrator.inventory;

import io.postern.device.Durations;
import io.postern.device.DeviceSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One device of the inventory with its effective settings (after inheritance). Immutable.
 *
 * @param name        host name in the inventory, unique among hosts and groups
 * @param driver      driver name, lower case, one of {@code BuiltinDrivers.knownNames()}
 * @param address     host name or IP literal to connect to (the inventory name when {@code address} is unset);
 *                    null for drivers that connect nowhere ({@code local-exec})
 * @param port        TCP port; 22 by default for the SSH drivers, 0 when unused
 * @param user        login user, or null
 * @param credentials secret references
 * @param hostKey     SSH host key check, or null for drivers without SSH
 * @param template    template family, e.g. {@code cisco-ios}
 * @param timeouts    time limits
 * @param vars        free variables for the template and the driver (no secrets), in name order
 * @param groups      every group the device belongs to, in precedence order ({@code all} first)
 * @param origin      where the host is first defined
 */
public record Device(String name, String driver, String address, int port, String user, Credentials credentials,
        HostKeySpec hostKey, String template, Timeouts timeouts, Map<String, String> vars, List<String> groups,
        Origin origin) {

    public Device {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(origin, "origin");
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        groups = List.copyOf(groups);
    }

    public Optional<String> addressIfSet() {
        return Optional.ofNullable(address);
    }

    public Optional<HostKeySpec> hostKeyIfSet() {
        return Optional.ofNullable(hostKey);
    }

    /** A free variable. */
    public Optional<String> var(String name) {
        return Optional.ofNullable(vars.get(name));
    }

    /**
     * The spec a driver factory takes: the free variables plus {@code address}, {@code port}, {@code user},
     * {@code host_key}, {@code template}, the timeouts, and the secret <em>references</em> under their inventory
     * keys ({@code password_env: VAR}); never a secret value.
     */
    public DeviceSpec toSpec() {
        Map<String, String> s = new LinkedHashMap<>(vars);
        if (address != null) {
            s.put("address", address);
        }
        if (port > 0) {
            s.put("port", Integer.toString(port));
        }
        if (user != null) {
            s.put("user", user);
        }
        if (hostKey != null) {
            s.put("host_key", hostKey.policySpec());
        }
        s.put("template", template);
        s.put("connect_timeout", Durations.format(timeouts.connect()));
        s.put("command_timeout", Durations.format(timeouts.command()));
        s.put("device_timeout", Durations.format(timeouts.device()));
        for (SecretRef r : credentials.all()) {
            s.put(r.key(), r.reference());
        }
        return new DeviceSpec(name, driver, s);
    }
}
