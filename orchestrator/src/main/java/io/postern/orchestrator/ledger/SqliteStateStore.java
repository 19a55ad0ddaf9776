package io.postern.orchestrator.ledger;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.postern.spa.policy.DigestStore;
import io.postern.spa.policy.ReplayRecord;

/**
 * Postern's embedded state: grants and replay digests in one SQLite file ({@code postern.db} under the
 * state directory), in WAL mode, so {@code postern status} can read while {@code serve} writes.
 *
 * <p><b>Durability.</b> Every change is committed before its method returns, so it survives {@code kill -9}
 * of the process. Against power loss (or a kernel crash) the changes that <em>grant</em> something are
 * synced to disk before their method returns: a grant recorded as OPENING ({@link #recordOpening}, so a
 * grant that may be open is never forgotten) and a longer expiry ({@link #extend}). A new replay digest
 * ({@link #insertDigestIfAbsent}) is synced with the first of those that follows it, or by
 * {@link #syncPending} (a command message runs only after it): the WAL is written in order, so the digest is
 * on disk before the packet has any effect, without a sync of its own. The other changes (OPEN, FAILED, CLOSING, close failures, CLOSED, rule numbers,
 * digest purges) reach the disk with the next synced commit or checkpoint. Losing such a tail errs on the
 * safe side only: a grant found OPENING at start is closed at once, one found OPEN or CLOSING is closed (again:
 * closes are idempotent), and a rule number is always allocated before the OPENING row that uses it, so a
 * synced OPENING row carries its allocation with it.
 *
 * <p>How: the connection runs with {@code synchronous=NORMAL} (in WAL mode SQLite then syncs only at
 * checkpoints, and syncs the database file after each checkpoint), and the commits listed above are followed
 * by an {@code fdatasync} of the WAL file, which is exactly what {@code synchronous=FULL} does at every
 * commit. The WAL is append-only between checkpoints, so one sync makes every earlier commit durable too:
 * concurrent callers share one sync (group commit), and the sync runs outside the connection's lock, so
 * other threads keep reading and writing meanwhile. This replaced {@code synchronous=FULL}, which synced
 * every commit (the replay digest, OPENING and OPEN rows of each grant: three syncs) under the lock. When
 * SQLite cannot use WAL on the state directory's file system, the store stays in rollback-journal mode with
 * {@code synchronous=FULL} and every commit is synced by SQLite itself.
 *
 * <p>One connection, serialized by this object's monitor: SQLite has a single writer anyway, and the
 * write rate (one replay digest per authenticated packet, a few rows per grant) is far below what one
 * connection sustains. Prepared statements are kept for the connection's life.
 */
public final class SqliteStateStore implements GrantLedger, DigestStore {

    /** File name of the database inside the state directory. */
    public static final String FILE_NAME = "postern.db";
    private static final int SCHEMA_VERSION = 1;

    private final Connection db;
    private final Path file;
    /** The WAL file to sync after commits that must be durable; null: SQLite syncs every commit itself. */
    private final Path walFile;
    /** Prepared statements by SQL text; guarded by this. */
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    /** Number of commits that must be durable, counted when each has been written (under this). */
    private volatile long durableWrites;
    private final Object syncLock = new Object();
    /** Durable commits known to be on disk; guarded by syncLock. */
    private long synced;
    /** Opened at the first sync; guarded by syncLock. */
    private FileChannel wal;
    /** WAL syncs done (for tests). */
    private volatile long syncCount;

    private SqliteStateStore(Connection db, Path file, Path walFile) {
        this.db = db;
        this.file = file;
        this.walFile = walFile;
    }

