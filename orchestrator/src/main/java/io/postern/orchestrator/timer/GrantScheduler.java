package io.postern.orchestrator.timer;

import io.postern.orchestrator.event.PosternEventListener;
import io.postern.orchestrator.ledger.Grant;
import io.postern.orchestrator.ledger.GrantLedger;
import io.postern.orchestrator.ledger.GrantState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Closes grants on time. The ledger is the truth; this class keeps only a queue of (due time, grant id)
 * and re-reads the grant before acting, so an extension or a revoke made meanwhile is honoured.
 *
 * <p>{@link #recover()} runs once at start: grants left OPENING by a crash are closed at once (the
 * open may have half-run), expired ones are closed at once, the rest are re-armed. {@link #runDue()} does
 * the work for the current instant of the clock; {@link #start()} runs it from a background thread that
 * sleeps until the next due time. Tests call {@code runDue()} after advancing a fake clock.
 */
public final class GrantScheduler implements AutoCloseable {

    private record Entry(Instant due, long id) {
    }

    private final GrantLedger ledger;
    private final GrantCloser closer;
    private final Clock clock;
    private final Backoff backoff;
    private final PosternEventListener events;
    private final ExecutorService workers;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> a.due.compareTo(b.due));
    private final Set<Long> inFlight = new HashSet<>();
    private Thread loop;
    private volatile boolean running;

    public GrantScheduler(GrantLedger ledger, GrantCloser closer, Clock clock, Backoff backoff, PosternEventListener events,
                          int closeThreads) {
        this.ledger = Objects.requireNonNull(ledger);
        this.closer = Objects.requireNonNull(closer);
        this.clock = Objects.requireNonNull(clock);
        this.backoff = Objects.requireNonNull(backoff);
        this.events = Objects.requireNonNull(events);
        this.workers = Executors.newFixedThreadPool(closeThreads, r -> {
            Thread t = new Thread(r, "postern-close");
            t.setDaemon(true);
            return t;
        });
    }

    /** Loads every active grant from the ledger and queues it; overdue and half-opened ones come first. */
    public List<Grant> recover() {
        List<Grant> active = ledger.active();
        Instant now = clock.instant();
        for (Grant g : active) {
            if (g.state() == GrantState.OPENING) {
                ledger.markClosing(g.id(), now);
                enqueue(now, g.id());
            } else {
                enqueue(g.dueAt(), g.id());
            }
        }
        return active;
    }

    /** Queues an open (or extended) grant for closing at its expiry. */
    public void arm(Grant g) {
        enqueue(g.dueAt(), g.id());
    }

    /** Closes a grant now, whatever its expiry (postern revoke). */
    public void closeNow(long id) {
        ledger.markClosing(id, clock.instant());
        enqueue(clock.instant(), id);
    }

    private void enqueue(Instant due, long id) {
        lock.lock();
        try {
            Entry e = new Entry(due, id);
            queue.add(e);
            if (queue.peek() == e) {
                changed.signalAll(); // the loop sleeps until the head is due: wake it only for a new head
            }
        } finally {
            lock.unlock();
        }
    }

    /** Number of grants waiting in the queue (for metrics). */
    public int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts closing everything due at the clock's current instant and waits for those closes to finish.
     *
     * @return how many closes were attempted
     */
    public int runDue() {
        List<java.util.concurrent.Future<?>> started = new java.util.ArrayList<>();
        Instant now = clock.instant();
        lock.lock();
        try {
            while (!queue.isEmpty() && !queue.peek().due.isAfter(now)) {
                Entry e = queue.poll();
                if (inFlight.add(e.id)) {
                    started.add(workers.submit(() -> attempt(e.id)));
                }
            }
        } finally {
            lock.unlock();
        }
        for (java.util.concurrent.Future<?> f : started) {
            try {
                f.get();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException ee) {
                // attempt() handles its own failures; an error here is a bug worth surfacing
                throw new IllegalStateException("close task failed", ee.getCause());
            }
        }
        return started.size();
    }

    private void attempt(long id) {
        try {
            Grant g = ledger.get(id).orElse(null);
            if (g == null || !g.state().isActive()) {
                return;
            }
            Instant now = clock.instant();
            if (g.dueAt().isAfter(now)) {
                enqueue(g.dueAt(), id); // extended meanwhile
                return;
            }
            if (g.state() != GrantState.CLOSING) {
                ledger.markClosing(id, now);
            }
            try {
                closer.close(g);
                ledger.markClosed(id);
                events.grantClosed(g);
            } catch (Exception failure) {
                String error = failure.getMessage() == null ? failure.toString() : failure.getMessage();
                Instant next = now.plus(backoff.after(g.attempts() + 1));
                ledger.recordCloseFailure(id, error, next);
                events.grantCloseFailed(g, error, next);
                enqueue(next, id);
            }
        } finally {
            lock.lock();
            try {
                inFlight.remove(id);
            } finally {
                lock.unlock();
            }
        }
    }

    /** Starts the background loop that runs {@link #runDue()} whenever something falls due. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        loop = new Thread(this::loop, "postern-timer");
        loop.setDaemon(true);
        loop.start();
    }

    private void loop() {
        while (running) {
            lock.lock();
            try {
                Entry next = queue.peek();
                long waitMs = next == null ? 1000
                        : Math.max(0, Duration.between(clock.instant(), next.due).toMillis());
                if (waitMs > 0) {
                    // cap the wait so a wall-clock jump is noticed within a second
                    changed.await(Math.min(waitMs, 1000), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            if (running) {
                runDue();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
