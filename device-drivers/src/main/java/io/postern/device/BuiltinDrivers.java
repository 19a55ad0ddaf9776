package io.postern.device;

import io.postern.device.exec.LocalExecDriverFactory;
import io.postern.device.http.HttpDriverFactory;
import io.postern.spa.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The drivers that ship with Postern, by their lower-case inventory names, and the one place that resolves a
 * {@code driver:} name: built-ins first, then {@link DriverFactory} implementations found by
 * {@link ServiceLoader}. An unknown name is a configuration error that lists every known name.
 */
public enum BuiltinDrivers {

    /** Local commands through Apache Commons Exec, argv only, never a shell. */
    LOCAL_EXEC("local-exec", LocalExecDriverFactory::new),

    /** An interactive CLI over SSH (Cisco IOS/ASA, appliances): one pooled session per device. */
    SSH_CLI("ssh-cli", io.postern.device.ssh.SshCliDriverFactory::new),

    /** One remote command per SSH exec channel (a Linux or appliance shell running ipset/nft), exit status checked. */
    SSH_EXEC("ssh-exec", io.postern.device.ssh.SshExecDriverFactory::new),

    /** REST calls with the JDK HTTP client, one request per template line. */
    HTTP("http", HttpDriverFactory::new);

    private final String factoryName;
    private final Supplier<DriverFactory> supplier;

    BuiltinDrivers(String factoryName, Supplier<DriverFactory> supplier) {
        this.factoryName = factoryName;
        this.supplier = supplier;
    }

    /** The inventory name, e.g. {@code local-exec}. */
    public String factoryName() {
        return factoryName;
    }

    /** A new factory for this built-in. */
    public DriverFactory factory() {
        return supplier.get();
    }

    /** The built-in with that name (case-insensitive), or {@code null}. */
    public static BuiltinDrivers fromFactoryName(String name) {
        for (BuiltinDrivers d : values()) {
            if (d.factoryName.equalsIgnoreCase(name)) {
                return d;
            }
        }
        return null;
    }

    /**
     * The factory for {@code name}: a built-in, else a supported ServiceLoader factory of the thread's context
     * class loader.
     *
     * @throws ConfigException listing the known names when nothing matches
     */
    public static DriverFactory resolve(String name) throws ConfigException {
        BuiltinDrivers builtin = fromFactoryName(name);
        if (builtin != null) {
            return builtin.factory();
        }
        for (DriverFactory f : extraFactories()) {
            if (f.name().equalsIgnoreCase(name) && f.isSupported()) {
                return f;
            }
        }
        return fail(name);
    }

    /** Every resolvable name, sorted: built-ins and supported ServiceLoader factories. */
    public static List<String> knownNames() {
        TreeSet<String> names = new TreeSet<>();
        for (BuiltinDrivers d : values()) {
            names.add(d.factoryName);
        }
        for (DriverFactory f : extraFactories()) {
            if (f.isSupported()) {
                names.add(f.name().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(names);
    }

    private static List<DriverFactory> extraFactories() {
        List<DriverFactory> found = new ArrayList<>();
        ServiceLoader.load(DriverFactory.class).forEach(found::add);
        return found;
    }

    private static DriverFactory fail(String name) throws ConfigException {
        throw new ConfigException(null, 0, "driver", name, "one of " + String.join(", ", knownNames()));
    }
}
