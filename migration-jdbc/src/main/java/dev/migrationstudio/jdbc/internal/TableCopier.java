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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one table mapping. The source is streamed in key order and every row goes to the target as
 * soon as it is mapped (into an open COPY or JDBC batch), so reading and writing overlap in the two
 * databases without a second thread here; a chunk's rows are kept until it commits, which bounds
 * memory by the chunk size whatever the table's size.
 *
 * <p>Each chunk is written in one target transaction together with its ledger entry. When the
 * database refuses the chunk's stream, the transaction is rolled back and the chunk is written
 * again in committed pieces, narrowing down under savepoints to the rows the database refuses, so a
 * bad row is isolated, quarantined (or reported, under fail-fast) and the rest still goes in.
 */
final class TableCopier {
    private static final Logger LOG = LoggerFactory.getLogger(TableCopier.class);
    private static final int QUARANTINE_SAMPLES = 100;
    /** Loaded rows per piece when a refused chunk is written again (see {@link #commitInPieces}). */
    private static final int PIECE_ROWS = 1_000;
    private static final int ISOLATION_FANOUT = 10;

    private final RunContext run;
    private final TableJob job;
    private final RowWriter writer;
    private final Ledger.MappingState before;
    private final long sourceRows;
    private final List<String> warnings = new ArrayList<>();
    private final List<QuarantinedRow> quarantinedSamples = new ArrayList<>();
    private final SelfReferences selfReferences;
    private RowCounts counts = RowCounts.zero();
    private long chunksDone;

    TableCopier(RunContext run, TableJob job, RowWriter writer, Ledger.MappingState before, long sourceRows) {
        this.run = run;
        this.job = job;
        this.writer = writer;
        this.before = before;
        this.sourceRows = sourceRows;
        this.selfReferences = SelfReferences.of(job);
    }

