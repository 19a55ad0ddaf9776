package io.postern.orchestrator.inventory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Effective settings of a host, Ansible's way: the vars of every group the host is in, from {@code all} down
 * (lower depth first, groups of equal depth in name order, each later one overriding), then the host's own. The
 * two forms of a secret ({@code password_env} / {@code password_file}) count as one setting: a more specific
 * level that sets either replaces both. Two groups of equal depth that disagree yield a warning.
 */
final class VarResolver {

    private final ParsedInventory parsed;
    private final GroupGraph graph;
    private final Problems problems;

    VarResolver(ParsedInventory parsed, GroupGraph graph, Problems problems) {
        this.parsed = parsed;
        this.graph = graph;
        this.problems = problems;
    }

    /** Refuses both forms of one secret at the same level (a group's vars or a host). */
    void checkPairs(Map<String, Located> vars) {
        for (String purpose : SettingKeys.PAIRED_SECRETS) {
            Located env = vars.get(purpose + "_env");
            Located file = vars.get(purpose + "_file");
            if (env != null && file != null) {
                Located later = env.origin().line() > file.origin().line() ? env : file;
                problems.error(later.origin(), later.key(), later.value(),
                        "either " + purpose + "_env or " + purpose + "_file at one level, not both");
            }
        }
    }

    /** The effective settings of {@code host}, each with the place its winning value was written. */
    Map<String, Located> resolve(String host, List<String> groupsInPrecedence) {
        Map<String, Located> out = new LinkedHashMap<>();
        Map<String, String> setBy = new HashMap<>();
        for (String g : groupsInPrecedence) {
            for (Located v : parsed.groups().get(g).vars.values()) {
                String previous = setBy.get(v.key());
                Located old = out.get(v.key());
                if (previous != null && old != null && graph.depth(previous) == graph.depth(g)
                        && !old.value().equals(v.value())) {
                    problems.warn(v.origin(), "host " + host + ": " + v.key() + " differs between groups " + previous
                            + " and " + g + " of equal depth; " + g + " wins (name order)");
                }
                apply(out, v);
                setBy.put(v.key(), g);
            }
        }
        for (Located v : parsed.hosts().get(host).vars.values()) {
            apply(out, v);
        }
        return out;
    }

    private static void apply(Map<String, Located> out, Located v) {
        for (String purpose : SettingKeys.PAIRED_SECRETS) {
            if (v.key().equals(purpose + "_env") || v.key().equals(purpose + "_file")) {
                out.remove(purpose + "_env");
                out.remove(purpose + "_file");
            }
        }
        out.remove(v.key());
        out.put(v.key(), v);
    }
}
