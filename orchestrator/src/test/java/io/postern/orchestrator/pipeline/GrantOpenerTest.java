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
import java.util.concurrent.CopyOnWriteArrayList;
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
}
