package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.jdbc.QuarantinedRow;
import dev.migrationstudio.jdbc.TableResult;
import dev.migrationstudio.jdbc.internal.OrderedRanges.Range;
import dev.migrationstudio.jdbc.internal.OrderedRanges.Staged;
import dev.migrationstudio.jdbc.source.SourceCursor;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.RowResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one table mapping. The source is streamed in key order ({@link TableJob#scan}) and every row
 * goes to the target as soon as it is mapped (into an open COPY or JDBC batch), so reading and writing
 * overlap in the two databases without a second thread here; a chunk's rows are kept until it
 * commits, which bounds memory by the chunk size whatever the table's size.
 *
 * <p>Each chunk is written in one target transaction together with its ledger entry. When the
 * database refuses the chunk's stream, the {@link IsolatingWriter} rolls it back and writes it again
 * in committed pieces, narrowing down to the rows the database refuses, so a bad row is isolated,
 * quarantined (or reported, under fail-fast) and the rest still goes in. Each piece gets a ledger
 * entry of its own, numbered on from the chunk's and cut in read order, so that its last key is where
 * a resumed run goes on.
 */
final class TableCopier {
    private static final Logger LOG = LoggerFactory.getLogger(TableCopier.class);
    private static final String WAITS = "the row it references is not in the target yet";

    private final RunContext run;
    private final TableJob job;
    private final IsolatingWriter writer;
    private final Ledger.MappingState before;
    private final TableTally tally;
    private final IsolatingWriter.Order order;
    private final Optional<PassthroughCopy> passthrough;

    TableCopier(RunContext run, TableJob job, IsolatingWriter writer, Ledger.MappingState before, long sourceRows,
                Optional<PassthroughCopy> passthrough) {
        this.run = run;
        this.passthrough = passthrough;
        this.job = job;
        this.writer = writer;
        this.before = before;
        this.tally = new TableTally(job, before, sourceRows);
        SelfReferences selfReferences = SelfReferences.of(job);
        // In a table that references itself (with a ledger to keep the rows that must wait), chunks are
        // read whole and sorted out before they are written, so that children never reach the database
        // before their parents.
        this.order = selfReferences.isEmpty() || run.ledger == null ? IsolatingWriter.AS_GIVEN : selfReferences::split;
    }

    /** Copies the table; returns its tally or throws, leaving committed chunks in place. */
    TableTally copy() {
        return copy(null, null);
    }

    /**
     * Copies the table, its key ranges by {@code ranges} when there is an executor (a table without a
     * key is reloaded here); returns its tally or throws, leaving committed chunks in place.
     */
    TableTally copy(RangeExecutor ranges, RangeWorker.Fence fence) {
        long start = System.nanoTime();
        LOG.info("{}: starting ({} chunks already committed)", job.name(), before.chunks());
        run.tableStarted(job.name());
        try {
            if (job.keyWidth() == 0) {
                copyWhole();
            } else if (ranges != null) {
                copyInRanges(ranges, fence);
            } else {
                copyInChunks();
            }
        } catch (RuntimeException e) {
            run.stop.set(true);
            tally.end(TableResult.Status.FAILED, Duration.ofNanos(System.nanoTime() - start));
            throw new TableFailure(tally, e);
        }
        tally.end(TableResult.Status.COMPLETED, Duration.ofNanos(System.nanoTime() - start));
        LOG.info("{}: done, {} chunks done, {} skipped", job.name(), tally.chunksDone(), before.chunks());
        return tally;
    }

    /** Carries the tally of a failed table with the failure. */
    static final class TableFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient TableTally tally;

        TableFailure(TableTally tally, RuntimeException cause) {
            super(cause.getMessage(), cause);
            this.tally = tally;
        }
    }

    /** A chunk being read, mapped and written, then committed in one or more ledger entries. */
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
        // The row after the chunk, null at the end.
        Row next;
        // The pieces committed so far.
        long lastNumber;
        int nextFiltered;
        int nextRejected;
        int fromAt;
        // A range's opening, recorded with its first commit (-1: none), and the key its last piece reaches.
        long openingNumber = -1;
        List<Object> openingKey;
        List<Object> endKey;

        Chunk(long number) {
            this.number = number;
            this.lastNumber = number - 1;
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
                Rejection rejection = Rejection.of(job, number, row, why);
                rejected.add(rejection);
                rejectedAt.add(at);
                run.badRows.badRow(rejection.row().describe(), ROLLED_BACK);
            }
            return null;
        }

        /**
         * Records a written piece of the chunk (or the whole chunk) with the ledger entry of the rows read
         * up to its last loaded row (up to the chunk's end for the last piece), and commits.
         */
        void commit(Connection target, IsolatingWriter.Piece piece) throws SQLException {
            // First: rows another run already wrote come back refused, and must not be reported as bad rows.
            run.checkLock(target);
            long at = ++lastNumber;
            boolean lastPiece = piece.to() == targets.size();
            int toAt = lastPiece ? (int) read - 1 : loadedAt.get(piece.to() - 1);
            Map<String, Long> filteredHere = new LinkedHashMap<>();
            while (nextFiltered < filteredAt.size() && filteredAt.get(nextFiltered) <= toAt) {
                filteredHere.merge(filteredBy.get(nextFiltered++), 1L, Long::sum);
            }
            List<Rejection> bad = new ArrayList<>();
            while (nextRejected < rejectedAt.size() && rejectedAt.get(nextRejected) <= toAt) {
                bad.add(rejected.get(nextRejected++).inChunk(at));
            }
            for (int i : piece.waiting()) {
                bad.add(quarantined(at, sources.get(i), job.target().name(), Ledger.MISSING_PARENT, WAITS)
                        .waitingForParent());
            }
            for (IsolatingWriter.Refusal refusal : piece.refused()) {
                bad.add(refused(at, sources.get(refusal.index()), refusal));
            }
            if (openingNumber >= 0 && run.ledger != null) {
                run.ledger.recordChunk(target, run.migration(), job.name(), openingNumber, openingKey, 0, 0, Map.of(),
                        0, run.runId);
            }
            List<Object> reached = lastPiece && endKey != null ? endKey
                    : keyOf(lastPiece ? last : sources.get(piece.to() - 1));
            commitPiece(target, at, reached, toAt - fromAt + 1, piece.loaded(), filteredHere, bad);
            openingNumber = -1;
            fromAt = toAt + 1;
        }

        List<Object> keyOf(Row source) {
            return source.valuesOf(job.sourceLayout().columns().subList(0, job.keyWidth()));
        }
    }

    private static final String ROLLED_BACK = "the chunk was rolled back, earlier chunks stay committed";

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
     * query: rows after the last committed key) and cuts it into chunks; first the holes an
     * interrupted chunk-parallel run left below that key, each in its own free chunk numbers. A table
     * that passes through COPY, or that has {@code writersPerTable} above one, is written in key
     * ranges by that many connections at once ({@link #copyInParallel}).
     */
    private void copyInChunks() {
        run.withConnections(job.name(), (source, target) -> {
            for (RangePlan.Range hole : before.holes()) {
                LOG.info("{}: copying {} first, left by an interrupted chunk-parallel run", job.name(), hole.describe());
                copyChunks(source, target, hole.after(), hole.upto(), hole.start() - 1, false);
            }
            if (passthrough.isPresent() && passes(source, passthrough.get())) {
                PassthroughCopy copy = passthrough.get();
                inRanges().write(source, target, (s, t, range, ranges) -> pipe(s, t, copy, range, ranges),
                        this::inJava);
                return;
            }
            if (run.settings.writersPerTable() > 1) {
                if (order == IsolatingWriter.AS_GIVEN) {
                    inRanges().write(source, target, this::stage, this::inJava);
                    return;
                }
                LOG.info("{}: one writer: the table references itself, and its parents are written before their "
                        + "children", job.name());
            }
            copyChunks(source, target, before.lastKey().orElse(null), null, before.lastNumber(), false);
        });
    }

    /** Reads, maps and writes one chunk from {@code next} on, and commits it in one or more ledger entries. */
    private Chunk writeChunk(SourceCursor rows, Row next, Connection target, long number) throws SQLException {
        Chunk chunk = new Chunk(number);
        IsolatingWriter.Commit commit = piece -> chunk.commit(target, piece);
        if (order == IsolatingWriter.AS_GIVEN) {
            boolean streamed;
            try (IsolatingWriter.Stream stream = writer.open(target)) {
                chunk.next = read(rows, next, chunk, stream);
                streamed = stream.finish();
            }
            writer.settle(target, streamed, chunk.targets, List.of(), order, commit);
        } else {
            chunk.next = read(rows, next, chunk, null);
            writer.write(target, chunk.targets, order, commit);
        }
        return chunk;
    }

    /** Whether the canary agrees that the table's SQL projection gives what its Java rules give. */
    private boolean passes(Connection source, PassthroughCopy copy) throws SQLException {
        Optional<String> differs = copy.canary(source, before.lastKey().orElse(null));
        if (differs.isPresent()) {
            LOG.info("{}: Java path: the passthrough canary differs: {}", job.name(), differs.get());
            return false;
        }
        LOG.info("{}: COPY passthrough, the canary agrees", job.name());
        return true;
    }

    /** The table's key ranges after the last committed one, for {@code writersPerTable} writers. */
    private OrderedRanges inRanges() {
        return new OrderedRanges(run, job, before.lastNumber(), before.lastKey().orElse(null));
    }

    /**
     * A range through the Java path: read, mapped and streamed into the target while it waits; in its
     * turn committed with its ledger chunk, or, when the target refused the stream, written again in
     * pieces that isolate the rows it refuses ({@link IsolatingWriter#settle}).
     */
    private Staged stage(Connection source, Connection target, Range range, OrderedRanges ranges)
            throws SQLException {
        // Numbered in its turn, when the chunks before it are known: its rows' rejections are renumbered then.
        Chunk chunk = new Chunk(0);
        boolean streamed;
        try (SourceCursor rows = job.scanRange(source, range.after(), range.until(), run.settings.fetchSize());
             IsolatingWriter.Stream stream = writer.open(target)) {
            chunk.next = read(rows, job.next(rows), chunk, stream);
            streamed = stream.finish();
        }
        if (!streamed) {
            // At once: a refused transaction keeps its locks, which a writer before this one may wait for.
            target.rollback();
        }
        chunk.endKey = chunk.next == null ? range.until() : null;
        return again -> {
            if (chunk.read == 0) {
                // Its rows were deleted from the source after the range was cut: nothing to record.
                target.rollback();
                return;
            }
            chunk.lastNumber = ranges.number;
            boolean written = streamed && (!again || writer.stream(target, chunk.targets));
            writer.settle(target, written, chunk.targets, List.of(), order, piece -> chunk.commit(target, piece));
            ranges.number = chunk.lastNumber;
            if (chunk.next != null) {
                // More rows than a chunk: rows were added to the range after it was cut (no source snapshot).
                inJava(source, target, new Range(range.place(), chunk.keyOf(chunk.last), range.until()), ranges);
            }
        };
    }

    /**
     * A range through COPY passthrough: piped while it waits, committed with its ledger row in its turn.
     * A range the target refused is written again through the Java path (which isolates and quarantines
     * its bad rows).
     */
    private Staged pipe(Connection source, Connection target, PassthroughCopy copy, Range range,
                        OrderedRanges ranges) throws SQLException {
        PassthroughCopy.Piped staged = piped(source, target, copy, range);
        return again -> {
            PassthroughCopy.Piped piped = again ? piped(source, target, copy, range) : staged;
            if (piped.refused()) {
                LOG.debug("{}: the target refused the rows after {}; they are written again through the Java path",
                        job.name(), range.after());
                inJava(source, target, range, ranges);
                return;
            }
            if (piped.read() != piped.written()) {
                throw new MigrationException(job.name() + ": COPY passthrough read " + piped.read()
                        + " rows and wrote " + piped.written());
            }
            commitPiece(target, ++ranges.number, range.until(), piped.read(), piped.written(), Map.of(), List.of());
        };
    }

    private static PassthroughCopy.Piped piped(Connection source, Connection target, PassthroughCopy copy,
                                               Range range) throws SQLException {
        PassthroughCopy.Piped piped = copy.pipe(source, target, range.after(), range.until());
        if (piped.refused()) {
            // At once: a refused transaction keeps its locks, which a writer before this one may wait for.
            target.rollback();
        }
        return piped;
    }

    /** Writes a range through the Java path, in its turn, in chunks numbered after {@link OrderedRanges#number}. */
    private void inJava(Connection source, Connection target, Range range, OrderedRanges ranges)
            throws SQLException {
        try (SourceCursor rows = job.scanRange(source, range.after(), range.until(), run.settings.fetchSize())) {
            for (Row next = job.next(rows); next != null; ) {
                Chunk chunk = writeChunk(rows, next, target, ranges.number + 1);
                ranges.number = chunk.lastNumber;
                next = chunk.next;
            }
        }
    }

    /**
     * Plans the table's key ranges (the holes an interrupted run left, then the rows after the last
     * committed key) and has the executor copy them; counts what each range did.
     */
    private void copyInRanges(RangeExecutor ranges, RangeWorker.Fence fence) {
        List<RangePlan.Range> planned = new ArrayList<>(before.holes());
        run.withConnections(job.name(), (source, target) -> planned.addAll(RangePlan.tail(job, source,
                before.lastKey().orElse(null), before.lastNumber(), run.settings.chunkSize(), run.settings.fetchSize())));
        LOG.info("{}: {} key ranges", job.name(), planned.size());
        for (RangeWorker.Outcome outcome : ranges.copy(planned, fence)) {
            tally.add(outcome.counts(), outcome.chunks(),
                    outcome.samples().stream().map(RangeWorker.Sample::row).toList());
            if (outcome.badRows() > 0) {
                run.badRows.quarantined(outcome.badRows(), outcome.samples().isEmpty() ? job.name()
                        : outcome.samples().get(outcome.samples().size() - 1).row().describe());
            }
            run.chunkCommitted(job.name(), outcome.chunks(), outcome.read());
        }
    }

    /**
     * Copies one key range as a chunk-parallel runner's worker does: its rows after {@code after} up
     * to {@code upto} in chunks numbered after {@code number}, the first committed with the range's
     * opening at {@code number} when {@code opens} ({@link RangePlan}).
     */
    TableTally copyRange(List<Object> after, List<Object> upto, long number, boolean opens) {
        long start = System.nanoTime();
        try {
            run.withConnections(job.name(), (source, target) -> copyChunks(source, target, after, upto, number, opens));
        } catch (RuntimeException e) {
            tally.end(TableResult.Status.FAILED, Duration.ofNanos(System.nanoTime() - start));
            throw e;
        }
        tally.end(TableResult.Status.COMPLETED, Duration.ofNanos(System.nanoTime() - start));
        return tally;
    }

    /**
     * Reads the rows after {@code after} up to {@code upto} (null: to the end) in key order and commits
     * them in chunks numbered after {@code number}; the last chunk reaches {@code upto} when there is one.
     */
    private void copyChunks(Connection source, Connection target, List<Object> after, List<Object> upto, long number,
                            boolean opens) throws SQLException {
        try (SourceCursor rows = job.scanRange(source, after, upto, run.settings.fetchSize())) {
            Row next = job.next(rows);
            boolean first = true;
            while (next != null) {
                run.stopIfAnotherTableFailed(job.name());
                Chunk chunk = new Chunk(opens && first ? number + 2 : number + 1);
                if (opens && first) {
                    chunk.openingNumber = number + 1;
                    chunk.openingKey = after;
                }
                first = false;
                IsolatingWriter.Commit commit = piece -> chunk.commit(target, piece);
                if (order == IsolatingWriter.AS_GIVEN) {
                    boolean streamed;
                    try (IsolatingWriter.Stream stream = writer.open(target)) {
                        next = read(rows, next, chunk, stream);
                        streamed = stream.finish();
                    }
                    chunk.endKey = next == null ? upto : null;
                    writer.settle(target, streamed, chunk.targets, List.of(), order, commit);
                } else {
                    next = read(rows, next, chunk, null);
                    chunk.endKey = next == null ? upto : null;
                    writer.write(target, chunk.targets, order, commit);
                }
                number = chunk.lastNumber;
            }
        }
    }

    /**
     * Reads and maps a chunk's rows, from {@code next} on, each loaded row sent to {@code stream} as soon
     * as it is mapped when there is one; returns the row after the chunk, null at the end.
     */
    private Row read(SourceCursor rows, Row next, Chunk chunk, IsolatingWriter.Stream stream) throws SQLException {
        Row row = next;
        while (row != null && chunk.read < run.settings.chunkSize()) {
            Row loaded = chunk.map(row);
            if (loaded != null && stream != null) {
                stream.add(loaded);
            }
            row = job.next(rows);
        }
        return row;
    }

    /**
     * On PostgreSQL, lets the transaction's commit return before its WAL reaches disk. Safe here: a
     * chunk's rows and its ledger row commit together, so a server crash loses both or neither, and
     * the resumed run redoes what the ledger does not show.
     */
    private void relaxCommitDurability(Connection target) throws SQLException {
        if (run.postgresTarget) {
            try (var statement = target.createStatement()) {
                statement.execute("SET LOCAL synchronous_commit TO OFF");
            }
        }
    }

    /** A row the database refused: it waits for its parent (kept by the ledger), or is a bad row. */
    private Rejection refused(long chunk, Row source, IsolatingWriter.Refusal refusal) {
        // A row whose parent is not loaded yet may load later: the ledger keeps it, with its key, and the
        // run retries it at its end; only then is it a bad row.
        boolean waits = run.ledger != null && job.keyWidth() > 0 && refusal.missingParent();
        // A value found unstorable before it was sent names its column; the database's refusals name the table.
        String column = refusal.cause() instanceof UnstorableValueException
                ? ((UnstorableValueException) refusal.cause()).column() : job.target().name();
        Rejection rejection = quarantined(chunk, source, column,
                waits ? Ledger.MISSING_PARENT : ParentRetry.BAD_ROW_RULE, refusal.reason());
        if (waits) {
            return rejection.waitingForParent();
        }
        run.badRows.badRow(rejection.row().describe(), ROLLED_BACK);
        return rejection;
    }

    private Rejection quarantined(long chunk, Row source, String column, String rule, String reason) {
        return Rejection.of(job, chunk, source, column, rule, reason);
    }

    /** Records and commits rows written in the current transaction as one ledger chunk. */
    private void commitPiece(Connection target, long number, List<Object> lastKey, long read, long loaded,
                             Map<String, Long> filtered, List<Rejection> bad) throws SQLException {
        countAgainstLimit(bad);
        relaxCommitDurability(target);
        if (run.ledger != null) {
            run.ledger.recordChunk(target, run.migration(), job.name(), number, lastKey, read, loaded, filtered,
                    bad.size(), run.runId);
            run.ledger.quarantine(target, run.migration(), job.name(), number, bad, run.runId);
        }
        run.proveLock(target);
        target.commit();
        counted(number, read, loaded, filtered, bad);
    }

    /** Counts bad rows against the policy's limit; rows waiting for a parent count only if they stay. */
    private void countAgainstLimit(List<Rejection> bad) {
        List<Rejection> counted = bad.stream().filter(r -> !r.waitsForParent()).toList();
        if (!counted.isEmpty()) {
            run.badRows.quarantined(counted.size(), counted.get(counted.size() - 1).row().describe());
        }
    }

    /** Counts a committed ledger chunk in the table's tally and the run's progress. */
    private void counted(long number, long read, long loaded, Map<String, Long> filtered, List<Rejection> bad) {
        for (Rejection rejection : bad) {
            if (rejection.waitsForParent()) {
                LOG.debug("Waiting for its parent row: {}", rejection.row().describe());
            } else {
                LOG.warn("Quarantined {}", rejection.row().describe());
            }
        }
        tally.chunk(read, loaded, filtered, bad);
        run.chunkCommitted(job.name(), number, read);
    }

    // --- keyless tables: one transaction, streamed -----------------------------------------------

    private void copyWhole() {
        if (before.complete()) {
            LOG.info("{}: reloaded whole by an earlier run; skipped", job.name());
            return;
        }
        String warning = "no key: reloaded whole in one transaction (" + job.mapping().withoutKeyReason().orElse("")
                + "); a re-run skips it, and rows added to the source later are not picked up";
        tally.warn(warning);
        LOG.warn("{}: {}", job.name(), warning);
        run.withConnections(job.name(), this::loadWhole);
    }

    /**
     * The whole table in one transaction, written in slices of a chunk's size, each isolated under
     * savepoints so that a refused slice is rolled back alone and its bad rows found
     * ({@link IsolatingWriter#isolate}).
     */
    private void loadWhole(Connection source, Connection target) throws SQLException {
        long readRows = 0;
        long loaded = 0;
        Map<String, Long> filtered = new LinkedHashMap<>();
        List<Rejection> bad = new ArrayList<>();
        try (SourceCursor rows = job.scan(source, null, run.settings.fetchSize(), 0)) {
            Row next = job.next(rows);
            do {
                Chunk slice = new Chunk(1);
                next = read(rows, next, slice, null);
                slice.filtered.forEach((k, v) -> filtered.merge(k, v, Long::sum));
                bad.addAll(slice.rejected);
                readRows += slice.read;
                List<IsolatingWriter.Refusal> refusals = writer.isolate(target, slice.targets);
                if (!refusals.isEmpty()) {
                    // Rows another run already wrote come back refused, and must not be reported as bad rows.
                    run.checkLock(target);
                }
                for (IsolatingWriter.Refusal refusal : refusals) {
                    bad.add(refused(1, slice.sources.get(refusal.index()), refusal));
                }
                loaded += slice.targets.size() - refusals.size();
                run.stopIfAnotherTableFailed(job.name());
            } while (next != null);
        }
        // Before the ledger entry, which another run's would collide with.
        run.checkLock(target);
        countAgainstLimit(bad);
        if (run.ledger != null) {
            run.ledger.recordChunk(target, run.migration(), job.name(), 1, null, readRows, loaded, filtered,
                    bad.size(), run.runId);
            run.ledger.quarantine(target, run.migration(), job.name(), 1, bad, run.runId);
            run.ledger.markComplete(target, run.migration(), job.name());
        }
        run.proveLock(target);
        target.commit();
        counted(1, readRows, loaded, filtered, bad);
    }

}
