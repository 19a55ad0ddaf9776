package io.postern.orchestrator.pipeline;

import io.postern.device.BuiltinDrivers;
import io.postern.device.DeviceDriver;
import io.postern.orchestrator.inventory.Device;
import io.postern.orchestrator.inventory.Inventory;
import io.postern.orchestrator.inventory.InventoryException;
import io.postern.orchestrator.inventory.Rollout;
import io.postern.spa.config.AccessStanza;
import io.postern.spa.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inventory devices that stanzas open on, with one driver per device created up front (so a bad
 * credential reference or host key setting stops startup instead of the first knock).
 */
public final class DeviceTargets implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceTargets.class);

    private final Inventory inventory;
    private final Map<String, DeviceDriver> drivers;

    private DeviceTargets(Inventory inventory, Map<String, DeviceDriver> drivers) {
        this.inventory = inventory;
        this.drivers = drivers;
    }

    /** No inventory: every stanza is local. */
    public static DeviceTargets none() {
        return new DeviceTargets(null, Map.of());
    }

    /**
     * Creates the drivers of every device the stanzas target.
     *
     * @throws ConfigException when a target names nothing or a driver cannot be created
     */
    public static DeviceTargets create(Inventory inventory, List<AccessStanza> stanzas) throws ConfigException {
        return create(inventory, stanzas, java.util.Set.of());
    }

    /**
     * Creates the drivers of every device the stanzas target, and of each device in {@code stillOpen}
     * that the inventory still has (grants open there must be able to close after the stanzas stop
     * targeting it).
     *
     * @throws ConfigException when a target names nothing or a driver cannot be created
     */
    public static DeviceTargets create(Inventory inventory, List<AccessStanza> stanzas,
                                       java.util.Collection<String> stillOpen) throws ConfigException {
        Map<String, DeviceDriver> drivers = new LinkedHashMap<>();
        for (String name : stillOpen) {
            java.util.Optional<Device> d = inventory.device(name);
            if (d.isPresent() && !drivers.containsKey(name)) {
                drivers.put(name, BuiltinDrivers.resolve(d.get().driver()).create(d.get().toSpec()));
            }
        }
        for (AccessStanza s : stanzas) {
            if (s.targets().isEmpty()) {
                continue;
            }
            for (Device d : inventory.resolveTargets(s.targets())) {
                if (!drivers.containsKey(d.name())) {
                    drivers.put(d.name(), BuiltinDrivers.resolve(d.driver()).create(d.toSpec()));
                }
            }
        }
        return new DeviceTargets(inventory, drivers);
    }

    /** The devices a stanza opens on (empty for a local stanza). */
    public List<Device> devicesFor(AccessStanza stanza) {
        if (stanza.targets().isEmpty() || inventory == null) {
            return List.of();
        }
        try {
            return inventory.resolveTargets(stanza.targets());
        } catch (InventoryException e) {
            throw new IllegalStateException("TARGETS were checked at start: " + e.getMessage(), e);
        }
    }

    /** The rollout for a stanza's targets. */
    public RolloutPolicy rolloutFor(AccessStanza stanza) {
        if (stanza.targets().isEmpty() || inventory == null) {
            return RolloutPolicy.LOCAL;
        }
        Rollout r = inventory.rollout(stanza.targets());
        return new RolloutPolicy(r.mode() == Rollout.Mode.ALL_OR_NOTHING, r.concurrency());
    }

    /** The driver of a device, or null when the inventory has no such device. */
    public DeviceDriver driver(String device) {
        return drivers.get(device);
    }

    /** The driver name (ssh-cli, http, ...) of an inventory device, or null when there is no such device. */
    public String driverName(String device) {
        return inventory == null ? null : inventory.device(device).map(Device::driver).orElse(null);
    }

    /** Number of devices with a driver. */
    public int size() {
        return drivers.size();
    }

    @Override
    public void close() {
        drivers.forEach((name, d) -> {
            try {
                d.shutdown();
            } catch (RuntimeException e) {
                LOG.warn("device={} shutdown failed: {}", name, e.toString());
            }
        });
    }
}
