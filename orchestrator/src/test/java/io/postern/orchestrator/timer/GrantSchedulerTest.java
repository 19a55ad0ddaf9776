package io.postern.orchestrator.timer;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.orchestrator.event.PosternEventListener;
import io.postern.orchestrator.ledger.Grant;
import io.postern.orchestrator.ledger.GrantKey;
import io.postern.orchestrator.ledger.GrantState;
import io.postern.orchestrator.ledger.SqliteStateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Close timing with a fake clock: no sleeping. */
class GrantSchedulerTest {

    static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    @TempDir
    Path dir;
    MutableClock clock;
    SqliteStateStore ledger;
    List<Long> closed;
    AtomicInteger failuresLeft;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0);
        ledger = SqliteStateStore.open(dir);
        closed = new CopyOnWriteArrayList<>();
        failuresLeft = new AtomicInteger();
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    GrantScheduler scheduler() {
        return new GrantScheduler(ledger, g -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new Exception("% Invalid input detected at '^' marker.");
            }
            closed.add(g.id());
        }, clock, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)), PosternEventListener.NONE, 2);
    }

    Grant openGrant(int port, int seconds) {
        Grant g = ledger.recordOpening(new GrantKey("198.18.0.2", "s1", "tcp", port, "local"), clock.instant(),
                clock.instant().plusSeconds(seconds), "{}");
        ledger.markOpen(g.id());
        return ledger.get(g.id()).orElseThrow();
    }

    @Test
    void closesAtThirtySecondsNotBefore() {
        try (GrantScheduler s = scheduler()) {
            Grant g = openGrant(22, 30);
            s.arm(g);
            clock.advance(Duration.ofSeconds(29));
            assertThat(s.runDue()).isZero();
            assertThat(closed).isEmpty();
            clock.advance(Duration.ofSeconds(1));
            assertThat(s.runDue()).isEqualTo(1);
            assertThat(closed).containsExactly(g.id());
            assertThat(ledger.get(g.id()).orElseThrow().state()).isEqualTo(GrantState.CLOSED);
        }
    }

    @Test
    void anExtensionMovesTheClose() {
        try (GrantScheduler s = scheduler()) {
            Grant g = openGrant(22, 30);
            s.arm(g);
            clock.advance(Duration.ofSeconds(20));
            ledger.extend(g.id(), clock.instant().plusSeconds(30));
            clock.advance(Duration.ofSeconds(10));
            s.runDue();
            assertThat(closed).isEmpty();
            clock.advance(Duration.ofSeconds(20));
            s.runDue();
            assertThat(closed).containsExactly(g.id());
        }
    }

    @Test
    void failedClosesAreRetriedWithBackoffUntilTheySucceed() {
        failuresLeft.set(3);
        try (GrantScheduler s = scheduler()) {
            Grant g = openGrant(22, 30);
            s.arm(g);
            clock.advance(Duration.ofSeconds(30));
            s.runDue(); // fails, next in 1 s
            Grant failing = ledger.get(g.id()).orElseThrow();
            assertThat(failing.state()).isEqualTo(GrantState.CLOSING);
            assertThat(failing.lastError()).contains("Invalid input");
            assertThat(failing.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(1));
            clock.advance(Duration.ofSeconds(1));
            s.runDue(); // fails, next in 2 s
            clock.advance(Duration.ofSeconds(1));
            assertThat(s.runDue()).isZero();
            clock.advance(Duration.ofSeconds(1));
            s.runDue(); // fails, next in 4 s
            clock.advance(Duration.ofSeconds(4));
            s.runDue(); // succeeds
            assertThat(closed).containsExactly(g.id());
            Grant done = ledger.get(g.id()).orElseThrow();
            assertThat(done.state()).isEqualTo(GrantState.CLOSED);
            assertThat(done.attempts()).isEqualTo(4);
        }
    }

    @Test
    void restartClosesOverdueAndHalfOpenedGrantsAtOnceAndReArmsTheRest() {
        Grant overdue = openGrant(22, 30);
        Grant later = openGrant(23, 300);
        Grant halfOpened = ledger.recordOpening(new GrantKey("198.18.0.2", "s1", "tcp", 24, "local"),
                clock.instant(), clock.instant().plusSeconds(300), "{}");
        clock.advance(Duration.ofSeconds(60)); // the process was down for a minute
        try (GrantScheduler s = scheduler()) {
            assertThat(s.recover()).hasSize(3);
            s.runDue();
            assertThat(closed).containsExactlyInAnyOrder(overdue.id(), halfOpened.id());
            clock.advance(Duration.ofSeconds(240));
            s.runDue();
            assertThat(closed).contains(later.id());
        }
    }

    @Test
    void revokeClosesEarly() {
        try (GrantScheduler s = scheduler()) {
            Grant g = openGrant(22, 300);
            s.arm(g);
            s.closeNow(g.id());
            s.runDue();
            assertThat(closed).containsExactly(g.id());
        }
    }

    @Test
    void backgroundLoopClosesOnRealTime() throws Exception {
        clock = null;
        java.time.Clock real = java.time.Clock.systemUTC();
        Grant g = ledger.recordOpening(new GrantKey("198.18.0.2", "s1", "tcp", 22, "local"), real.instant(),
                real.instant().plusMillis(300), "{}");
        ledger.markOpen(g.id());
        try (GrantScheduler s = new GrantScheduler(ledger, x -> closed.add(x.id()), real, Backoff.DEFAULT,
                PosternEventListener.NONE, 1)) {
            s.start();
            s.arm(ledger.get(g.id()).orElseThrow());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (closed.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(closed).containsExactly(g.id());
        }
    }
}
