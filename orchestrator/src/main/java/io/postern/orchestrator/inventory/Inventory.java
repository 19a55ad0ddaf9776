package io.postern.orchestrator.inventory;

import io.postern.spa.config.ConfigException;
import io.postern.spa.config.ConfigWarning;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A loaded, validated inventory: groups and devices by name (host and group names never collide), target
 * resolution for access.conf's {@code TARGETS}, the load warnings, and a dump with every secret masked.
 * Immutable and thread-safe; a reload builds a new instance.
 */
public final class Inventory {

    private final Path source;
    private final Map<String, Group> groups;
    private final Map<String, Device> devices;
    private final List<ConfigWarning> warnings;

    Inventory(Path source, List<Group> groups, List<Device> devices, List<ConfigWarning> warnings) {
        this.source = source;
        Map<String, Group> g = new LinkedHashMap<>();
        groups.forEach(x -> g.put(x.name(), x));
        Map<String, Device> d = new LinkedHashMap<>();
        devices.forEach(x -> d.put(x.name(), x));
        this.groups = Collections.unmodifiableMap(g);
        this.devices = Collections.unmodifiableMap(d);
        this.warnings = List.copyOf(warnings);
    }

    /** The inventory file. */
    public Path source() {
        return source;
    }

    /** Every group in file order, {@code all} first. */
    public List<Group> groups() {
        return List.copyOf(groups.values());
    }

    /** Every device in order of first mention. */
    public List<Device> devices() {
        return List.copyOf(devices.values());
    }

    public Optional<Device> device(String name) {
        return Optional.ofNullable(devices.get(name));
    }

    public Optional<Group> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    /** Whether {@code name} is a group or a host. */
    public boolean contains(String name) {
        return groups.containsKey(name) || devices.containsKey(name);
    }

    /**
     * The devices that {@code names} (groups or hosts, e.g. a stanza's TARGETS) denote: in the order named, a
     * group contributing its members in order, each device once.
     *
     * @throws InventoryException naming every name that matches nothing, with close matches
     */
    public List<Device> resolveTargets(List<String> names) throws InventoryException {
        List<ConfigException> errors = new ArrayList<>();
        Set<Device> out = new LinkedHashSet<>();
        for (String n : names) {
            if (groups.containsKey(n)) {
                groups.get(n).members().forEach(m -> out.add(devices.get(m)));
            } else if (devices.containsKey(n)) {
                out.add(devices.get(n));
            } else {
                errors.add(unknownTarget(n, null, 0));
            }
        }
        if (!errors.isEmpty()) {
            throw new InventoryException(errors);
        }
        return List.copyOf(out);
    }

    /**
     * The rollout for {@code names}: each named group's, the {@code all} group's for a named host; the strictest
     * of them when several ({@link Rollout#strictest}).
     */
    public Rollout rollout(List<String> names) {
        Rollout r = null;
        for (String n : names) {
            Group g = groups.getOrDefault(n, groups.get(Group.ALL));
            r = r == null ? g.rollout() : r.strictest(g.rollout());
        }
        return r == null ? groups.get(Group.ALL).rollout() : r;
    }

    /** The error for a target naming nothing, located at {@code file:line} (null/0 for the inventory itself). */
    ConfigException unknownTarget(String name, Path file, int line) {
        List<String> all = new ArrayList<>(groups.keySet());
        all.addAll(devices.keySet());
        return new ConfigException(file, line, "TARGETS", Problems.printable(name),
                "a group or host of " + source + "; " + CloseMatches.hint(name, all));
    }

    /** Warnings found while loading: insecure host keys, world-readable or missing secrets, and the like. */
    public List<ConfigWarning> warnings() {
        return warnings;
    }

    /** The effective configuration for {@code postern check}: every secret shown as {@code <masked>}. */
    public String describe() {
        return InventoryDescriber.describe(this);
    }

    @Override
    public String toString() {
        return "Inventory[" + source + ": " + groups.size() + " groups, " + devices.size() + " devices]";
    }
}
