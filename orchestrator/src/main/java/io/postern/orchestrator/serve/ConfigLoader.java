package io.postern.orchestrator.serve;

import io.postern.device.template.Section;
import io.postern.device.template.TemplateRenderer;
import io.postern.orchestrator.inventory.Inventory;
import io.postern.orchestrator.inventory.InventoryLoader;
import io.postern.orchestrator.inventory.TargetsValidator;
import io.postern.orchestrator.pipeline.DeviceTargets;
import io.postern.spa.config.AccessConf;
import io.postern.spa.config.AccessConfReader;
import io.postern.spa.config.AccessStanza;
import io.postern.spa.config.ConfigException;
import io.postern.spa.config.ConfigWarning;
import io.postern.spa.config.FwknopdConf;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what a start and a reload both read: access.conf (file and/or folder) and the inventory, checked
 * together, with the drivers of the targeted inventory devices (and of devices that still hold open grants)
 * created. Nothing is applied here; the caller swaps the
 * result in or throws it away.
 */
final class ConfigLoader {

    private static final Logger LOG = LoggerFactory.getLogger("io.postern.serve");
    static final Set<String> FIREWALLS = Set.of("nftables", "iptables", "ipset", "firewalld");

    /** The reloadable part of the configuration. */
    record Loaded(List<AccessStanza> stanzas, DeviceTargets targets) {
    }

    private ConfigLoader() {
    }

    /**
     * @throws ConfigException for any configuration error (file:line: KEY: 'value' (expected: ...)); no
     *                         driver is left running then
     */
    /**
     * @param stillOpen devices with grants open in the ledger: their drivers are created too, so those
     *                  grants close even when no stanza targets the device any more
     */
    static Loaded load(ServerOptions options, FwknopdConf conf, TemplateRenderer renderer,
                       java.util.Collection<String> stillOpen) throws ConfigException {
        AccessConfReader reader = new AccessConfReader(conf);
        List<AccessStanza> stanzas = new ArrayList<>();
        List<ConfigWarning> warnings = new ArrayList<>();
        if (options.accessFile() != null) {
            AccessConf ac = reader.read(options.accessFile());
            stanzas.addAll(ac.stanzas());
            warnings.addAll(ac.warnings());
        }
        if (options.accessFolder() != null) {
            AccessConf ac = reader.readFolder(options.accessFolder());
            stanzas.addAll(ac.stanzas());
            warnings.addAll(ac.warnings());
        }
        warnings.forEach(w -> LOG.warn("{}", w));
        if (stanzas.isEmpty()) {
            throw new ConfigException(options.accessFile() != null ? options.accessFile() : options.accessFolder(), 0,
                    "no access stanza found (a stanza starts with SOURCE)");
        }
        if (!FIREWALLS.contains(options.firewall())) {
            throw new ConfigException(null, 0, "firewall", options.firewall(), "one of " + FIREWALLS);
        }
        boolean needsFirewall = stanzas.stream().anyMatch(s -> !s.isCommandCycle() && s.targets().isEmpty());
        if (needsFirewall && !(renderer.exists(options.firewall(), Section.OPEN)
                && renderer.exists(options.firewall(), Section.CLOSE))) {
            throw new ConfigException(null, 0, "firewall", options.firewall(), "a template family with open and close");
        }
        DeviceTargets targets = DeviceTargets.none();
        if (options.inventory() != null) {
            Inventory inventory = InventoryLoader.load(options.inventory());
            inventory.warnings().forEach(w -> LOG.warn("{}", w));
            TargetsValidator.validate(inventory, stanzas);
            targets = DeviceTargets.create(inventory, stanzas, stillOpen);
            LOG.info("inventory {}: {} device(s) targeted", options.inventory(), targets.size());
        } else {
            AccessStanza first = stanzas.stream().filter(s -> !s.targets().isEmpty()).findFirst().orElse(null);
            if (first != null) {
                throw new ConfigException(first.file(), first.line(), "TARGETS", String.join(", ", first.targets()),
                        "an inventory (--inventory FILE) that defines these groups or hosts");
            }
        }
        return new Loaded(List.copyOf(stanzas), targets);
    }
}
