package io.postern.orchestrator.inventory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One inventory group. Immutable.
 *
 * @param name     group name ({@code all} is the root)
 * @param depth    distance from {@code all} along the longest path of {@code children} (0 for {@code all})
 * @param hosts    hosts listed directly under {@code hosts}, in file order
 * @param children child groups, in file order
 * @param vars     the group's own {@code vars} (secret references appear as references)
 * @param rollout  effective rollout settings (own, else inherited from parents, else {@link Rollout#DEFAULT})
 * @param members  every device of the group and its descendants, de-duplicated, in order: own hosts, then each
 *                 child's members
 * @param origin   where the group is first defined
 */
public record Group(String name, int depth, List<String> hosts, List<String> children, Map<String, String> vars,
        Rollout rollout, List<String> members, Origin origin) {

    /** The root group's name. */
    public static final String ALL = "all";

    public Group {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rollout, "rollout");
        Objects.requireNonNull(origin, "origin");
        hosts = List.copyOf(hosts);
        children = List.copyOf(children);
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        members = List.copyOf(members);
    }
}
