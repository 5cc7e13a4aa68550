package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.jdbc.Progress;
import dev.migrationstudio.jdbc.ProgressListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jooq.exception.DataAccessException;

/** What every table of a run shares: settings, databases, ledger, bad-row policy, progress and the stop signal. */
final class RunContext {
    final MigrationSettings settings;
    final BadRowPolicy badRows;
    final DataSource source;
    final DataSource target;
    final Ledger ledger;
    private final RunLock lock;
    final String runId;
    final boolean postgresTarget;
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicLong rowsDone = new AtomicLong();
    final long rowsTotal;
    private final Map<String, Long> tableRows;
    /** Per table: rows done in this run and when the run started on it, for per-table progress. */
    private final Map<String, long[]> tables = new ConcurrentHashMap<>();
    private final long startNanos;
    private final List<ProgressListener> listeners;
    /** An exported PostgreSQL snapshot every source transaction reads from; null to read the latest data. */
    private final String sourceSnapshot;

    RunContext(MigrationSettings settings, DataSource source, DataSource target, Ledger ledger, RunLock lock,
               String runId,
               boolean postgresTarget, Map<String, Long> tableRows, List<ProgressListener> listeners,
               String sourceSnapshot) {
        this.settings = settings;
        this.badRows = new BadRowPolicy(settings.badRows());
        this.source = source;
        this.target = target;
        this.ledger = ledger;
        this.lock = lock;
        this.runId = runId;
        this.postgresTarget = postgresTarget;
        this.tableRows = Map.copyOf(tableRows);
        this.rowsTotal = tableRows.values().stream().mapToLong(Long::longValue).sum();
        this.listeners = List.copyOf(listeners);
        this.startNanos = System.nanoTime();
        this.sourceSnapshot = sourceSnapshot;
    }

    /** The listeners, for reports other than a committed chunk. */
    List<ProgressListener> listeners() {
        return listeners;
    }

    String migration() {
        return settings.migration();
    }

    /**
     * Proves, in the target's open transaction, that this run still holds the run lock; every commit
     * that writes target rows calls it just before committing ({@link RunLock#prove}). A run that lost
     * the lock stops all its tables.
     */
    void proveLock(Connection target) {
        try {
            lock.prove(target);
        } catch (RuntimeException e) {
            stop.set(true);
            throw e;
        }
    }

    /**
     * Checks that this run still holds the run lock, locking nothing ({@link RunLock#check}): before a
     * commit's ledger entries and bad-row reports, which would otherwise report the other run's rows.
     */
    void checkLock(Connection target) {
        try {
            lock.check(target);
        } catch (RuntimeException e) {
            stop.set(true);
            throw e;
        }
    }

    /** The run starts on a table: its rate is measured from here. */
    void tableStarted(String table) {
        tables.put(table, new long[] {0, System.nanoTime()});
    }

    void chunkCommitted(String table, long chunk, long rows) {
        long done = rowsDone.addAndGet(rows);
        long now = System.nanoTime();
        Duration elapsed = Duration.ofNanos(now - startNanos);
        double seconds = elapsed.toNanos() / 1e9;
        long[] clock = tables.computeIfAbsent(table, t -> new long[] {0, startNanos});
        long tableDone;
        synchronized (clock) {
            clock[0] += rows;
            tableDone = clock[0];
        }
        Progress progress = new Progress(table, chunk, done, rowsTotal, elapsed, seconds <= 0 ? 0 : done / seconds,
                tableDone, tableRows.getOrDefault(table, 0L), Duration.ofNanos(now - clock[1]));
        for (ProgressListener listener : listeners) {
            listener.onChunk(progress);
        }
    }

    /** Work on a source and a target connection. */
    @FunctionalInterface
    interface Work {
        void run(Connection source, Connection target) throws SQLException;
    }

    /** Throws, naming {@code table}, when another table of the run has failed and the run is stopping. */
    void stopIfAnotherTableFailed(String table) {
        if (stop.get()) {
            throw new MigrationException(table + ": stopped because another table failed");
        }
    }

    /**
     * Runs work on a fresh source connection, read-only and in a transaction (PostgreSQL streams with
     * a fetch size only inside one), and a fresh target connection in a transaction that the work
     * commits as it goes. With a source snapshot, the source transaction is a repeatable read one
     * that reads the snapshot, so every table reads the source as of one instant. When the work fails, the target's open transaction is rolled back (what was
     * committed stays) and a database failure is reported as a {@link MigrationException} that starts
     * with {@code what}.
     */
    void withConnections(String what, Work work) {
        try (Connection from = source.getConnection(); Connection to = target.getConnection()) {
            from.setReadOnly(true);
            from.setAutoCommit(false);
            to.setAutoCommit(false);
            int isolation = from.getTransactionIsolation();
            if (sourceSnapshot != null) {
                SourceSnapshots.read(from, sourceSnapshot);
            }
            try {
                work.run(from, to);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(to);
                throw e;
            } finally {
                rollbackQuietly(from);
                if (sourceSnapshot != null) {
                    from.setTransactionIsolation(isolation);
                }
            }
        } catch (SQLException e) {
            throw new MigrationException(what + ": " + SqlStates.reason(e), e);
        } catch (DataAccessException e) {
            String reason = e.getCause() instanceof SQLException ? SqlStates.reason((SQLException) e.getCause())
                    : e.getMessage();
            throw new MigrationException(what + ": " + reason, e);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection may be gone; the transaction went with it.
        }
    }
}
