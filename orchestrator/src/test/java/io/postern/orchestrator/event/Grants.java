package io.postern.orchestrator.event;

import io.postern.orchestrator.ledger.Grant;
import io.postern.orchestrator.ledger.GrantKey;
import io.postern.orchestrator.ledger.GrantState;
import java.time.Instant;

/** Grant rows for listener tests. */
final class Grants {

    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private Grants() {
    }

    static Grant grant(long id, String target, GrantState state) {
        return new Grant(id, new GrantKey("198.51.100.7", "access.conf:3", "tcp", 22, target), T0, T0.plusSeconds(30),
                state, 0, null, null, "{\"steps\":[]}");
    }
}
