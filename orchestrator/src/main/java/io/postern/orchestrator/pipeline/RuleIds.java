package io.postern.orchestrator.pipeline;

import io.postern.orchestrator.ledger.GrantKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Rule ids for templates that tag their entries (an iptables comment {@code postern:<id>}). The id is
 * derived from the grant key, so a re-knock renders exactly the same rule: the template's open replaces
 * it instead of adding a second one, and the close recorded for the first knock still matches.
 */
final class RuleIds {

    private RuleIds() {
    }

    /** A stable id in 1..2,000,000,000 for the key. */
    static long of(GrantKey key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((key.source() + '|' + key.stanza() + '|'
                    + key.proto() + '|' + key.port() + '|' + key.target()).getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xff);
            }
            return Math.floorMod(v, 2_000_000_000L) + 1;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
