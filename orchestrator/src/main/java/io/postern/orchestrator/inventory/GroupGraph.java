package io.postern.orchestrator.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code children} graph: refuses cycles (reporting the path), then gives each group its depth (longest
 * path from {@code all}), its ancestors and its members, and each host its groups in precedence order.
 */
final class GroupGraph {

    private final ParsedInventory parsed;
    private final Map<String, List<String>> edges = new LinkedHashMap<>();
    private final Map<String, Integer> depth = new HashMap<>();
    private final Map<String, Set<String>> ancestors = new HashMap<>();
    private final Map<String, List<String>> members = new HashMap<>();

    private GroupGraph(ParsedInventory parsed) {
        this.parsed = parsed;
    }

    static GroupGraph build(ParsedInventory parsed, Problems problems) {
        GroupGraph g = new GroupGraph(parsed);
        g.dropCycles(Group.ALL, new ArrayList<>(), new HashSet<>(), problems);
        for (String name : parsed.groups().keySet()) {
            g.edges.putIfAbsent(name, List.of());
        }
        g.depths();
        return g;
    }

    /** Depth-first walk keeping only edges that close no cycle; each cycle is one error. */
    private void dropCycles(String group, List<String> path, Set<String> done, Problems problems) {
        path.add(group);
        List<String> kept = new ArrayList<>();
        for (Map.Entry<String, Origin> child : parsed.groups().get(group).children.entrySet()) {
            int at = path.indexOf(child.getKey());
            if (at >= 0) {
                List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
                cycle.add(child.getKey());
                problems.error(child.getValue(), "children", child.getKey(),
                        "no cycle among groups: " + String.join(" -> ", cycle));
                continue;
            }
            kept.add(child.getKey());
            if (!done.contains(child.getKey())) {
                dropCycles(child.getKey(), path, done, problems);
            }
        }
        edges.put(group, kept);
        done.add(group);
        path.remove(path.size() - 1);
    }

    private void depths() {
        depth.put(Group.ALL, 0);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<String, List<String>> e : edges.entrySet()) {
                Integer d = depth.get(e.getKey());
                for (String child : d == null ? List.<String>of() : e.getValue()) {
                    if (depth.getOrDefault(child, -1) < d + 1) {
                        depth.put(child, d + 1);
                        changed = true;
                    }
                }
            }
        }
    }

    int depth(String group) {
        return depth.getOrDefault(group, 0);
    }

    List<String> children(String group) {
        return edges.get(group);
    }

    /** Groups from which {@code group} descends (not itself). */
    Set<String> ancestors(String group) {
        Set<String> known = ancestors.get(group);
        if (known != null) {
            return known;
        }
        Set<String> out = new LinkedHashSet<>();
        for (Map.Entry<String, List<String>> e : edges.entrySet()) {
            if (e.getValue().contains(group)) {
                out.add(e.getKey());
                out.addAll(ancestors(e.getKey()));
            }
        }
        ancestors.put(group, out);
        return out;
    }

    /** Hosts of the group and its descendants: own hosts first, then each child's, de-duplicated. */
    List<String> members(String group) {
        List<String> known = members.get(group);
        if (known != null) {
            return known;
        }
        Set<String> out = new LinkedHashSet<>(parsed.groups().get(group).hosts);
        for (String child : edges.get(group)) {
            out.addAll(members(child));
        }
        List<String> list = List.copyOf(out);
        members.put(group, list);
        return list;
    }

    /** Sorts groups into precedence order: lower depth first, then by name; later ones win. */
    List<String> byPrecedence(Set<String> groups) {
        List<String> out = new ArrayList<>(groups);
        out.sort(Comparator.comparingInt(this::depth).thenComparing(Comparator.naturalOrder()));
        return out;
    }

    /** Every group {@code host} is in, directly or through a descendant, in precedence order. */
    List<String> groupsOf(String host) {
        Set<String> in = new HashSet<>();
        for (String g : parsed.groups().keySet()) {
            if (parsed.groups().get(g).hosts.contains(host)) {
                in.add(g);
                in.addAll(ancestors(g));
            }
        }
        in.add(Group.ALL);
        return byPrecedence(in);
    }
}