    /** Copies the table; returns its result or throws, leaving committed chunks in place. */
    TableResult copy() {
        long start = System.nanoTime();
        LOG.info("{}: starting ({} source rows, {} chunks already committed)", job.name(), sourceRows, before.chunks());
        try {
            if (job.keyWidth() == 0) {
                copyWhole();
            } else {
                copyInChunks();
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

    /** A chunk being read, mapped and written. */
    private final class Chunk {
        final long number;
        final List<Row> sources = new ArrayList<>();
        final List<Row> targets = new ArrayList<>();
        final Map<String, Long> filtered = new LinkedHashMap<>();
        final List<Rejection> rejected = new ArrayList<>();
        // Where each outcome falls in read order, so that a refused chunk can be committed in pieces.
        final Positions loadedAt = new Positions();
        final Positions filteredAt = new Positions();
        final List<String> filteredBy = new ArrayList<>();
        final Positions rejectedAt = new Positions();
        long read;
        Row last;

        Chunk(long number) {
            this.number = number;
        }

        /** Maps a source row; returns the target row to write, or null when the row is not loaded. */
        Row map(Row row) {
            int at = (int) read++;
            last = row;
            RowResult result = job.mapping().apply(row);
            if (result instanceof RowResult.Loaded) {
                Row target = ((RowResult.Loaded) result).row();
                sources.add(row);
                targets.add(target);
                loadedAt.add(at);
                return target;
            }
            if (result instanceof RowResult.Filtered) {
                String filter = ((RowResult.Filtered) result).filter();
                filtered.merge(filter, 1L, Long::sum);
                filteredAt.add(at);
                filteredBy.add(filter);
            } else {
                RowResult.Rejected why = (RowResult.Rejected) result;
                Rejection rejection = quarantined(number, row, why.column(), why.rule(), why.reason());
                rejected.add(rejection);
                rejectedAt.add(at);
                failFastOn(rejection);
            }
            return null;
        }

        List<Object> lastKey() {
            return keyOf(last);
        }

        List<Object> keyOf(Row source) {
            return source.valuesOf(job.sourceLayout().columns().subList(0, job.keyWidth()));
        }
    }

    /** Positions in read order, kept without boxing: a chunk holds one per row. */
    private static final class Positions {
        private int[] values = new int[64];
        private int size;

        void add(int position) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = position;
        }

        int get(int index) {
            return values[index];
        }

        int size() {
            return size;
        }
    }

    // --- keyed tables: chunks in key order -----------------------------------------------------

    /**
     * Streams the source in key order from where the ledger says the last run stopped (a keyset
     * query: rows after the last committed key) and cuts it into chunks.
     */
    private void copyInChunks() {
        List<Object> after = before.lastKey().orElse(null);
        long number = before.chunks();
        int chunkSize = run.config.chunkSize();
        try (Connection source = run.source.getConnection(); Connection target = run.target.getConnection()) {
            source.setReadOnly(true);
            // PostgreSQL streams with a fetch size only inside a transaction.
            source.setAutoCommit(false);
            target.setAutoCommit(false);
            try (PreparedStatement query = source.prepareStatement(after == null ? job.scanSql() : job.scanAfterSql())) {
                query.setFetchSize(run.config.fetchSize());
                if (after != null) {
                    for (int i = 0; i < after.size(); i++) {
                        query.setObject(i + 1, after.get(i));
                    }
                }
                try (ResultSet rs = query.executeQuery()) {
                    int[] types = JdbcValues.types(rs.getMetaData());
                    boolean more = rs.next();
                    while (more) {
                        if (run.stop.get()) {
                            throw new MigrationException(job.name() + ": stopped because another table failed");
                        }
                        Chunk chunk = new Chunk(++number);
                        relaxCommitDurability(target);
                        if (sortsOutParents()) {
                            while (more && chunk.read < chunkSize) {
                                chunk.map(readRow(rs, types));
                                more = rs.next();
                            }
                            number = commitSorted(target, chunk);
                            continue;
                        }
                        boolean streamed;
                        try (RowWriter.Sink sink = writer.open(target)) {
                            streamed = true;
                            while (more && chunk.read < chunkSize) {
                                Row loaded = chunk.map(readRow(rs, types));
                                if (loaded != null && streamed) {
                                    streamed = add(sink, loaded, chunk);
                                }
                                more = rs.next();
                            }
                            streamed = streamed && finish(sink, chunk);
                        } catch (SQLException | RuntimeException e) {
                            rollbackQuietly(target);
                            throw e;
                        }
                        number = commitChunk(target, chunk, streamed);
                    }
                }
            } finally {
                source.rollback();
            }
        } catch (SQLException e) {
            throw new MigrationException(job.name() + ": " + SqlStates.reason(e), e);
        }
    }

    /**
     * On PostgreSQL, lets the chunk's commit return before its WAL reaches disk. Safe here: a chunk's
     * rows and its ledger row commit together, so a server crash loses both or neither, and the
     * resumed run redoes what the ledger does not show.
     */
    private void relaxCommitDurability(Connection target) throws SQLException {
        if (run.postgresTarget) {
            try (var statement = target.createStatement()) {
                statement.execute("SET LOCAL synchronous_commit TO OFF");
            }
        }
    }

    /** Streams a row; false when the database refused the stream (the chunk is then written row by row). */
    private boolean add(RowWriter.Sink sink, Row row, Chunk chunk) throws SQLException {
        try {
            sink.add(row);
            return true;
        } catch (SQLException e) {
            return refused(e, chunk);
        }
    }

    private boolean finish(RowWriter.Sink sink, Chunk chunk) throws SQLException {
        try {
            sink.finish();
            return true;
        } catch (SQLException e) {
            return refused(e, chunk);
        }
    }

    private boolean refused(SQLException e, Chunk chunk) throws SQLException {
        if (!SqlStates.isBadRow(e)) {
            throw e;
        }
        LOG.debug("{}: chunk {} refused ({}); its rows will be written one by one", job.name(), chunk.number,
                SqlStates.reason(e));
        return false;
    }

    private Row readRow(ResultSet rs, int[] types) throws SQLException {
        Object[] values = new Object[types.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = JdbcValues.read(rs, i + 1, types[i]);
        }
        return job.sourceLayout().adopt(values);
    }

    private Rejection quarantined(long chunk, Row source, String column, String rule, String reason) {
        Map<String, String> values = new LinkedHashMap<>();
        source.asMap().forEach((k, v) -> values.put(k, ValueText.literal(v)));
        return new Rejection(new QuarantinedRow(job.name(), chunk, keyOf(source), values, column, rule, reason),
                job.keyWidth() == 0 ? null : source.valuesOf(job.sourceLayout().columns().subList(0, job.keyWidth())));
    }

    private String keyOf(Row source) {
        List<String> columns = job.keyWidth() == 0 ? source.columns() : source.columns().subList(0, job.keyWidth());
        return QuarantinedRow.keyText(columns, source.valuesOf(columns));
    }

    /**
     * Whether chunks are read whole and sorted out before they are written: in a table that references
     * itself (with a ledger to keep the rows that must wait), so that children never reach the
     * database before their parents.
     */
    private boolean sortsOutParents() {
        return !selfReferences.isEmpty() && run.ledger != null;
    }

    /**
     * Writes a chunk of a table that references itself: the rows whose parent is neither in the target
     * nor in the chunk wait, the others go parents first in one stream, committed with the chunk's
     * ledger entry. When the database refuses the stream (another bad row), the chunk is written in
     * pieces instead. Returns the number of the last ledger chunk written.
     */
    private long commitSorted(Connection target, Chunk chunk) throws SQLException {
        try {
            List<Rejection> bad = new ArrayList<>(chunk.rejected);
            List<Row> ready = sortOut(target, chunk.sources, chunk.targets, chunk.number, new ArrayList<>(), bad);
            try {
                writer.writeAll(target, ready);
            } catch (SQLException e) {
                if (!SqlStates.isBadRow(e)) {
                    throw e;
                }
                target.rollback();
                return commitInPieces(target, chunk);
            }
            commitPiece(target, chunk.number, chunk.lastKey(), chunk.read, ready.size(), chunk.filtered, bad);
            return chunk.number;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(target);
            throw e;
        }
    }

    /**
     * Commits a chunk with its ledger entry; returns the number of the last ledger chunk written. A
     * chunk whose stream was refused is rolled back and written again in pieces.
     */
    private long commitChunk(Connection target, Chunk chunk, boolean streamed) throws SQLException {
        try {
            if (streamed) {
                commitPiece(target, chunk.number, chunk.lastKey(), chunk.read, chunk.targets.size(), chunk.filtered,
                        new ArrayList<>(chunk.rejected));
                return chunk.number;
            }
            target.rollback();
            return commitInPieces(target, chunk);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(target);
            throw e;
        }
    }

    /** Records and commits rows written in the current transaction as one ledger chunk. */
    private void commitPiece(Connection target, long number, List<Object> lastKey, long read, long loaded,
                             Map<String, Long> filtered, List<Rejection> bad) throws SQLException {
        accept(bad);
        if (run.ledger != null) {
            run.ledger.recordChunk(target, run.migration(), job.name(), number, lastKey, read, loaded, filtered,
                    bad.size(), run.runId);
            run.ledger.quarantine(target, run.migration(), job.name(), number, bad, run.runId);
        }
        target.commit();
        record(read, loaded, filtered, bad);
        chunksDone++;
        run.chunkCommitted(job.name(), number, read);
    }

    /**
     * Writes a refused chunk again in pieces of {@link #PIECE_ROWS} loaded rows, each committed with a
     * ledger entry of its own (numbered on from the chunk's), its bad rows isolated by
     * {@link #writeIsolating}. Pieces bound what one transaction holds however many rows are bad:
     * PostgreSQL keeps a lock for every savepoint that wrote, until the commit, and runs out of shared
     * memory with tens of thousands of them.
     */
    private long commitInPieces(Connection target, Chunk chunk) throws SQLException {
        long number = chunk.number - 1;
        int loadedRows = chunk.targets.size();
        int from = 0;
        int fromAt = 0;
        int nextFiltered = 0;
        int nextRejected = 0;
        do {
            int to = Math.min(loadedRows, from + PIECE_ROWS);
            boolean last = to == loadedRows;
            int toAt = last ? (int) chunk.read - 1 : chunk.loadedAt.get(to - 1);
            number++;
            Map<String, Long> filtered = new LinkedHashMap<>();
            while (nextFiltered < chunk.filteredAt.size() && chunk.filteredAt.get(nextFiltered) <= toAt) {
                filtered.merge(chunk.filteredBy.get(nextFiltered++), 1L, Long::sum);
            }
            List<Rejection> bad = new ArrayList<>();
            while (nextRejected < chunk.rejectedAt.size() && chunk.rejectedAt.get(nextRejected) <= toAt) {
                bad.add(chunk.rejected.get(nextRejected++).inChunk(number));
            }
            relaxCommitDurability(target);
            long loaded = writePiece(target, chunk.sources.subList(from, to), chunk.targets.subList(from, to), number,
                    bad);
            commitPiece(target, number, last ? chunk.lastKey() : chunk.keyOf(chunk.sources.get(to - 1)),
                    toAt - fromAt + 1, loaded, filtered, bad);
            from = to;
            fromAt = toAt + 1;
        } while (from < loadedRows);
        return number;
    }

    /**
     * Writes a piece. In a table that references itself, the rows whose parent is neither in the
     * target nor in the piece wait for the end of the run without being tried, and the others go
     * parents first, so that the piece streams in one go instead of being narrowed down row by row.
     */
    private long writePiece(Connection target, List<Row> sources, List<Row> targets, long number, List<Rejection> bad)
            throws SQLException {
        if (selfReferences.isEmpty() || run.ledger == null || targets.isEmpty()) {
            return writeIsolating(target, sources, targets, number, bad);
        }
        List<Row> readySources = new ArrayList<>(targets.size());
        List<Row> readyTargets = sortOut(target, sources, targets, number, readySources, bad);
        return writeIsolating(target, readySources, readyTargets, number, bad);
    }

    /**
     * Sorts out rows of a table that references itself: returns the target rows that can be written,
     * parents first (their source rows added to {@code readySources}); the others are added to
     * {@code bad} as waiting for their parent.
     */
    private List<Row> sortOut(Connection target, List<Row> sources, List<Row> targets, long number,
                              List<Row> readySources, List<Rejection> bad) throws SQLException {
        SelfReferences.Split split = selfReferences.split(target, targets);
        List<Row> readyTargets = new ArrayList<>(split.ready().size());
        for (int i : split.ready()) {
            readySources.add(sources.get(i));
            readyTargets.add(targets.get(i));
        }
        for (int i : split.waiting()) {
            bad.add(quarantined(number, sources.get(i), job.target().name(), Ledger.MISSING_PARENT,
                    "the row it references is not in the target yet").waitingForParent());
        }
        return readyTargets;
    }

    /**
     * Streams rows under a savepoint; when the database refuses them, splits them in ten and tries
     * each part the same way, down to single rows. A few bad rows among many cost a few dozen
     * savepoints rather than one per row (which is slower, and on PostgreSQL holds a lock each until
     * the commit).
     */
    private long writeIsolating(Connection target, List<Row> sources, List<Row> targets, long number,
                                List<Rejection> bad) throws SQLException {
        if (targets.size() <= ISOLATION_FANOUT) {
            return writeOneByOne(target, sources, targets, number, bad);
        }
        Savepoint before = target.setSavepoint();
        try {
            writer.writeAll(target, targets);
            target.releaseSavepoint(before);
            return targets.size();
        } catch (SQLException e) {
            if (!SqlStates.isBadRow(e)) {
                throw e;
            }
            target.rollback(before);
        }
        long loaded = 0;
        int part = (targets.size() + ISOLATION_FANOUT - 1) / ISOLATION_FANOUT;
        for (int from = 0; from < targets.size(); from += part) {
            int to = Math.min(targets.size(), from + part);
            loaded += writeIsolating(target, sources.subList(from, to), targets.subList(from, to), number, bad);
        }
        return loaded;
    }

    private long writeOneByOne(Connection target, List<Row> sources, List<Row> targets, long chunk,
                               List<Rejection> bad) throws SQLException {
        long loaded = 0;
        for (int i = 0; i < targets.size(); i++) {
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
                // A row whose parent is not loaded yet may load later: the ledger keeps it, with its key,
                // and the run retries it at its end; only then is it a bad row.
                boolean waits = run.ledger != null && job.keyWidth() > 0 && SqlStates.isMissingParent(e);
                Rejection refused = quarantined(chunk, sources.get(i), job.target().name(),
                        waits ? Ledger.MISSING_PARENT : ParentRetry.BAD_ROW_RULE, SqlStates.reason(e));
                Rejection rejection = waits ? refused.waitingForParent() : refused;
                bad.add(rejection);
                if (!waits) {
                    failFastOn(rejection);
                }
            }
        }
        return loaded;
    }

    private void failFastOn(Rejection bad) {
        if (!run.config.badRows().quarantines()) {
            throw new MigrationException("bad row in " + bad.row().describe()
                    + " (policy: fail fast; the chunk was rolled back, earlier chunks stay committed)");
        }
    }

    /** Counts bad rows against the policy's limit; rows waiting for a parent count only if they stay. */
    private void accept(List<Rejection> bad) {
        List<Rejection> counted = bad.stream().filter(r -> !r.waitsForParent()).toList();
        if (counted.isEmpty()) {
            return;
        }
        long total = run.quarantinedThisRun.addAndGet(counted.size());
        if (run.config.badRows().limit().isPresent() && total > run.config.badRows().limit().getAsLong()) {
            throw new MigrationException(String.format("%d rows quarantined in this run, more than the limit of %d; "
                    + "the last one: %s", total, run.config.badRows().limit().getAsLong(),
                    counted.get(counted.size() - 1).row().describe()));
        }
    }

    private void record(long read, long loaded, Map<String, Long> filtered, List<Rejection> bad) {
        counts = counts.plus(new RowCounts(read, loaded, filtered, bad.size()));
        for (Rejection rejection : bad) {
            QuarantinedRow row = rejection.row();
            if (quarantinedSamples.size() < QUARANTINE_SAMPLES) {
                quarantinedSamples.add(row);
            }
            if (rejection.waitsForParent()) {
                LOG.debug("Waiting for its parent row: {}", row.describe());
            } else {
                LOG.warn("Quarantined {}", row.describe());
            }
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

    /**
     * The whole table in one transaction, written in slices of a chunk's size, each under a savepoint
     * so that a refused slice is rolled back alone and its bad rows isolated ({@link #writeIsolating}).
     */
    private void loadWhole(Connection source, Connection target) throws SQLException {
        Chunk whole = new Chunk(1);
        long loaded = 0;
        List<Rejection> bad = new ArrayList<>();
        try (PreparedStatement query = source.prepareStatement(job.wholeTableSql())) {
            query.setFetchSize(run.config.fetchSize());
            try (ResultSet rs = query.executeQuery()) {
                int[] types = JdbcValues.types(rs.getMetaData());
                Chunk slice = new Chunk(1);
                boolean more = rs.next();
                while (more) {
                    slice.map(readRow(rs, types));
                    more = rs.next();
                    if (slice.read == run.config.chunkSize() || !more) {
                        slice.filtered.forEach((k, v) -> whole.filtered.merge(k, v, Long::sum));
                        bad.addAll(slice.rejected);
                        whole.read += slice.read;
                        loaded += writeIsolating(target, slice.sources, slice.targets, 1, bad);
                        slice = new Chunk(1);
                        if (run.stop.get()) {
                            throw new MigrationException(job.name() + ": stopped because another table failed");
                        }
                    }
                }
            }
        }
        accept(bad);
        if (run.ledger != null) {
            run.ledger.recordChunk(target, run.migration(), job.name(), 1, null, whole.read, loaded, whole.filtered,
                    bad.size(), run.runId);
            run.ledger.quarantine(target, run.migration(), job.name(), 1, bad, run.runId);
            run.ledger.markComplete(target, run.migration(), job.name());
        }
        target.commit();
        source.commit();
        record(whole.read, loaded, whole.filtered, bad);
        chunksDone++;
        run.chunkCommitted(job.name(), 1, whole.read);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection may be gone; the transaction went with it.
        }
    }
}
