package io.postern.orchestrator.pipeline;

import io.postern.device.DeviceException;
import io.postern.orchestrator.event.PosternEventListener;
import io.postern.orchestrator.ledger.Grant;
import io.postern.orchestrator.ledger.GrantKey;
import io.postern.orchestrator.ledger.GrantLedger;
import io.postern.orchestrator.ledger.GrantState;
import io.postern.orchestrator.timer.GrantScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns planned grants into open ones, in the order that keeps the promise "never lose an open grant":
 * the ledger row is committed (OPENING, on disk) before the target is touched, the row becomes OPEN or
 * FAILED after, and only an OPEN grant is armed for closing (a failed open that may have left the entry on the
 * target, {@link DeviceException#mayHaveChanged()}, counts as open and is closed at once). A re-knock for a key that is already open
 * extends that grant instead of opening a duplicate; opens of the same key never run at the same time.
 *
 * <p>{@link #open} works on the caller's thread and returns when every grant of the plan is settled.
 * {@link #submit} hands the plan to the opener's own threads, so that the caller (a pipeline worker) can
 * judge the next packet while commands run and the ledger syncs: up to {@code maxInFlight} plans at once
 * (their ledger syncs are shared), and a caller that finds them all busy waits for a free slot: a plan
 * is never dropped.
 */
public final class GrantOpener implements AutoCloseable {

    /** Plans {@link #submit} runs at once unless told otherwise. */
    public static final int DEFAULT_IN_FLIGHT = 16;

    private static final Logger LOG = LoggerFactory.getLogger("io.postern.serve");

    private final GrantLedger ledger;
    private final GrantScheduler scheduler;
    private final PosternEventListener events;
    private final Clock clock;
    private final int maxInFlight;
    private final Semaphore slots;
    private final ThreadPoolExecutor threads;
    private final ConcurrentHashMap<GrantKey, KeyLock> keyLocks = new ConcurrentHashMap<>();

    public GrantOpener(GrantLedger ledger, GrantScheduler scheduler, PosternEventListener events, Clock clock) {
        this(ledger, scheduler, events, clock, DEFAULT_IN_FLIGHT);
    }

    /** @param maxInFlight plans {@link #submit} runs at once */
    public GrantOpener(GrantLedger ledger, GrantScheduler scheduler, PosternEventListener events, Clock clock,
                       int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1");
        }
        this.ledger = ledger;
        this.scheduler = scheduler;
        this.events = events;
        this.clock = clock;
        this.maxInFlight = maxInFlight;
        this.slots = new Semaphore(maxInFlight);
        this.threads = new ThreadPoolExecutor(maxInFlight, maxInFlight, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "postern-open");
                    t.setDaemon(true);
                    return t;
                });
        threads.allowCoreThreadTimeOut(true);
    }

    /**
     * Opens a plan on the opener's threads, as {@link #open(GrantPlan)} would. Waits (never drops) while
     * {@code maxInFlight} plans are under way.
     *
     * @return the outcomes, once every grant of the plan is settled
     */
    public CompletableFuture<List<GrantOutcome>> submit(GrantPlan plan) {
        CompletableFuture<List<GrantOutcome>> done = new CompletableFuture<>();
        slots.acquireUninterruptibly();
        try {
            threads.execute(() -> {
                try {
                    done.complete(open(plan));
                } catch (Throwable t) {
                    // the caller may not look at the future: say it here, as the pipeline says a failed packet
                    LOG.error("opening {} grant(s) failed: {}", plan.grants().size(), t.toString(), t);
                    done.completeExceptionally(t);
                } finally {
                    slots.release();
                }
            });
        } catch (RejectedExecutionException closed) {
            slots.release();
            done.complete(open(plan)); // closing down: open here rather than lose the grant
        }
        return done;
    }

    /** Waits until no submitted plan is under way, so every plan submitted before the call is settled. */
    public void drain() {
        slots.acquireUninterruptibly(maxInFlight);
        slots.release(maxInFlight);
    }

    /**
     * Lets the submitted plans finish (up to {@code timeout}), then stops the opener's threads; plans
     * submitted afterwards open on the caller's thread. Call before closing the ledger.
     */
    public void close(Duration timeout) {
        threads.shutdown();
        try {
            threads.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /** Opens (or extends) each planned grant in turn, best effort. */
    public List<GrantOutcome> open(List<PlannedGrant> plan) {
        return open(new GrantPlan(plan, RolloutPolicy.LOCAL));
    }

    /**
     * Opens a plan with its rollout policy: up to {@code concurrency} targets at once, each bounded by its
     * driver's own time limits. Under all-or-nothing, a failed open closes every grant this plan opened
     * (through the timers, so a failing close is retried like any other).
     */
    public List<GrantOutcome> open(GrantPlan plan) {
        List<PlannedGrant> grants = plan.grants();
        List<GrantOutcome> out = new ArrayList<>(grants.size());
        int threads = Math.min(plan.policy().concurrency(), grants.size());
        if (threads <= 1) {
            for (PlannedGrant p : grants) {
                out.add(openOne(p));
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "postern-rollout");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<GrantOutcome>> futures = new ArrayList<>();
                for (PlannedGrant p : grants) {
                    futures.add(pool.submit(() -> openOne(p)));
                }
                for (Future<GrantOutcome> f : futures) {
                    out.add(await(f));
                }
            } finally {
                pool.shutdown();
            }
        }
        if (plan.policy().allOrNothing() && out.stream().anyMatch(o -> o.result() == GrantOutcome.Result.FAILED)) {
            rollBack(out);
        }
        return out;
    }

    private void rollBack(List<GrantOutcome> outcomes) {
        for (GrantOutcome o : outcomes) {
            if (o.result() == GrantOutcome.Result.OPENED) {
                LOG.warn("[{}] ({}) rolling back {}/{} target={} grant={}: another target of the all-or-nothing "
                        + "rollout failed", o.grant().key().source(), o.grant().key().stanza(), o.grant().key().proto(),
                        o.grant().key().port(), o.grant().key().target(), o.grant().id());
                scheduler.closeNow(o.grant().id());
            }
        }
    }

    private static GrantOutcome await(Future<GrantOutcome> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a rollout", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("rollout task failed", e.getCause());
        }
    }

    private GrantOutcome openOne(PlannedGrant p) {
        KeyLock lock = KeyLock.acquire(keyLocks, p.key());
        try {
            return openAlone(p);
        } finally {
            lock.release(keyLocks, p.key());
        }
    }

    /** Opens one grant; no other open of its key runs meanwhile. */
    private GrantOutcome openAlone(PlannedGrant p) {
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
            if (mayHaveChangedTheTarget(failure)) {
                return closeWhatMayBeOpen(g, error);
            }
            ledger.markOpenFailed(g.id(), error);
            Grant failed = ledger.get(g.id()).orElse(g);
            events.grantOpenFailed(failed, error);
            return new GrantOutcome(failed, GrantOutcome.Result.FAILED, error);
        }
        // still OPENING (the usual case): the row is what was recorded, now OPEN; else re-read what changed it
        Grant open = ledger.markOpen(g.id()) ? g.inState(GrantState.OPEN) : ledger.get(g.id()).orElseThrow();
        scheduler.arm(open);
        events.grantOpened(open, (System.nanoTime() - started) / 1_000_000);
        return new GrantOutcome(open, GrantOutcome.Result.OPENED, null);
    }

    /**
     * The open failed, but the target may keep (part of) the entry: its answer was lost and the undo failed too.
     * FAILED would be a lie that nothing ever corrects, so the grant is recorded CLOSING, due now, and the
     * scheduler closes it at once, retrying like any close until the target confirms.
     */
    private GrantOutcome closeWhatMayBeOpen(Grant g, String error) {
        ledger.markOpen(g.id());
        scheduler.closeNow(g.id());
        Grant due = ledger.get(g.id()).orElseThrow();
        String said = error + " (the target may keep the entry: closing it now, retried until it succeeds)";
        events.grantOpenFailed(due, said);
        return new GrantOutcome(due, GrantOutcome.Result.FAILED, said);
    }

    private static boolean mayHaveChangedTheTarget(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DeviceException d && d.mayHaveChanged()) {
                return true;
            }
        }
        return false;
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

    /** A lock per grant key, kept in the map while someone holds or waits for it. */
    private static final class KeyLock {
        private final ReentrantLock lock = new ReentrantLock();
        /** Holders and waiters; changed only inside the map's compute functions. */
        private int users;

        static KeyLock acquire(ConcurrentHashMap<GrantKey, KeyLock> locks, GrantKey key) {
            KeyLock l = locks.compute(key, (k, v) -> {
                KeyLock held = v == null ? new KeyLock() : v;
                held.users++;
                return held;
            });
            l.lock.lock();
            return l;
        }

        void release(ConcurrentHashMap<GrantKey, KeyLock> locks, GrantKey key) {
            lock.unlock();
            locks.computeIfPresent(key, (k, v) -> --v.users == 0 ? null : v);
        }
    }
}
