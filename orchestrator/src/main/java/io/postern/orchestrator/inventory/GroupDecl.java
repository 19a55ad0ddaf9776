package io.postern.orchestrator.inventory;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** A group as written, merged over every place the file mentions it. Mutable while parsing only. */
final class GroupDecl {

    final String name;
    final Origin origin;
    final Set<String> hosts = new LinkedHashSet<>();
    /** Child group name to where this group lists it. */
    final Map<String, Origin> children = new LinkedHashMap<>();
    final Map<String, Located> vars = new LinkedHashMap<>();
    Located rollout;
    Located concurrency;

    GroupDecl(String name, Origin origin) {
        this.name = name;
        this.origin = origin;
    }
}
