package io.postern.orchestrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.device.CommandSequence;
import io.postern.device.Step;
import io.postern.orchestrator.event.RecordingEventListener;
import io.postern.orchestrator.ledger.Grant;
import io.postern.orchestrator.ledger.GrantKey;
import io.postern.orchestrator.ledger.GrantState;
import io.postern.orchestrator.ledger.SqliteStateStore;
import io.postern.orchestrator.timer.Backoff;
import io.postern.orchestrator.timer.GrantScheduler;
import io.postern.orchestrator.timer.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrantOpenerTest {

    static final GrantKey KEY = new GrantKey("198.18.0.2", "access.conf:1", "tcp", 22, "local");

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
    SqliteStateStore ledger;
    GrantScheduler scheduler;
    RecordingEventListener events = new RecordingEventListener();
    List<String> closes = new CopyOnWriteArrayList<>();
    AtomicInteger opens = new AtomicInteger();
    GrantOpener opener;

    @BeforeEach
    void setUp() {
        ledger = SqliteStateStore.open(dir);
        scheduler = new GrantScheduler(ledger, g -> closes.add(g.key().proto() + "/" + g.key().port()), clock,
                Backoff.DEFAULT, events, 1);
        opener = new GrantOpener(ledger, scheduler, events, clock);
    }

    @AfterEach
    void tearDown() {
        opener.close();
        scheduler.close();
        ledger.close();
    }

    PlannedGrant plan(GrantKey key, int seconds, boolean reopen) {
        return new PlannedGrant(key, Duration.ofSeconds(seconds), opens::incrementAndGet,
                CloseSpec.of(CommandSequence.of(List.of(Step.of(List.of("/bin/true"), Duration.ofSeconds(5))))), reopen);
    }

    @Test
    void opensRecordsAndClosesOnTime() {
        List<GrantOutcome> out = opener.open(List.of(plan(KEY, 30, false)));
        assertThat(out).extracting(GrantOutcome::result).containsExactly(GrantOutcome.Result.OPENED);
        Grant g = out.get(0).grant();
        assertThat(g.state()).isEqualTo(GrantState.OPEN);
        assertThat(CloseSpec.fromJson(g.closeSpec()).toSequence().argvs()).containsExactly(List.of("/bin/true"));
        clock.advance(Duration.ofSeconds(30));
        scheduler.runDue();
        assertThat(closes).containsExactly("tcp/22");
        assertThat(events.events()).containsExactly("opened:tcp/22@local", "closed:tcp/22@local");
    }

    @Test
    void aFailedOpenThatMayHaveLeftTheEntryIsClosedAtOnceNotRecordedFailed() {
        PlannedGrant uncertain = new PlannedGrant(KEY, Duration.ofSeconds(30), () -> {
            throw new io.postern.device.DeviceException("fw1", "open request 1/1 failed: answer lost", List.of())
                    .mayHaveChangedTheDevice();
        }, CloseSpec.of(CommandSequence.of(List.of(Step.of(List.of("/bin/true"), Duration.ofSeconds(5))))), false);
        List<GrantOutcome> out = opener.open(List.of(uncertain));
        assertThat(out.get(0).result()).isEqualTo(GrantOutcome.Result.FAILED);
        assertThat(out.get(0).error()).contains("may keep the entry");
        Grant g = ledger.get(out.get(0).grant().id()).orElseThrow();
        assertThat(g.state()).as("not FAILED: nothing would ever close it").isEqualTo(GrantState.CLOSING);
        assertThat(g.nextAttemptAt()).isEqualTo(clock.instant());
        scheduler.runDue();
        assertThat(closes).containsExactly("tcp/22");
        assertThat(ledger.active()).isEmpty();
    }

    @Test
    void reKnockExtendsInsteadOfDuplicating() {
        opener.open(List.of(plan(KEY, 30, false)));
        clock.advance(Duration.ofSeconds(20));
        List<GrantOutcome> again = opener.open(List.of(plan(KEY, 30, false)));
        assertThat(again.get(0).result()).isEqualTo(GrantOutcome.Result.EXTENDED);
        assertThat(opens).hasValue(1);
        assertThat(ledger.active()).hasSize(1);
        clock.advance(Duration.ofSeconds(10));
        scheduler.runDue();
        assertThat(closes).isEmpty();
        clock.advance(Duration.ofSeconds(20));
        scheduler.runDue();
        assertThat(closes).containsExactly("tcp/22");
    }

    @Test
    void reKnockRerunsTheOpenWhenAskedTo() {
        opener.open(List.of(plan(KEY, 30, true)));
        opener.open(List.of(plan(KEY, 30, true)));
        assertThat(opens).hasValue(2);
        assertThat(ledger.active()).hasSize(1);
    }

    @Test
    void failedOpenIsRecordedAndNeverClosed() {
        PlannedGrant failing = new PlannedGrant(KEY, Duration.ofSeconds(30), () -> {
            throw new Exception("ipset v7.17: The set with the given name does not exist");
        }, CloseSpec.none(), false);
        List<GrantOutcome> out = opener.open(List.of(failing));
        assertThat(out.get(0).result()).isEqualTo(GrantOutcome.Result.FAILED);
        assertThat(out.get(0).error()).contains("does not exist");
        assertThat(ledger.active()).isEmpty();
        clock.advance(Duration.ofSeconds(60));
        scheduler.runDue();
        assertThat(closes).isEmpty();
        assertThat(events.events()).containsExactly("openFailed:tcp/22@local");
    }

    @Test
    void eachPortIsItsOwnGrant() {
        GrantKey udp = new GrantKey("198.18.0.2", "access.conf:1", "udp", 53, "local");
        opener.open(List.of(plan(KEY, 30, false), plan(udp, 30, false)));
        assertThat(ledger.active()).hasSize(2);
        clock.advance(Duration.ofSeconds(30));
        scheduler.runDue();
        assertThat(closes).containsExactlyInAnyOrder("tcp/22", "udp/53");
    }

    @Test
    void aNewOpenTakesOverFromAGrantStuckClosing() {
        Grant old = opener.open(List.of(plan(KEY, 30, false))).get(0).grant();
        ledger.recordCloseFailure(old.id(), "device unreachable", clock.instant().plusSeconds(60));
        Grant fresh = opener.open(List.of(plan(KEY, 30, false))).get(0).grant();
        assertThat(fresh.id()).isNotEqualTo(old.id());
        assertThat(ledger.get(old.id()).orElseThrow().state()).isEqualTo(GrantState.CLOSED);
        assertThat(ledger.active()).extracting(Grant::id).containsExactly(fresh.id());
    }

    private static GrantPlan local(PlannedGrant... grants) {
        return new GrantPlan(List.of(grants), RolloutPolicy.LOCAL);
    }

    @Test
    void submittedPlanOpensOnTheOpenersThreads() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        PlannedGrant p = new PlannedGrant(KEY, Duration.ofSeconds(30), () -> threads.add(Thread.currentThread().getName()),
                CloseSpec.none(), false);
        List<GrantOutcome> out = opener.submit(local(p)).get(10, TimeUnit.SECONDS);
        assertThat(out).extracting(GrantOutcome::result).containsExactly(GrantOutcome.Result.OPENED);
        assertThat(threads).containsExactly("postern-open");
        assertThat(ledger.get(out.get(0).grant().id()).orElseThrow().state()).isEqualTo(GrantState.OPEN);
    }

    @Test
    void aFullOpenerMakesTheCallerWaitAndDropsNothing() throws Exception {
        try (GrantOpener one = new GrantOpener(ledger, scheduler, events, clock, 1)) {
            CountDownLatch release = new CountDownLatch(1);
            PlannedGrant slow = new PlannedGrant(KEY, Duration.ofSeconds(30), release::await, CloseSpec.none(), false);
            GrantKey other = new GrantKey("198.18.0.3", "access.conf:1", "tcp", 22, "local");
            CompletableFuture<List<GrantOutcome>> first = one.submit(local(slow));
            CompletableFuture<CompletableFuture<List<GrantOutcome>>> second = CompletableFuture.supplyAsync(
                    () -> one.submit(local(plan(other, 30, false))));
            Thread.sleep(200);
            assertThat(second).isNotDone(); // waiting for the one slot
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).get(0).result()).isEqualTo(GrantOutcome.Result.OPENED);
            assertThat(second.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS).get(0).result())
                    .isEqualTo(GrantOutcome.Result.OPENED);
            assertThat(ledger.active()).hasSize(2);
        }
    }

    @Test
    void opensOfOneKeyNeverOverlap() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        PlannedGrant p = new PlannedGrant(KEY, Duration.ofSeconds(30), () -> {
            if (running.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            Thread.sleep(50);
            running.decrementAndGet();
            opens.incrementAndGet();
        }, CloseSpec.none(), true);
        List<CompletableFuture<List<GrantOutcome>>> all = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            all.add(opener.submit(local(p)));
        }
        List<GrantOutcome.Result> results = new java.util.ArrayList<>();
        for (CompletableFuture<List<GrantOutcome>> f : all) {
            results.add(f.get(10, TimeUnit.SECONDS).get(0).result());
        }
        assertThat(overlaps).hasValue(0);
        assertThat(results).containsExactlyInAnyOrder(GrantOutcome.Result.OPENED, GrantOutcome.Result.EXTENDED,
                GrantOutcome.Result.EXTENDED, GrantOutcome.Result.EXTENDED);
        assertThat(ledger.active()).hasSize(1);
    }

    @Test
    void drainWaitsForEverySubmittedPlan() {
        for (int i = 0; i < 20; i++) {
            GrantKey k = new GrantKey("198.18.1." + i, "access.conf:1", "tcp", 22, "local");
            opener.submit(local(new PlannedGrant(k, Duration.ofSeconds(30), () -> Thread.sleep(20), CloseSpec.none(),
                    false)));
        }
        opener.drain();
        assertThat(ledger.active()).hasSize(20).allSatisfy(g -> assertThat(g.state()).isEqualTo(GrantState.OPEN));
    }

    @Test
    void aClosedOpenerStillOpensWhatItIsGiven() throws Exception {
        opener.close();
        List<GrantOutcome> out = opener.submit(local(plan(KEY, 30, false))).get(10, TimeUnit.SECONDS);
        assertThat(out.get(0).result()).isEqualTo(GrantOutcome.Result.OPENED);
    }
}
