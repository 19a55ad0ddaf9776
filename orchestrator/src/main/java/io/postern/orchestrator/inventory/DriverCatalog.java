package io.postern.orchestrator.inventory;

import io.postern.device.BuiltinDrivers;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** The driver names an inventory may use. Production uses {@link #builtin()}; tests may pass a fixed list. */
@FunctionalInterface
public interface DriverCatalog {

    /** Every known name, lower case. */
    List<String> knownNames();

    /** {@link BuiltinDrivers#knownNames()}: the built-ins plus supported ServiceLoader factories. */
    static DriverCatalog builtin() {
        return BuiltinDrivers::knownNames;
    }

    /** Exactly these names. */
    static DriverCatalog of(String... names) {
        TreeSet<String> set = new TreeSet<>();
        for (String n : names) {
            set.add(n.toLowerCase(Locale.ROOT));
        }
        List<String> list = List.copyOf(set);
        return () -> list;
    }
}
