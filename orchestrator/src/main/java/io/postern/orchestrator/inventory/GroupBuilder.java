package io.postern.orchestrator.inventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link Group} records: checks {@code rollout} and {@code concurrency}, and gives each group its
 * effective rollout (its own values, else those of its ancestors in precedence order, else the defaults).
 */
final class GroupBuilder {

    private final ParsedInventory parsed;
    private final GroupGraph graph;
    private final Problems problems;
    private final Map<String, Rollout.Mode> modes = new HashMap<>();
    private final Map<String, Integer> concurrency = new HashMap<>();

    GroupBuilder(ParsedInventory parsed, GroupGraph graph, Problems problems) {
        this.parsed = parsed;
        this.graph = graph;
        this.problems = problems;
    }

    List<Group> build() {
        for (GroupDecl g : parsed.groups().values()) {
            own(g);
        }
        List<Group> out = new ArrayList<>();
        for (GroupDecl g : parsed.groups().values()) {
            Set<String> chain = new LinkedHashSet<>(graph.ancestors(g.name));
            List<String> ordered = graph.byPrecedence(chain);
            ordered.add(g.name);
            Rollout.Mode mode = Rollout.DEFAULT.mode();
            int n = Rollout.DEFAULT.concurrency();
            for (String a : ordered) {
                mode = modes.getOrDefault(a, mode);
                n = concurrency.getOrDefault(a, n);
            }
            Map<String, String> vars = new LinkedHashMap<>();
            g.vars.values().forEach(v -> vars.put(v.key(), v.value()));
            out.add(new Group(g.name, graph.depth(g.name), List.copyOf(g.hosts), graph.children(g.name), vars,
                    new Rollout(mode, n), graph.members(g.name), g.origin));
        }
        return out;
    }

    private void own(GroupDecl g) {
        if (g.rollout != null) {
            Rollout.Mode m = Rollout.Mode.fromLabel(g.rollout.value());
            if (m == null) {
                problems.error(g.rollout.origin(), "rollout", g.rollout.value(), "all-or-nothing or best-effort");
            } else {
                modes.put(g.name, m);
            }
        }
        if (g.concurrency != null) {
            String v = g.concurrency.value();
            int n = v.matches("[0-9]{1,4}") ? Integer.parseInt(v) : 0;
            if (n < 1 || n > Rollout.MAX_CONCURRENCY) {
                problems.error(g.concurrency.origin(), "concurrency", v,
                        "a whole number from 1 to " + Rollout.MAX_CONCURRENCY);
            } else {
                concurrency.put(g.name, n);
            }
        }
    }
}
