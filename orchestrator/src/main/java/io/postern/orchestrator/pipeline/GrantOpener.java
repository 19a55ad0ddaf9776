package io.postern.orchestrator.pipeline;

import io.postern.orchestrator.event.PosternEventListener;
import io.postern.orchestrator.ledger.Grant;
import io.postern.orchestrator.ledger.GrantLedger;
import io.postern.orchestrator.ledger.GrantState;
import io.postern.orchestrator.timer.GrantScheduler;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns planned grants into open ones, in the order that keeps the promise "never lose an open grant":
 * the ledger row is committed (OPENING) before the target is touched, the row becomes OPEN or FAILED
 * after, and only an OPEN grant is armed for closing. A re-knock for a key that is already open extends
 * that grant instead of opening a duplicate.
 */
public final class GrantOpener {

    private final GrantLedger ledger;
    private final GrantScheduler scheduler;
    private final PosternEventListener events;
    private final Clock clock;

    public GrantOpener(GrantLedger ledger, GrantScheduler scheduler, PosternEventListener events, Clock clock) {
        this.ledger = ledger;
        this.scheduler = scheduler;
        this.events = events;
        this.clock = clock;
    }

    /** Opens (or extends) each planned grant in turn. */
    public List<GrantOutcome> open(List<PlannedGrant> plan) {
        List<GrantOutcome> out = new ArrayList<>(plan.size());
        for (PlannedGrant p : plan) {
            out.add(openOne(p));
        }
        return out;
    }

    private GrantOutcome openOne(PlannedGrant p) {
        Instant now = clock.instant();
        Instant expiry = now.plus(p.timeout());
        Optional<Grant> existing = ledger.findActive(p.key());
        if (existing.isPresent() && existing.get().state() != GrantState.CLOSING) {
            return extend(existing.get(), p, expiry);
        }
        // A grant of the same key still closing (a failing device): the new open re-creates the same entry,
        // so the old row's pending close must not remove it afterwards. The new grant takes over the close.
        existing.ifPresent(old -> ledger.markClosed(old.id()));
        Grant g = ledger.recordOpening(p.key(), now, expiry, p.close().toJson());
        long started = System.nanoTime();
        try {
            p.open().open();
        } catch (Exception failure) {
            String error = message(failure);
            ledger.markOpenFailed(g.id(), error);
            Grant failed = ledger.get(g.id()).orElse(g);
            events.grantOpenFailed(failed, error);
            return new GrantOutcome(failed, GrantOutcome.Result.FAILED, error);
        }
        ledger.markOpen(g.id());
        Grant open = ledger.get(g.id()).orElseThrow();
        scheduler.arm(open);
        events.grantOpened(open, (System.nanoTime() - started) / 1_000_000);
        return new GrantOutcome(open, GrantOutcome.Result.OPENED, null);
    }

    private GrantOutcome extend(Grant current, PlannedGrant p, Instant expiry) {
        if (p.reopenOnExtend()) {
            try {
                p.open().open();
            } catch (Exception failure) {
                // The grant that is open stays open until its own expiry; only the refresh failed.
                String error = message(failure);
                events.grantOpenFailed(current, "re-knock refresh failed, grant " + current.id()
                        + " stays until " + current.expiresAt() + ": " + error);
                return new GrantOutcome(current, GrantOutcome.Result.FAILED, error);
            }
        }
        ledger.extend(current.id(), expiry);
        Grant extended = ledger.get(current.id()).orElseThrow();
        scheduler.arm(extended);
        events.grantExtended(extended, extended.expiresAt());
        return new GrantOutcome(extended, GrantOutcome.Result.EXTENDED, null);
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
