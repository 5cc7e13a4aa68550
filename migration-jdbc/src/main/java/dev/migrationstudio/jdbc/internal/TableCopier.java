package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.jdbc.QuarantinedRow;
import dev.migrationstudio.jdbc.RowCounts;
import dev.migrationstudio.jdbc.TableResult;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.RowResult;
import dev.migrationstudio.mapping.internal.ValueText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one table mapping. A reader thread reads chunks in key order and maps them while this
 * thread writes the previous chunk, so reading and writing overlap; at most two chunks wait between
 * them, which bounds memory whatever the table's size.
 *
 * <p>Each chunk is written in one target transaction together with its ledger entry. A failed write
 * call is rolled back to a savepoint and retried row by row, so a bad row is isolated, quarantined
 * (or reported, under fail-fast) and the rest of the chunk still goes in.
 */
final class TableCopier {
    private static final Logger LOG = LoggerFactory.getLogger(TableCopier.class);
    private static final int QUARANTINE_SAMPLES = 100;

    private final RunContext run;
    private final TableJob job;
    private final RowWriter writer;
    private final Ledger.MappingState before;
    private final long sourceRows;
    private final List<String> warnings = new ArrayList<>();
    private final List<QuarantinedRow> quarantinedSamples = new ArrayList<>();
    private RowCounts counts = RowCounts.zero();
    private long chunksDone;

    TableCopier(RunContext run, TableJob job, RowWriter writer, Ledger.MappingState before, long sourceRows) {
        this.run = run;
        this.job = job;
        this.writer = writer;
        this.before = before;
        this.sourceRows = sourceRows;
    }

    /** Copies the table; returns its result or throws, leaving committed chunks in place. */
    TableResult copy(ExecutorService readers) {
        long start = System.nanoTime();
        LOG.info("{}: starting ({} source rows, {} chunks already committed)", job.name(), sourceRows, before.chunks());
        try {
            if (job.keyWidth() == 0) {
                copyWhole();
            } else {
                copyInChunks(readers);
            }
        } catch (RuntimeException e) {
            run.stop.set(true);
            throw new TableFailure(result(TableResult.Status.FAILED, start), e);
        }
        TableResult result = result(TableResult.Status.COMPLETED, start);
        LOG.info("{}: done, {} ({} chunks done, {} skipped)", job.name(), counts.describe(), chunksDone, before.chunks());
        return result;
    }

    /** Carries the partial result of a failed table with the failure. */
    static final class TableFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient TableResult result;

