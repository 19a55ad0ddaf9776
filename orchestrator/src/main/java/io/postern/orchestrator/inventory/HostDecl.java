package io.postern.orchestrator.inventory;

import java.util.LinkedHashMap;
import java.util.Map;

/** A host as written, merged over every group that lists it. Mutable while parsing only. */
final class HostDecl {

    final String name;
    final Origin origin;
    final Map<String, Located> vars = new LinkedHashMap<>();

    HostDecl(String name, Origin origin) {
        this.name = name;
        this.origin = origin;
    }
}
