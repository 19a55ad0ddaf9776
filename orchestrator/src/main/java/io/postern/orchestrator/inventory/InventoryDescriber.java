package io.postern.orchestrator.inventory;

import java.util.Map;

/**
 * Prints an inventory's effective configuration, one device at a time with its inherited settings. Secrets are
 * never read: each shows as {@code <masked>} followed by its reference.
 */
final class InventoryDescriber {

    static final String MASK = "<masked>";

    private InventoryDescriber() {
    }

    static String describe(Inventory inv) {
        StringBuilder b = new StringBuilder();
        b.append("# inventory ").append(inv.source()).append(": ").append(inv.groups().size()).append(" groups, ")
                .append(inv.devices().size()).append(" devices\n");
        for (Group g : inv.groups()) {
            b.append("group ").append(g.name()).append("  # ").append(g.origin()).append('\n');
            line(b, "rollout", g.rollout().toString());
            if (!g.children().isEmpty()) {
                line(b, "children", String.join(", ", g.children()));
            }
            if (!g.hosts().isEmpty()) {
                line(b, "hosts", String.join(", ", g.hosts()));
            }
            line(b, "devices", Integer.toString(g.members().size()));
        }
        for (Device d : inv.devices()) {
            b.append("device ").append(d.name()).append("  # ").append(d.origin()).append('\n');
            line(b, "groups", String.join(", ", d.groups()));
            line(b, "driver", d.driver());
            if (d.address() != null) {
                line(b, "address", d.address());
            }
            if (d.port() > 0) {
                line(b, "port", Integer.toString(d.port()));
            }
            if (d.user() != null) {
                line(b, "user", d.user());
            }
            for (SecretRef r : d.credentials().all()) {
                line(b, r.purpose(), MASK + " (" + r + ")");
            }
            if (d.hostKey() != null) {
                line(b, "host_key", d.hostKey().toString());
            }
            line(b, "template", d.template());
            line(b, "timeouts", d.timeouts().toString());
            for (Map.Entry<String, String> v : d.vars().entrySet()) {
                line(b, "vars." + v.getKey(), v.getValue());
            }
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String key, String value) {
        b.append("  ").append(key).append(": ").append(value).append('\n');
    }
}
