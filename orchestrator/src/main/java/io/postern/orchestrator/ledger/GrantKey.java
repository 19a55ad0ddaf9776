package io.postern.orchestrator.ledger;

import java.util.Objects;

/**
 * What makes two grants "the same access": a re-knock with the same key while a grant is open extends
 * that grant instead of adding a duplicate rule.
 *
 * @param source the allowed address (text form)
 * @param stanza the stanza label (e.g. {@code access.conf:12})
 * @param proto  {@code tcp} or {@code udp}
 * @param port   the port
 * @param target the target name ({@code local} or an inventory device)
 */
public record GrantKey(String source, String stanza, String proto, int port, String target) {

    public GrantKey {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(stanza, "stanza");
        Objects.requireNonNull(proto, "proto");
        Objects.requireNonNull(target, "target");
    }
}