        TableFailure(TableResult result, RuntimeException cause) {
            super(cause.getMessage(), cause);
            this.result = result;
        }
    }

    TableResult result(TableResult.Status status, long startNanos) {
        RowCounts total = new RowCounts(before.read(), before.loaded(), before.filteredBy(), before.quarantined())
                .plus(counts);
        List<String> allWarnings = new ArrayList<>(warnings);
        if (status == TableResult.Status.COMPLETED && job.keyWidth() > 0 && total.read() != sourceRows) {
            allWarnings.add(String.format("the ledger accounts for %,d source rows over all runs but the source table "
                    + "had %,d at the start of this run: the source changed between runs, or rows were added "
                    + "below the last migrated key; verify the table", total.read(), sourceRows));
        }
        return new TableResult(job.name(), job.mapping().source(), job.mapping().target(), status, sourceRows, counts,
                total, chunksDone, before.chunks(), Duration.ofNanos(System.nanoTime() - startNanos),
                quarantinedSamples, allWarnings);
    }

    // --- keyed tables: chunks in key order -----------------------------------------------------

    private void copyInChunks(ExecutorService readers) {
        BlockingQueue<ChunkWork> queue = new ArrayBlockingQueue<>(2);
        Future<?> reader = readers.submit(() -> read(queue));
        try (Connection target = run.target.getConnection()) {
            target.setAutoCommit(false);
            while (true) {
                ChunkWork work = take(queue, reader);
                if (work == ChunkWork.END) {
                    break;
                }
                if (run.stop.get()) {
                    throw new MigrationException(job.name() + ": stopped because another table failed");
                }
                commitChunk(target, work);
            }
            reader.get();
        } catch (SQLException e) {
            throw new MigrationException(job.name() + ": the target failed: " + SqlStates.reason(e), e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException(job.name() + ": interrupted", e);
        } finally {
            reader.cancel(true);
        }
    }

    private ChunkWork take(BlockingQueue<ChunkWork> queue, Future<?> reader) throws InterruptedException,
            java.util.concurrent.ExecutionException {
        while (true) {
            ChunkWork work = queue.poll(100, TimeUnit.MILLISECONDS);
            if (work != null) {
                return work;
            }
            if (reader.isDone()) {
                reader.get();
                ChunkWork last = queue.poll();
                return last == null ? ChunkWork.END : last;
            }
        }
    }

    /**
     * Streams the source in key order from where the ledger says the last run stopped, one query
     * with a fetch size, and cuts it into chunks. Resuming is a keyset query: rows after the last
     * committed key.
     */
    private void read(BlockingQueue<ChunkWork> queue) {
        List<Object> after = before.lastKey().orElse(null);
        long number = before.chunks();
        int chunkSize = run.config.chunkSize();
        try (Connection source = run.source.getConnection()) {
            source.setReadOnly(true);
            // PostgreSQL streams with a fetch size only inside a transaction.
            source.setAutoCommit(false);
            try (PreparedStatement query = source.prepareStatement(after == null ? job.scanSql() : job.scanAfterSql())) {
                query.setFetchSize(run.config.fetchSize());
                if (after != null) {
                    for (int i = 0; i < after.size(); i++) {
                        query.setObject(i + 1, after.get(i));
                    }
                }
                try (ResultSet rs = query.executeQuery()) {
                    int[] types = JdbcValues.types(rs.getMetaData());
                    List<Row> rows = new ArrayList<>(chunkSize);
                    boolean more = rs.next();
                    while (more && !run.stop.get()) {
                        rows.add(readRow(rs, types));
                        more = rs.next();
                        if (rows.size() == chunkSize || !more) {
                            if (!offer(queue, map(++number, rows))) {
                                return;
                            }
                            rows = new ArrayList<>(chunkSize);
                        }
                    }
                }
            } finally {
                source.rollback();
            }
        } catch (SQLException e) {
            throw new MigrationException(job.name() + ": reading the source failed: " + SqlStates.reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands a chunk to the writer; false when the run is stopping. */
    private boolean offer(BlockingQueue<ChunkWork> queue, ChunkWork work) throws InterruptedException {
        while (!queue.offer(work, 100, TimeUnit.MILLISECONDS)) {
            if (run.stop.get() || Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return true;
    }

    private Row readRow(ResultSet rs, int[] types) throws SQLException {
        Object[] values = new Object[types.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = JdbcValues.read(rs, i + 1, types[i]);
        }
        return job.sourceLayout().row(values);
    }

    /** Maps source rows: each ends loaded, filtered or rejected. */
    private ChunkWork map(long number, List<Row> rows) {
        List<Row> sources = new ArrayList<>(rows.size());
        List<Row> targets = new ArrayList<>(rows.size());
        Map<String, Long> filtered = new LinkedHashMap<>();
        List<QuarantinedRow> rejected = new ArrayList<>();
        for (Row row : rows) {
            RowResult result = job.mapping().apply(row);
            if (result instanceof RowResult.Loaded) {
                sources.add(row);
                targets.add(((RowResult.Loaded) result).row());
            } else if (result instanceof RowResult.Filtered) {
                filtered.merge(((RowResult.Filtered) result).filter(), 1L, Long::sum);
            } else {
                RowResult.Rejected why = (RowResult.Rejected) result;
                rejected.add(quarantined(number, row, why.column(), why.rule(), why.reason()));
            }
        }
        List<Object> lastKey = job.keyWidth() == 0 ? null
                : rows.get(rows.size() - 1).valuesOf(job.sourceLayout().columns().subList(0, job.keyWidth()));
        return new ChunkWork(number, lastKey, rows.size(), sources, targets, filtered, rejected);
    }

    private QuarantinedRow quarantined(long chunk, Row source, String column, String rule, String reason) {
        Map<String, String> values = new LinkedHashMap<>();
        source.asMap().forEach((k, v) -> values.put(k, ValueText.literal(v)));
        return new QuarantinedRow(job.name(), chunk, keyOf(source), values, column, rule, reason);
    }

    private String keyOf(Row source) {
        List<String> key = new ArrayList<>();
        int width = job.keyWidth() == 0 ? source.columns().size() : job.keyWidth();
        for (int i = 0; i < width; i++) {
            key.add(source.columns().get(i) + "=" + ValueText.literal(source.get(i)));
        }
        return String.join(", ", key);
    }

    /** Writes a chunk and its ledger entry in one transaction. */
    private void commitChunk(Connection target, ChunkWork work) throws SQLException {
        try {
            List<QuarantinedRow> bad = new ArrayList<>(work.rejected());
            failFastOn(bad);
            long loaded = write(target, work.sources(), work.targets(), work.number(), bad);
            accept(bad);
            if (run.ledger != null) {
                run.ledger.recordChunk(target, run.migration(), job.name(), work.number(), work.lastKey(), work.read(),
                        loaded, work.filtered(), bad.size(), run.runId);
                run.ledger.quarantine(target, run.migration(), job.name(), work.number(), bad, run.runId);
            }
            target.commit();
            record(work.read(), loaded, work.filtered(), bad);
            chunksDone++;
            run.chunkCommitted(job.name(), work.number(), work.read());
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(target);
            throw e;
        }
    }

    /**
     * Writes a chunk's rows in calls of the writer's size, in the caller's transaction. When a call
     * fails on bad data, the whole transaction is rolled back and the rows are written again one by
     * one, each under a savepoint, so that the rows the database refuses are isolated and added to
     * {@code bad}. Rolling back the whole chunk keeps the fast path free of savepoint round trips.
     */
    private long write(Connection target, List<Row> sources, List<Row> targets, long chunk, List<QuarantinedRow> bad)
            throws SQLException {
        try {
            for (int from = 0; from < targets.size(); from += writer.rowsPerCall()) {
                writer.writeAll(target, targets.subList(from, Math.min(targets.size(), from + writer.rowsPerCall())));
            }
            return targets.size();
        } catch (SQLException e) {
            if (!SqlStates.isBadRow(e)) {
                throw e;
            }
            LOG.debug("{}: chunk {} refused ({}); isolating the bad rows", job.name(), chunk, SqlStates.reason(e));
            target.rollback();
            return writeOneByOne(target, sources, targets, 0, targets.size(), chunk, bad);
        }
    }

    /**
     * Like {@link #write}, for a transaction that spans many calls (a keyless table): a failed call
     * is rolled back to a savepoint taken before it, then written one by one.
     */
    private long writeUnderSavepoint(Connection target, List<Row> sources, List<Row> targets, long chunk,
                                     List<QuarantinedRow> bad) throws SQLException {
        Savepoint before = target.setSavepoint();
        try {
            writer.writeAll(target, targets);
            return targets.size();
        } catch (SQLException e) {
            if (!SqlStates.isBadRow(e)) {
                throw e;
            }
            target.rollback(before);
            return writeOneByOne(target, sources, targets, 0, targets.size(), chunk, bad);
        }
    }

    private long writeOneByOne(Connection target, List<Row> sources, List<Row> targets, int from, int to, long chunk,
                               List<QuarantinedRow> bad) throws SQLException {
        long loaded = 0;
        for (int i = from; i < to; i++) {
            Savepoint one = target.setSavepoint();
            try {
                writer.writeOne(target, targets.get(i));
                target.releaseSavepoint(one);
                loaded++;
            } catch (SQLException e) {
                if (!SqlStates.isBadRow(e)) {
                    throw e;
                }
                target.rollback(one);
                bad.add(quarantined(chunk, sources.get(i), job.target().name(), "database constraint",
                        SqlStates.reason(e)));
                failFastOn(bad);
            }
        }
        return loaded;
    }

    private void failFastOn(List<QuarantinedRow> bad) {
        if (!bad.isEmpty() && !run.config.badRows().quarantines()) {
            throw new MigrationException("bad row in " + bad.get(0).describe()
                    + " (policy: fail fast; the chunk was rolled back, earlier chunks stay committed)");
        }
    }

    private void accept(List<QuarantinedRow> bad) {
        if (bad.isEmpty()) {
            return;
        }
        long total = run.quarantinedThisRun.addAndGet(bad.size());
        if (run.config.badRows().limit().isPresent() && total > run.config.badRows().limit().getAsLong()) {
            throw new MigrationException(String.format("%d rows quarantined in this run, more than the limit of %d; "
                    + "the last one: %s", total, run.config.badRows().limit().getAsLong(), bad.get(bad.size() - 1).describe()));
        }
    }

    private void record(long read, long loaded, Map<String, Long> filtered, List<QuarantinedRow> bad) {
        counts = counts.plus(new RowCounts(read, loaded, filtered, bad.size()));
        for (QuarantinedRow row : bad) {
            if (quarantinedSamples.size() < QUARANTINE_SAMPLES) {
                quarantinedSamples.add(row);
            }
            LOG.warn("Quarantined {}", row.describe());
        }
    }

    // --- keyless tables: one transaction, streamed -----------------------------------------------

    private void copyWhole() {
        if (before.complete()) {
            LOG.info("{}: reloaded whole by an earlier run; skipped", job.name());
            return;
        }
        String warning = "no key: reloaded whole in one transaction (" + job.mapping().withoutKeyReason().orElse("")
                + "); a re-run skips it, and rows added to the source later are not picked up";
        warnings.add(warning);
        LOG.warn("{}: {}", job.name(), warning);
        try (Connection source = run.source.getConnection(); Connection target = run.target.getConnection()) {
            source.setReadOnly(true);
            source.setAutoCommit(false);
            target.setAutoCommit(false);
            try {
                loadWhole(source, target);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(target);
                throw e;
            }
        } catch (SQLException e) {
            throw new MigrationException(job.name() + ": " + SqlStates.reason(e), e);
        }
    }

    private void loadWhole(Connection source, Connection target) throws SQLException {
        long read = 0;
        long loaded = 0;
        Map<String, Long> filtered = new LinkedHashMap<>();
        List<QuarantinedRow> bad = new ArrayList<>();
        try (PreparedStatement query = source.prepareStatement(job.wholeTableSql())) {
            query.setFetchSize(run.config.fetchSize());
            try (ResultSet rs = query.executeQuery()) {
                int[] types = JdbcValues.types(rs.getMetaData());
                List<Row> slice = new ArrayList<>();
                boolean more = rs.next();
                while (more) {
                    slice.add(readRow(rs, types));
                    more = rs.next();
                    if (slice.size() == writer.rowsPerCall() || !more) {
                        ChunkWork work = map(1, slice);
                        work.filtered().forEach((k, v) -> filtered.merge(k, v, Long::sum));
                        bad.addAll(work.rejected());
                        failFastOn(bad);
                        loaded += writeUnderSavepoint(target, work.sources(), work.targets(), 1, bad);
                        read += slice.size();
                        slice.clear();
                        if (run.stop.get()) {
                            throw new MigrationException(job.name() + ": stopped because another table failed");
                        }
                    }
                }
            }
        }
        accept(bad);
        if (run.ledger != null) {
            run.ledger.recordChunk(target, run.migration(), job.name(), 1, null, read, loaded, filtered,
                    bad.size(), run.runId);
            run.ledger.quarantine(target, run.migration(), job.name(), 1, bad, run.runId);
            run.ledger.markComplete(target, run.migration(), job.name());
        }
        target.commit();
        source.commit();
        record(read, loaded, filtered, bad);
        chunksDone++;
        run.chunkCommitted(job.name(), 1, read);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection may be gone; the transaction went with it.
        }
    }

    private RuntimeException unwrap(Throwable cause) {
        if (cause instanceof RuntimeException) {
            return (RuntimeException) cause;
        }
        return new MigrationException(job.name() + ": " + cause.getMessage(), cause);
    }
}
