package io.postern.orchestrator.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStateStoreTest {

    static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    static final GrantKey KEY = new GrantKey("198.18.0.2", "access.conf:3", "tcp", 22, "local");

    @TempDir
    Path dir;

    @Test
    void grantLifecycleIsPersistedAcrossReopen() {
        long id;
        try (SqliteStateStore s = SqliteStateStore.open(dir)) {
            Grant g = s.recordOpening(KEY, T0, T0.plusSeconds(30), "{\"argv\":[\"true\"]}");
            id = g.id();
            assertThat(s.active()).extracting(Grant::state).containsExactly(GrantState.OPENING);
            s.markOpen(id);
        }
        try (SqliteStateStore s = SqliteStateStore.open(dir)) {
            Grant g = s.get(id).orElseThrow();
            assertThat(g.state()).isEqualTo(GrantState.OPEN);
            assertThat(g.key()).isEqualTo(KEY);
            assertThat(g.expiresAt()).isEqualTo(T0.plusSeconds(30));
            assertThat(g.closeSpec()).isEqualTo("{\"argv\":[\"true\"]}");
            assertThat(s.findActive(KEY)).map(Grant::id).contains(id);
            s.recordCloseFailure(id, "% Invalid input detected", T0.plusSeconds(31));
            s.recordCloseFailure(id, "timeout", T0.plusSeconds(33));
            Grant failing = s.get(id).orElseThrow();
            assertThat(failing.state()).isEqualTo(GrantState.CLOSING);
            assertThat(failing.attempts()).isEqualTo(2);
            assertThat(failing.lastError()).isEqualTo("timeout");
            assertThat(failing.dueAt()).isEqualTo(T0.plusSeconds(33));
            s.markClosed(id);
            assertThat(s.active()).isEmpty();
            assertThat(s.findActive(KEY)).isEmpty();
            assertThat(s.recent(10)).extracting(Grant::state).containsExactly(GrantState.CLOSED);
        }
    }

    @Test
    void extendNeverShortensAndOnlyTouchesOpenGrants() {
        try (SqliteStateStore s = SqliteStateStore.open(dir)) {
            Grant g = s.recordOpening(KEY, T0, T0.plusSeconds(30), "{}");
            s.extend(g.id(), T0.plusSeconds(90));
            assertThat(s.get(g.id()).orElseThrow().expiresAt()).isEqualTo(T0.plusSeconds(30)); // still OPENING
            s.markOpen(g.id());
            s.extend(g.id(), T0.plusSeconds(90));
            s.extend(g.id(), T0.plusSeconds(60));
            assertThat(s.get(g.id()).orElseThrow().expiresAt()).isEqualTo(T0.plusSeconds(90));
        }
    }

    @Test
    void failedOpenIsFinalAndNotActive() {
        try (SqliteStateStore s = SqliteStateStore.open(dir)) {
            Grant g = s.recordOpening(KEY, T0, T0.plusSeconds(30), "{}");
            s.markOpenFailed(g.id(), "exit 1: ipset v7.17: Set cannot be found");
            assertThat(s.active()).isEmpty();
            assertThat(s.get(g.id()).orElseThrow().lastError()).contains("Set cannot be found");
            s.markOpen(g.id()); // a late success report does not resurrect it
            assertThat(s.get(g.id()).orElseThrow().state()).isEqualTo(GrantState.FAILED);
        }
    }

    @Test
    void replayDigestInsertIsAtomicUnderConcurrency() throws Exception {
        try (SqliteStateStore s = SqliteStateStore.open(dir)) {
            AtomicInteger winners = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (s.insertDigestIfAbsent("eK3suQof9n+iNM6Ak9S3trrG3O81FQivjo7CB2/94Bk", T0, "127.0.0.1", null)) {
                        winners.incrementAndGet();
                    }
                });
                t.start();
                threads.add(t);
            }
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
            assertThat(winners).hasValue(1);
            assertThat(s.digestSeenAt("eK3suQof9n+iNM6Ak9S3trrG3O81FQivjo7CB2/94Bk")).contains(T0);
        }
    }

    @Test
    void purgeDropsOnlyOldDigests() {
        try (SqliteStateStore s = SqliteStateStore.open(dir)) {
            s.insertDigestIfAbsent("old", T0, null, null);
            s.insertDigestIfAbsent("new", T0.plusSeconds(200), null, null);
            assertThat(s.purgeDigestsOlderThan(T0.plusSeconds(100))).isEqualTo(1);
            assertThat(s.digestCount()).isEqualTo(1);
            assertThat(s.insertDigestIfAbsent("new", T0.plusSeconds(300), null, null)).isFalse();
        }
    }

    @Test
    void readOnlyOpenSeesWritesOfARunningWriter() {
        try (SqliteStateStore w = SqliteStateStore.open(dir)) {
            Grant g = w.recordOpening(KEY, T0, T0.plusSeconds(30), "{}");
            w.markOpen(g.id());
            try (SqliteStateStore r = SqliteStateStore.openReadOnly(dir)) {
                assertThat(r.active()).extracting(Grant::id).containsExactly(g.id());
            }
        }
    }

    @Test
    void anOpeningRowIsCommittedWhenRecordOpeningReturns() {
        try (SqliteStateStore w = SqliteStateStore.open(dir)) {
            Grant g = w.recordOpening(KEY, T0, T0.plusSeconds(30), "{}");
            try (SqliteStateStore r = SqliteStateStore.openReadOnly(dir)) {
                assertThat(r.get(g.id())).map(Grant::state).contains(GrantState.OPENING);
            }
            Grant h = w.recordOpening(KEY, T0, T0.plusSeconds(30), "{}");
            assertThat(h.id()).isGreaterThan(g.id());
        }
    }

    @Test
    void onlyChangesThatGrantSomethingWaitForASync() {
        try (SqliteStateStore s = SqliteStateStore.open(dir)) {
            long base = s.syncCount();
            Grant g = s.recordOpening(KEY, T0, T0.plusSeconds(30), "{}");
            assertThat(s.syncCount()).isEqualTo(base + 1);
            // a digest rides on the next sync: the OPENING row that follows it, or syncPending()
            assertThat(s.insertDigestIfAbsent("d1", T0, null, null)).isTrue();
            assertThat(s.syncCount()).isEqualTo(base + 1);
            s.syncPending();
            assertThat(s.syncCount()).isEqualTo(base + 2);
            s.syncPending();
            assertThat(s.syncCount()).as("nothing pending: no sync").isEqualTo(base + 2);
            assertThat(s.insertDigestIfAbsent("d1", T0, null, null)).isFalse(); // a replay writes nothing
            assertThat(s.markOpen(g.id())).isTrue();
            s.markClosing(g.id(), T0.plusSeconds(30));
            s.recordCloseFailure(g.id(), "timeout", T0.plusSeconds(31));
            s.markClosed(g.id());
            assertThat(s.markOpen(g.id())).isFalse();
            s.ruleSeq("r1", "198.18.0.2 tcp/22");
            assertThat(s.syncCount()).isEqualTo(base + 2);
            assertThat(s.insertDigestIfAbsent("d2", T0, null, null)).isTrue();
            Grant h = s.recordOpening(KEY, T0, T0.plusSeconds(30), "{}");
            assertThat(s.syncCount()).as("digest and OPENING row: one sync").isEqualTo(base + 3);
            s.markOpen(h.id());
            s.extend(h.id(), T0.plusSeconds(60));
            assertThat(s.syncCount()).isEqualTo(base + 4);
        }
    }

    @Test
    void concurrentWritersShareSyncs() throws Exception {
        try (SqliteStateStore s = SqliteStateStore.open(dir)) {
            long base = s.syncCount();
            int threads = 8;
            int each = 25;
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int n = t;
                Thread th = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < each; i++) {
                        s.recordOpening(new GrantKey("198.18." + n + "." + i, "access.conf:3", "tcp", 22, "local"), T0,
                                T0.plusSeconds(30), "{}");
                    }
                });
                th.start();
                all.add(th);
            }
            go.countDown();
            for (Thread th : all) {
                th.join();
            }
            assertThat(s.active()).hasSize(threads * each);
            assertThat(s.syncCount() - base).isBetween(1L, (long) threads * each);
        }
    }

    @Test
    void readOnlyOpenOfAMissingDatabaseSaysWhere() {
        assertThatThrownBy(() -> SqliteStateStore.openReadOnly(dir.resolve("nowhere")))
                .isInstanceOf(LedgerException.class).hasMessageContaining("nowhere");
    }
}