    /** Opens (creating if needed) the store in {@code stateDir}. */
    public static SqliteStateStore open(Path stateDir) {
        Path file = stateDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(stateDir);
            org.sqlite.SQLiteConfig cfg = new org.sqlite.SQLiteConfig();
            // the driver would run "SELECT last_insert_rowid()" after every INSERT; ids come from RETURNING
            cfg.setGetGeneratedKeys(false);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), cfg.toProperties());
            boolean walMode;
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("PRAGMA journal_mode=WAL")) {
                    walMode = rs.next() && "wal".equalsIgnoreCase(rs.getString(1));
                }
                // see the class comment: NORMAL plus an explicit WAL sync for the commits that grant something
                s.execute(walMode ? "PRAGMA synchronous=NORMAL" : "PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("PRAGMA foreign_keys=ON");
            }
            Path wal = walMode ? file.resolveSibling(file.getFileName() + "-wal") : null;
            SqliteStateStore store = new SqliteStateStore(c, file, wal);
            store.migrate();
            return store;
        } catch (SQLException | java.io.IOException e) {
            throw new LedgerException("cannot open state database " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens an existing store read-only (for {@code postern status} beside a running server). */
    public static SqliteStateStore openReadOnly(Path stateDir) {
        Path file = stateDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            throw new LedgerException("no state database at " + file + " (has postern serve run with this --state-dir?)", null);
        }
        try {
            org.sqlite.SQLiteConfig cfg = new org.sqlite.SQLiteConfig();
            cfg.setReadOnly(true);
            cfg.setBusyTimeout(5000);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), cfg.toProperties());
            return new SqliteStateStore(c, file, null);
        } catch (SQLException e) {
            throw new LedgerException("cannot open state database " + file + ": " + e.getMessage(), e);
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    private void migrate() throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS grants ("
                    + " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " source TEXT NOT NULL, stanza TEXT NOT NULL, proto TEXT NOT NULL, port INTEGER NOT NULL,"
                    + " target TEXT NOT NULL,"
                    + " opened_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,"
                    + " state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,"
                    + " last_error TEXT, next_attempt_at INTEGER, close_spec TEXT NOT NULL,"
                    + " updated_at INTEGER NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS grants_by_state ON grants(state)");
            s.execute("CREATE INDEX IF NOT EXISTS grants_by_key ON grants(source, stanza, proto, port, target)");
            s.execute("CREATE TABLE IF NOT EXISTS replay_digests ("
                    + " digest TEXT PRIMARY KEY, created_at INTEGER NOT NULL, source TEXT, detail TEXT)");
            s.execute("CREATE INDEX IF NOT EXISTS replay_by_time ON replay_digests(created_at)");
            s.execute("CREATE TABLE IF NOT EXISTS device_rules ("
                    + " device TEXT NOT NULL, entry TEXT NOT NULL, seq INTEGER NOT NULL,"
                    + " PRIMARY KEY (device, entry), UNIQUE (device, seq))");
            try (ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
                if (!rs.next()) {
                    s.execute("INSERT INTO schema_version(version) VALUES (" + SCHEMA_VERSION + ")");
                } else if (rs.getInt(1) > SCHEMA_VERSION) {
                    throw new SQLException("database schema " + rs.getInt(1) + " is newer than this Postern ("
                            + SCHEMA_VERSION + ")");
                }
            }
        }
    }

    // ---- replay digests -------------------------------------------------------------------------

    /**
     * Inserts a replay digest unless present; atomic (primary key), committed before it returns and on disk
     * with the next synced commit (see the class comment).
     *
     * @return true if it was new, false if this digest was seen before (a replay)
     */
    public boolean insertDigestIfAbsent(String digest, Instant at, String source, String detail) {
        synchronized (this) {
            try {
                PreparedStatement p = statement(
                        "INSERT OR IGNORE INTO replay_digests(digest, created_at, source, detail) VALUES (?,?,?,?)");
                p.setString(1, digest);
                p.setLong(2, at.toEpochMilli());
                p.setString(3, source);
                p.setString(4, detail);
                if (p.executeUpdate() != 1) {
                    return false;
                }
                ++durableWrites; // made durable by the next sync: the OPENING row's, or syncPending()
            } catch (SQLException e) {
                throw new LedgerException("cannot record replay digest: " + e.getMessage(), e);
            }
        }
        return true;
    }

    /** Syncs every commit so far that must reach the disk (a replay digest before a command message runs). */
    public void syncPending() {
        awaitDurable(durableWrites);
    }

    /** When a digest was first seen, if it was. */
    public synchronized Optional<Instant> digestSeenAt(String digest) {
        try {
            PreparedStatement p = statement("SELECT created_at FROM replay_digests WHERE digest = ?");
            p.setString(1, digest);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot read replay digests: " + e.getMessage(), e);
        }
    }

    /** Drops digests older than {@code cutoff}; packets that old fail the age check anyway. */
    public synchronized int purgeDigestsOlderThan(Instant cutoff) {
        try {
            PreparedStatement p = statement("DELETE FROM replay_digests WHERE created_at < ?");
            p.setLong(1, cutoff.toEpochMilli());
            return p.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("cannot purge replay digests: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean putIfAbsent(String digest, ReplayRecord info) {
        String src = info.source() == null ? null : info.source().getHostAddress();
        return insertDigestIfAbsent(digest, info.seenAt(), src, "stanza #" + info.stanzaNumber());
    }

    @Override
    public boolean contains(String digest) {
        return digestSeenAt(digest).isPresent();
    }

    @Override
    public void purgeOlderThan(Instant cutoff) {
        purgeDigestsOlderThan(cutoff);
    }

    /** Number of stored replay digests. */
    public synchronized long digestCount() {
        return count("SELECT COUNT(*) FROM replay_digests");
    }

    // ---- per-device rule numbers ------------------------------------------------------------------

    /** First sequence number handed out on a device (below it: the operator's own entries). */
    public static final long FIRST_RULE_SEQ = 1000;
    /** Last one (above it: the base policy's entries). */
    public static final long LAST_RULE_SEQ = 1_999_999_999L;

    /**
     * The sequence number of an entry on a device (an ACL line): the one it had before, or the next free
     * one. Stable for a given entry, so grants that share the entry share the number and the close that
     * was recorded for one of them removes the right line.
     */
    public synchronized long ruleSeq(String device, String entry) {
        try {
            PreparedStatement p = statement("SELECT seq FROM device_rules WHERE device = ? AND entry = ?");
            p.setString(1, device);
            p.setString(2, entry);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
            long next;
            PreparedStatement m = statement("SELECT MAX(seq) FROM device_rules WHERE device = ?");
            m.setString(1, device);
            try (ResultSet rs = m.executeQuery()) {
                rs.next();
                long max = rs.getLong(1);
                next = rs.wasNull() ? FIRST_RULE_SEQ : max + 1;
            }
            if (next > LAST_RULE_SEQ) {
                throw new LedgerException("no free rule sequence number left on " + device, null);
            }
            PreparedStatement ins = statement("INSERT INTO device_rules(device, entry, seq) VALUES (?,?,?)");
            ins.setString(1, device);
            ins.setString(2, entry);
            ins.setLong(3, next);
            ins.executeUpdate();
            return next;
        } catch (SQLException e) {
            throw new LedgerException("cannot allocate a rule number on " + device + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether another grant that is OPEN holds the same entry (source, proto/port) on the same target. An open
     * for a shared entry must not add it twice; a close must leave it while another holder is open.
     */
    public synchronized boolean openGrantShares(GrantKey key, long excludeId) {
        try {
            PreparedStatement p = statement("SELECT COUNT(*) FROM grants WHERE target = ? AND source = ?"
                    + " AND proto = ? AND port = ? AND state = 'OPEN' AND id <> ?");
            p.setString(1, key.target());
            p.setString(2, key.source());
            p.setString(3, key.proto());
            p.setInt(4, key.port());
            p.setLong(5, excludeId);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot read grants: " + e.getMessage(), e);
        }
    }

    // ---- grants ---------------------------------------------------------------------------------

    /** Durable (synced to disk) before it returns: see the class comment. */
    @Override
    public Grant recordOpening(GrantKey key, Instant openedAt, Instant expiresAt, String closeSpec) {
        Grant g;
        long written;
        synchronized (this) {
            try {
                PreparedStatement p = statement("INSERT INTO grants(source, stanza, proto, port, target,"
                        + " opened_at, expires_at, state, attempts, close_spec, updated_at)"
                        + " VALUES (?,?,?,?,?,?,?,?,0,?,?) RETURNING id");
                bindKey(p, key);
                p.setLong(6, openedAt.toEpochMilli());
                p.setLong(7, expiresAt.toEpochMilli());
                p.setString(8, GrantState.OPENING.name());
                p.setString(9, closeSpec);
                p.setLong(10, openedAt.toEpochMilli());
                long id;
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("no id returned");
                    }
                    id = rs.getLong(1);
                }
                written = ++durableWrites;
                g = new Grant(id, key, openedAt, expiresAt, GrantState.OPENING, 0, null, null, closeSpec);
            } catch (SQLException e) {
                throw new LedgerException("cannot record grant: " + e.getMessage(), e);
            }
        }
        awaitDurable(written);
        return g;
    }

    @Override
    public synchronized boolean markOpen(long id) {
        return update(id, "UPDATE grants SET state = 'OPEN', updated_at = ? WHERE id = ? AND state = 'OPENING'",
                null) == 1;
    }

    @Override
    public synchronized void markOpenFailed(long id, String error) {
        update(id, "UPDATE grants SET state = 'FAILED', last_error = ?, updated_at = ? WHERE id = ?", error);
    }

    /** Durable (synced to disk) before it returns: see the class comment. */
    @Override
    public void extend(long id, Instant expiresAt) {
        long written;
        synchronized (this) {
            updateAt("UPDATE grants SET expires_at = MAX(expires_at, ?), updated_at = ? WHERE id = ? AND state = 'OPEN'",
                    expiresAt, id, "extend");
            written = ++durableWrites;
        }
        awaitDurable(written);
    }

    @Override
    public synchronized void markClosing(long id, Instant attemptAt) {
        updateAt("UPDATE grants SET state = 'CLOSING', next_attempt_at = ?, updated_at = ? WHERE id = ?"
                + " AND state IN ('OPENING', 'OPEN', 'CLOSING')", attemptAt, id, "mark closing");
    }

    /** Runs an update of one grant whose parameters are (an instant, now, the id); call with the monitor held. */
    private void updateAt(String sql, Instant at, long id, String action) {
        try {
            PreparedStatement p = statement(sql);
            p.setLong(1, at.toEpochMilli());
            p.setLong(2, System.currentTimeMillis());
            p.setLong(3, id);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("cannot " + action + " grant " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void recordCloseFailure(long id, String error, Instant nextAttemptAt) {
        try {
            PreparedStatement p = statement("UPDATE grants SET state = 'CLOSING', attempts = attempts + 1,"
                    + " last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?");
            p.setString(1, error);
            p.setLong(2, nextAttemptAt.toEpochMilli());
            p.setLong(3, System.currentTimeMillis());
            p.setLong(4, id);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("cannot record close failure of grant " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void markClosed(long id) {
        update(id, "UPDATE grants SET state = 'CLOSED', attempts = attempts + 1, next_attempt_at = NULL,"
                + " updated_at = ? WHERE id = ?", null);
    }

    private int update(long id, String sql, String error) {
        try {
            PreparedStatement p = statement(sql);
            int i = 1;
            if (error != null) {
                p.setString(i++, error);
            }
            p.setLong(i++, System.currentTimeMillis());
            p.setLong(i, id);
            return p.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("cannot update grant " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<Grant> findActive(GrantKey key) {
        try {
            PreparedStatement p = statement("SELECT " + GRANT_COLUMNS + " FROM grants WHERE source = ? AND stanza = ?"
                    + " AND proto = ? AND port = ? AND target = ? AND state IN ('OPENING','OPEN','CLOSING')"
                    + " ORDER BY id DESC LIMIT 1");
            bindKey(p, key);
            List<Grant> g = read(p);
            return g.isEmpty() ? Optional.empty() : Optional.of(g.get(0));
        } catch (SQLException e) {
            throw new LedgerException("cannot read grants: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<Grant> get(long id) {
        try {
            PreparedStatement p = statement("SELECT " + GRANT_COLUMNS + " FROM grants WHERE id = ?");
            p.setLong(1, id);
            List<Grant> g = read(p);
            return g.isEmpty() ? Optional.empty() : Optional.of(g.get(0));
        } catch (SQLException e) {
            throw new LedgerException("cannot read grant " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<Grant> active() {
        try {
            return read(statement("SELECT " + GRANT_COLUMNS + " FROM grants WHERE state IN ('OPENING','OPEN','CLOSING') ORDER BY id"));
        } catch (SQLException e) {
            throw new LedgerException("cannot read grants: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<Grant> recent(int limit) {
        try {
            PreparedStatement p = statement("SELECT " + GRANT_COLUMNS + " FROM grants ORDER BY id DESC LIMIT ?");
            p.setInt(1, limit);
            return read(p);
        } catch (SQLException e) {
            throw new LedgerException("cannot read grants: " + e.getMessage(), e);
        }
    }

    /** Binds a grant key to parameters 1-5 (source, stanza, proto, port, target). */
    private static void bindKey(PreparedStatement p, GrantKey key) throws SQLException {
        p.setString(1, key.source());
        p.setString(2, key.stanza());
        p.setString(3, key.proto());
        p.setInt(4, key.port());
        p.setString(5, key.target());
    }

    /** The columns {@link #read} reads, in its order. */
    private static final String GRANT_COLUMNS = "id, source, stanza, proto, port, target, opened_at, expires_at, state,"
            + " attempts, last_error, next_attempt_at, close_spec";

    private static List<Grant> read(PreparedStatement p) throws SQLException {
        List<Grant> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                long next = rs.getLong(12);
                Instant nextAt = rs.wasNull() ? null : Instant.ofEpochMilli(next);
                out.add(new Grant(rs.getLong(1),
                        new GrantKey(rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6)),
                        Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)),
                        GrantState.valueOf(rs.getString(9)), rs.getInt(10), rs.getString(11), nextAt, rs.getString(13)));
            }
        }
        return out;
    }

    private synchronized long count(String sql) {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new LedgerException("cannot count: " + e.getMessage(), e);
        }
    }

    /** A prepared statement of this connection, kept for reuse; call with this object's monitor held. */
    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement p = statements.get(sql);
        if (p == null) {
            p = db.prepareStatement(sql);
            statements.put(sql, p);
        }
        return p;
    }

    /**
     * Returns once the durable commit numbered {@code written} is on disk: at once if a sync that started
     * after it was written has finished, else after syncing the WAL (which covers every commit written so far).
     */
    private void awaitDurable(long written) {
        if (walFile == null) {
            return; // synchronous=FULL: SQLite synced the commit
        }
        synchronized (syncLock) {
            if (synced >= written) {
                return;
            }
            long upTo = durableWrites;
            try {
                if (wal == null) {
                    wal = FileChannel.open(walFile, StandardOpenOption.READ);
                }
                wal.force(false);
            } catch (IOException e) {
                throw new LedgerException("cannot sync the state database's log " + walFile + ": " + e.getMessage(), e);
            }
            syncCount++;
            synced = upTo;
        }
    }

    /** How many times the WAL was synced (tests: group commit). */
    long syncCount() {
        return syncCount;
    }

    @Override
    public synchronized void close() {
        try {
            for (PreparedStatement p : statements.values()) {
                p.close();
            }
            statements.clear();
            synchronized (syncLock) {
                if (wal != null) {
                    wal.close();
                    wal = null;
                }
            }
            db.close();
        } catch (SQLException | IOException e) {
            throw new LedgerException("cannot close state database: " + e.getMessage(), e);
        }
    }
}
