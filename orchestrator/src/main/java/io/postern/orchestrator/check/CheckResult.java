package io.postern.orchestrator.check;

import io.postern.orchestrator.inventory.Device;
import io.postern.orchestrator.inventory.Inventory;
import io.postern.orchestrator.inventory.Rollout;
import io.postern.spa.config.AccessStanza;
import io.postern.spa.config.FwknopdConf;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@link ConfigCheck} found. Immutable. Error and warning texts are one line each, start with
 * {@code file:line:} where a place is known, and never contain a secret.
 *
 * @param fwknopd   fwknopd.conf as read (its defaults when absent or unreadable)
 * @param access    the access.conf read, or null when none was given or found
 * @param stanzas   the stanzas with their resolved targets; empty when access.conf did not load
 * @param inventory the inventory, or null when none was given or it did not load
 * @param renders   one entry per rendered sample (stanza and device, or a device's provision)
 * @param errors    every error, in the order found
 * @param warnings  every warning, in the order found
 */
public record CheckResult(FwknopdConf fwknopd, Path access, List<Stanza> stanzas, Inventory inventory,
        List<Render> renders, List<String> errors, List<String> warnings) {

    public CheckResult {
        stanzas = List.copyOf(stanzas);
        renders = List.copyOf(renders);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** Whether nothing is wrong (warnings allowed). */
    public boolean clean() {
        return errors.isEmpty();
    }

    /** Every device some stanza targets, each once, in stanza order. */
    public List<Device> targetedDevices() {
        return stanzas.stream().flatMap(s -> s.devices().stream()).distinct().toList();
    }

    /**
     * One stanza and where it opens.
     *
     * @param number  1-based position, as fwknopd numbers stanzas
     * @param stanza  the stanza
     * @param devices its TARGETS resolved (empty for a local stanza or unresolvable targets)
     * @param rollout the rollout of its targets, or null for a local stanza
     */
    public record Stanza(int number, AccessStanza stanza, List<Device> devices, Rollout rollout) {
        public Stanza {
            devices = List.copyOf(devices);
        }
    }

    /**
     * One sample rendering of a device's template.
     *
     * @param stanza   the stanza number, or 0 for a provision section
     * @param device   the device
     * @param sections section name (open, close, provision) to the rendered command lines; empty on error
     * @param error    the render error (located), or null
     */
    public record Render(int stanza, Device device, List<Section> sections, String error) {
        public Render {
            sections = List.copyOf(sections);
        }

        public boolean ok() {
            return error == null;
        }
    }

    /**
     * The rendered commands of one section.
     *
     * @param name     open, close or provision
     * @param commands each command's argv joined by spaces, secrets masked
     */
    public record Section(String name, List<String> commands) {
        public Section {
            commands = List.copyOf(commands);
        }
    }
}
