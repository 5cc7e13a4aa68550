package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.jdbc.CatchUpResult;
import dev.migrationstudio.jdbc.ChangeCounts;
import dev.migrationstudio.jdbc.QuarantinedRow;
import dev.migrationstudio.jdbc.compare.CanonicalEncoder;
import dev.migrationstudio.jdbc.compare.Digest;
import dev.migrationstudio.jdbc.compare.Keys;
import dev.migrationstudio.jdbc.source.SourceCursor;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.RowResult;
import dev.migrationstudio.mapping.TransformRule;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.RowN;
import org.jooq.Param;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches one table mapping up with its source by comparison: walks the source in key order in
 * chunks (the keyset query of the load, {@link TableJob#scan}), reads the target rows of the same key
 * range, and compares the two through the mapping with the verifier's canonical row hashes
 * ({@link CanonicalEncoder}, {@link Digest}). A chunk whose digests agree costs its two reads; a chunk
 * that differs gets exactly the changes that make the target equal to what the spec makes of the
 * source: inserts of missing rows, updates of changed ones, deletes of rows whose source row is gone
 * (or now filtered, or now quarantined). They go through the {@link IsolatingWriter}, so a change the
 * database refuses is isolated and quarantined like a refused row of a load.
 *
 * <p>Ranges are contiguous, {@code (previous chunk's last key, this chunk's last key]}, the last one
 * open, so every target row falls in one. A target row without a source row is deleted only when its
 * key is at or below the last key the ledger records for the load: rows above it were never loaded by
 * this migration and are kept, and reported, unless deleting them is asked for.
 *
 * <p>Each chunk's changes commit with its ledger row ({@link CatchUpJournal}), so a killed catch-up
 * goes on after the last committed chunk. It is idempotent anyway: a chunk repaired twice is found
 * equal the second time. Rows quarantined by the load whose source now maps cleanly are loaded and
 * their quarantine entries released in the same transaction.
 */
final class TableCatchUp {
    private static final Logger LOG = LoggerFactory.getLogger(TableCatchUp.class);
    private static final int EXAMPLES = 10;

    private final RunContext run;
    private final TableJob job;
    private final ChangeWriter changes;
    private final IsolatingWriter writer;
    /** What the ledger records of the load; moved on when a catch-up inserts rows above its last key. */
    private Ledger.MappingState load;
    private final boolean dryRun;
    private final boolean deleteUnloaded;
    private final int[] keyPositions;
    private final List<String> sourceKeyColumns;
    private final CanonicalEncoder encoder = new CanonicalEncoder(17);
    private final List<String> examples = new ArrayList<>();
    private final Map<String, Integer> exampleCounts = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> keptExamples = new ArrayList<>();
    private ChangeCounts counts = ChangeCounts.zero();
    private long chunksCompared;
    private long chunksRepaired;

    /**
     * @param load what the ledger records of the load: its last key bounds the rows a catch-up may delete
     * @param deleteUnloaded whether target rows without a source row above that key are deleted too
     */
    TableCatchUp(RunContext run, TableJob job, ChangeWriter changes, Ledger.MappingState load, boolean dryRun,
                 boolean deleteUnloaded) {
        this.run = run;
        this.job = job;
        this.changes = changes;
        this.writer = new IsolatingWriter(changes, job.name());
        this.load = load;
        this.dryRun = dryRun;
        this.deleteUnloaded = deleteUnloaded;
        this.keyPositions = keyPositions(job);
        this.sourceKeyColumns = job.sourceLayout().columns().subList(0, job.keyWidth());
    }

    /** Where the key columns are among the mapping's target columns. */
    static int[] keyPositions(TableJob job) {
        List<String> targetLayout = job.mapping().targetLayout().columns();
        return job.mapping().targetKey().stream().mapToInt(targetLayout::indexOf).toArray();
    }

    /**
     * Whether a mapping's key reaches the target unchanged but for its name or type, so that a
     * source key range selects the same rows as the target key range with the same bounds.
     */
    static Optional<String> unsupported(TableJob job) {
        if (job.keyWidth() == 0) {
            return Optional.empty();
        }
        boolean plain = job.mapping().keyFields().stream().allMatch(f -> f.rules().stream()
                .allMatch(r -> r instanceof TransformRule.Rename || r instanceof TransformRule.Cast));
        return plain ? Optional.empty() : Optional.of(job.name() + ": the key is transformed on its way to the "
                + "target, so a source key range does not select the same target rows; a comparison catch-up needs "
                + "a key that is copied, renamed or cast");
    }

    /** Catches the table up (or, in a dry run, finds what it would do); throws leaving committed chunks in place. */
    CatchUpResult.Table catchUp() {
        return compare(true);
    }

    /**
     * Re-applies a changed spec to what the target holds: a comparison of every chunk, never by
     * watermark (the spec's change touches rows the source did not change). Rows the new spec maps
     * as the old one did are left alone; resumable like any catch-up.
     */
    CatchUpResult.Table reapply() {
        return compare(false);
    }

    private CatchUpResult.Table compare(boolean byWatermark) {
        long[] skipped = {0};
        run.withConnections(job.name(), (source, target) -> {
            if (job.keyWidth() == 0) {
                wholeTable(source, target);
                return;
            }
            MigrationSettings.Watermark watermark = byWatermark
                    ? run.settings.watermarks().get(job.mapping().source().name()) : null;
            if (watermark != null) {
                WatermarkColumn column = new WatermarkColumn(job.source(), watermark);
                warnings.addAll(column.warnings(source));
                Object mark = column.highWaterMark(source);
                Optional<Object> last = run.ledger != null && run.ledger.exists(target)
                        ? run.ledger.catchUps().lastWatermark(target, run.migration(), job.name()) : Optional.empty();
                target.commit();
                if (last.isPresent()) {
                    sinceWatermark(source, target, watermark, column.below(last.get()), mark);
                    return;
                }
                // No mark yet: this pass compares everything, and records the mark it started from.
                passWatermark = mark;
            }
            skipped[0] = inChunks(source, target);
        });
        return result(skipped[0]);
    }

    // --- catch-up by watermark -------------------------------------------------------------------

    /**
     * Rows read again by key per transaction, by a watermark catch-up and by {@link #applyKeys}: their
     * keys are bound in one statement, and PostgreSQL takes at most 65,535 parameters and turns a list
     * of composite keys into a nested condition whose depth its stack limits.
     */
    private static final int KEYS_PER_BATCH = 1_000;

    /**
     * Repairs only the rows whose change column is above the last mark minus the lag, in batches of
     * keys, each committed with its ledger row; the new mark is recorded with the last batch only, so
     * that a run killed before it starts again from the old mark (and finds the batches it repaired
     * equal).
     */
    private void sinceWatermark(Connection source, Connection target, MigrationSettings.Watermark watermark,
                                Object from, Object mark) throws SQLException {
        List<String> keyColumns = job.selectColumns().subList(0, job.keyWidth());
        String changedSql = Engines.dsl(source).render(DSL.select(keyColumns.stream().map(c -> DSL.field(DSL.name(c)))
                        .toList()).from(DSL.table(job.source().qualifiedName()))
                .where(DSL.field(DSL.name(watermark.column())).gt(DSL.param("mark", Object.class))));
        List<List<Object>> keys = new ArrayList<>();
        try (SourceCursor rows = SourceCursor.open(source, changedSql, List.of(from), run.settings.fetchSize(), 0)) {
            for (Object[] row = rows.next(); row != null; row = rows.next()) {
                keys.add(Arrays.asList(row));
            }
        }
        LOG.info("{}: {} rows changed since {} (the last mark minus {})", job.name(), keys.size(), from,
                watermark.lag());
        Map<String, Ledger.Waiting> quarantined = new HashMap<>();
        CatchUpJournal.Start start = CatchUpJournal.Start.FIRST;
        if (!dryRun && run.ledger != null) {
            run.ledger.quarantined(target, run.migration(), job.name()).forEach(w -> quarantined.put(w.key(), w));
            start = run.ledger.catchUps().start(target, run.migration(), job.name());
        }
        target.commit();
        long pass = start.chunks() > 0 ? start.pass() + 1 : start.pass();
        List<String> targetKey = IntStream.of(keyPositions).mapToObj(job.targetColumns()::get).toList();
        long number = 0;
        int at = 0;
        do {
            List<List<Object>> batch = keys.subList(at, Math.min(keys.size(), at + KEYS_PER_BATCH));
            at += batch.size();
            Chunk chunk = new Chunk();
            try (SourceCursor rows = SourceCursor.open(source, keysSql(source, job.source().qualifiedName(),
                    job.selectColumns(), keyColumns, batch.size()), flatten(batch), run.settings.fetchSize(), 0)) {
                for (Row row = job.next(rows); row != null; row = job.next(rows)) {
                    expect(chunk, row, quarantined);
                }
            }
            passWatermark = at >= keys.size() ? mark : null;
            repair(target, chunk, keysSql(target, job.target().qualifiedName(), job.targetColumns(), targetKey,
                    batch.size()), flatten(batch), null, pass, ++number, false);
        } while (at < keys.size());
    }

    private CatchUpResult.Table result(long skipped) {
        if (counts.kept() > 0) {
            warnings.add(String.format("%,d target rows have no source row but were not loaded by this migration "
                    + "(their keys are above the last key its ledger records), so they were kept: %s", counts.kept(),
                    String.join("; ", keptExamples)));
        }
        List<String> statements = new ArrayList<>();
        for (ChangeWriter.Kind kind : ChangeWriter.Kind.values()) {
            if (!changes.sql(kind).isEmpty()) {
                statements.add(changes.sql(kind));
            }
        }
        LOG.info("{}: caught up, {}", job.name(), counts.describe());
        return new CatchUpResult.Table(job.name(), counts, chunksCompared, chunksRepaired, skipped, statements,
                examples, warnings);
    }

    // --- keyed tables ----------------------------------------------------------------------------

    /** The source rows of one chunk, mapped, and what the target must hold for them. */
    private final class Chunk {
        /** The target rows the spec makes of the source rows, in read order. */
        final List<Expected> expected = new ArrayList<>();
        final Digest.Sum digest = new Digest.Sum();
        final List<Rejection> rejected = new ArrayList<>();
        long read;
        long filtered;
        long alreadyQuarantined;
        Row last;
        /** The highest source key read, by the Java order of keys. */
        Object[] highest;
    }

    private record Expected(Row source, Row target, Object[] values, long[] hash, Ledger.Waiting quarantined) {
    }

    private long inChunks(Connection source, Connection target) throws SQLException {
        CatchUpJournal.Start start = dryRun || run.ledger == null || !run.ledger.exists(target)
                ? CatchUpJournal.Start.FIRST
                : run.ledger.catchUps().start(target, run.migration(), job.name());
        Map<String, Ledger.Waiting> quarantined = new HashMap<>();
        if (run.ledger != null && run.ledger.exists(target)) {
            run.ledger.quarantined(target, run.migration(), job.name()).forEach(w -> quarantined.put(w.key(), w));
        }
        target.commit();
        if (start.chunks() > 0) {
            LOG.info("{}: resuming catch-up pass {} after {} committed chunks", job.name(), start.pass(), start.chunks());
        }
        Object[] lower = start.after().map(List::toArray).orElse(null);
        long number = start.chunks();
        try (SourceCursor rows = job.scan(source, start.after().orElse(null), run.settings.fetchSize(), 0)) {
            Row next = job.next(rows);
            boolean done;
            do {
                Chunk chunk = new Chunk();
                while (next != null && chunk.read < run.settings.chunkSize()) {
                    expect(chunk, next, quarantined);
                    next = job.next(rows);
                }
                done = next == null;
                Object[] upper = done ? null : chunk.last.valuesOf(sourceKeyColumns).toArray();
                repair(target, chunk, targetRangeSql(target, lower, upper), binds(lower, upper), upper, start.pass(),
                        ++number, true);
                lower = upper;
            } while (!done);
        }
        return start.chunks();
    }

    /**
     * Repairs the rows of these target keys, in one transaction: reads their source rows (the key is
     * copied, renamed or cast, so the target key selects the source row) and their target rows, and
     * writes what differs as a catch-up's chunk does, deleting target rows the spec makes no row for.
     */
    CatchUpResult.Table repair(List<List<Object>> keys) {
        applyKeys(keys, target -> { });
        return result(0);
    }

    /** A ledger write that commits in the transaction of a repaired batch. */
    @FunctionalInterface
    interface LedgerWrite {
        void write(Connection target) throws SQLException;
    }

    /**
     * Repairs the rows of these keys as {@link #repair} does, writing {@code alongside} into the
     * ledger in the transaction that commits them (a change feed's position), without building a
     * result: a change feed calls it once per batch and asks for {@link #result()} at the end.
     */
    void applyKeys(List<List<Object>> keys, LedgerWrite alongside) {
        if (job.keyWidth() == 0) {
            // Without a key a change cannot name its row: the table is compared whole.
            this.alongside = alongside;
            run.withConnections(job.name(), this::wholeTable);
            return;
        }
        // More keys than one statement binds go in batches, each committed on its own; the ledger write
        // goes with the last, so that a feed's position never covers rows not yet written (a batch applied
        // again after a crash reads its rows again by key, which is harmless).
        for (int at = 0; at < keys.size(); at += KEYS_PER_BATCH) {
            boolean last = at + KEYS_PER_BATCH >= keys.size();
            applyBatch(keys.subList(at, Math.min(keys.size(), at + KEYS_PER_BATCH)), last ? alongside : target -> { });
        }
        if (keys.isEmpty()) {
            applyBatch(keys, alongside);
        }
    }

    /** {@link #applyKeys} for keys whose values one statement can bind. */
    private void applyBatch(List<List<Object>> keys, LedgerWrite alongside) {
        run.withConnections(job.name(), (source, target) -> {
            Map<String, Ledger.Waiting> quarantined = new HashMap<>();
            CatchUpJournal.Start start = CatchUpJournal.Start.FIRST;
            if (run.ledger != null && run.ledger.exists(target)) {
                run.ledger.quarantined(target, run.migration(), job.name()).forEach(w -> quarantined.put(w.key(), w));
                start = run.ledger.catchUps().start(target, run.migration(), job.name());
            }
            target.commit();
            Chunk chunk = new Chunk();
            List<String> keyColumns = job.selectColumns().subList(0, job.keyWidth());
            try (SourceCursor rows = SourceCursor.open(source, keysSql(source, job.source().qualifiedName(),
                    job.selectColumns(), keyColumns, keys.size()), flatten(keys), run.settings.fetchSize(), 0)) {
                for (Row row = job.next(rows); row != null; row = job.next(rows)) {
                    expect(chunk, row, quarantined);
                }
            }
            List<String> targetKey = IntStream.of(keyPositions).mapToObj(job.targetColumns()::get)
                    .toList();
            // A repair is a pass of its own, after an interrupted catch-up pass (which then starts over).
            long pass = start.chunks() > 0 ? start.pass() + 1 : start.pass();
            this.alongside = alongside;
            repair(target, chunk, keysSql(target, job.target().qualifiedName(), job.targetColumns(), targetKey,
                    keys.size()), flatten(keys), null, pass, 1, false);
        });
    }

    /** What the calls of {@link #applyKeys} did, together. */
    CatchUpResult.Table result() {
        return result(0);
    }

    private static String keysSql(Connection connection, Name table, List<String> columns,
                                  List<String> keyColumns, int keys) {
        List<Field<Object>> key = keyColumns.stream().map(c -> DSL.field(DSL.name(c))).toList();
        List<RowN> values = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            int n = i;
            values.add(DSL.row(key.stream().map(k -> DSL.param(k.getName() + "_" + n, Object.class)).toList()));
        }
        Condition where = keys == 0 ? DSL.falseCondition() : DSL.row(key).in(values);
        return Engines.dsl(connection).render(DSL.select(columns.stream().map(c -> DSL.field(DSL.name(c))).toList())
                .from(DSL.table(table)).where(where));
    }

    private static List<Object> flatten(List<List<Object>> keys) {
        List<Object> binds = new ArrayList<>();
        keys.forEach(binds::addAll);
        return binds;
    }

    /** Maps a source row into the chunk: a target row it must hold, a filtered row, or a rejected one. */
    private void expect(Chunk chunk, Row row, Map<String, Ledger.Waiting> quarantined) {
        chunk.read++;
        chunk.last = row;
        Object[] key = row.valuesOf(sourceKeyColumns).toArray();
        if (chunk.highest == null || Keys.compare(key, chunk.highest) > 0) {
            chunk.highest = key;
        }
        RowResult result = job.mapping().apply(row);
        String keyText = QuarantinedRow.keyText(sourceKeyColumns, row.valuesOf(sourceKeyColumns));
        Ledger.Waiting entry = quarantined.get(keyText);
        if (result instanceof RowResult.Loaded) {
            Row mapped = ((RowResult.Loaded) result).row();
            Object[] values = values(mapped);
            long[] hash = encoder.hash(values).clone();
            chunk.digest.add(hash);
            chunk.expected.add(new Expected(row, mapped, values, hash, entry));
        } else if (result instanceof RowResult.Filtered) {
            chunk.filtered++;
        } else if (entry != null) {
            // Still bad: the quarantine already holds it.
            chunk.alreadyQuarantined++;
        } else {
            RowResult.Rejected why = (RowResult.Rejected) result;
            chunk.rejected.add(Rejection.of(job, 0, row, why));
        }
    }

    /**
     * Compares a chunk with the target rows a query selects and writes what differs, with its ledger row.
     *
     * @param upper the last key of the chunk's range, null for the last chunk of a pass (or a repair)
     * @param passRange whether the chunk is a key range of a pass (recorded for resuming), not a list of keys
     */
    private void repair(Connection target, Chunk chunk, String targetSql, List<Object> targetBinds, Object[] upper,
                        long pass, long number, boolean passRange) throws SQLException {
        chunksCompared++;
        // Keys and hashes only: the rows are matched by key only when the chunk's digests differ.
        List<Object[]> actualKeys = new ArrayList<>();
        List<long[]> actualHashes = new ArrayList<>();
        Digest.Sum actualDigest = new Digest.Sum();
        try (SourceCursor rows = SourceCursor.open(target, targetSql, targetBinds, run.settings.fetchSize(), 0)) {
            for (Object[] row = rows.next(); row != null; row = rows.next()) {
                long[] hash = encoder.hash(row).clone();
                actualDigest.add(hash);
                actualKeys.add(Keys.extract(row, keyPositions));
                actualHashes.add(hash);
            }
        }
        List<Row> writes = new ArrayList<>();
        List<Expected> written = new ArrayList<>();
        long unchanged = 0;
        long kept = 0;
        if (chunk.digest.digest().equals(actualDigest.digest())) {
            unchanged = chunk.expected.size();
        } else {
            chunksRepaired++;
            Map<Keys.Bytes, Integer> actual = new HashMap<>();
            for (int i = 0; i < actualKeys.size(); i++) {
                actual.put(new Keys.Bytes(encoder.encodeAll(actualKeys.get(i))), i);
            }
            List<Row> deletes = new ArrayList<>();
            List<Row> updates = new ArrayList<>();
            List<Row> inserts = new ArrayList<>();
            List<Expected> updated = new ArrayList<>();
            List<Expected> inserted = new ArrayList<>();
            for (Expected e : chunk.expected) {
                Integer at = actual.remove(keyOf(e.values()));
                if (at == null) {
                    inserts.add(e.target());
                    inserted.add(e);
                    example("INSERT", e.target());
                } else if (!Arrays.equals(actualHashes.get(at), e.hash())) {
                    updates.add(changes.update(e.target()));
                    updated.add(e);
                    example("UPDATE", e.target());
                } else {
                    unchanged++;
                }
            }
            for (int at : actual.values()) {
                Object[] key = actualKeys.get(at);
                if (deleteUnloaded || !passRange || loadedByThisMigration(key)) {
                    Row delete = changes.delete(key);
                    deletes.add(delete);
                    example("DELETE", delete);
                } else {
                    kept++;
                    if (keptExamples.size() < 5) {
                        keptExamples.add(QuarantinedRow.keyText(job.mapping().targetKey(), List.of(key)));
                    }
                }
            }
            // Deletes first: they free unique values that updates and inserts may take.
            writes.addAll(deletes);
            writes.addAll(updates);
            writes.addAll(inserts);
            written.addAll(Collections.nCopies(deletes.size(), null));
            written.addAll(updated);
            written.addAll(inserted);
        }
        if (dryRun) {
            long deleted = writes.stream().filter(r -> changes.kind(r) == ChangeWriter.Kind.DELETE).count();
            long updated = writes.stream().filter(r -> changes.kind(r) == ChangeWriter.Kind.UPDATE).count();
            counts = counts.plus(new ChangeCounts(chunk.read, writes.size() - deleted - updated, updated, unchanged,
                    chunk.filtered, chunk.rejected.size() + chunk.alreadyQuarantined, deleted, kept));
            target.rollback();
            return;
        }
        long keptRows = kept;
        long unchangedRows = unchanged;
        writer.write(target, writes, IsolatingWriter.AS_GIVEN, piece -> {
            if (piece.to() < writes.size()) {
                // An earlier piece of a refused chunk: its changes commit now, its ledger row with the last piece.
                refusals.addAll(piece.refused());
                run.proveLock(target);
                target.commit();
                return;
            }
            refusals.addAll(piece.refused());
            commitChunk(target, chunk, writes, written, unchangedRows, keptRows, pass, number, upper);
        });
    }

    /** The watermark to record with the last chunk of the current pass; null when there is none. */
    private Object passWatermark;

    /** What the next repaired batch writes into the ledger with its changes; null when nothing. */
    private LedgerWrite alongside;

    /** The refusals of the current chunk's pieces, kept until its last piece records them. */
    private final List<IsolatingWriter.Refusal> refusals = new ArrayList<>();

    private void commitChunk(Connection target, Chunk chunk, List<Row> writes, List<Expected> written, long unchanged,
                             long kept, long pass, long number, Object[] upper) throws SQLException {
        run.checkLock(target);
        long ledgerChunk = -(pass * 1_000_000_000L + number);
        List<Rejection> bad = new ArrayList<>();
        chunk.rejected.forEach(r -> bad.add(r.inChunk(ledgerChunk)));
        long inserted = 0;
        long updated = 0;
        long deleted = 0;
        boolean[] refused = new boolean[writes.size()];
        for (IsolatingWriter.Refusal refusal : refusals) {
            refused[refusal.index()] = true;
            Expected row = written.get(refusal.index());
            if (row == null) {
                kept++;
                warnings.add("a row could not be deleted (" + changes.kind(writes.get(refusal.index())) + " "
                        + writes.get(refusal.index()) + "): " + refusal.reason());
                continue;
            }
            boolean waits = refusal.missingParent();
            Rejection rejection = Rejection.of(job, ledgerChunk, row.source(), job.target().name(),
                    waits ? Ledger.MISSING_PARENT : ParentRetry.BAD_ROW_RULE, refusal.reason());
            if (changes.kind(writes.get(refusal.index())) == ChangeWriter.Kind.UPDATE
                    && deleteStale(target, Keys.extract(row.values(), keyPositions))) {
                deleted++;
            }
            if (row.quarantined() == null) {
                bad.add(waits ? rejection.waitingForParent() : rejection);
            }
        }
        refusals.clear();
        List<Ledger.Waiting> resolved = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            ChangeWriter.Kind kind = changes.kind(writes.get(i));
            if (refused[i]) {
                continue;
            }
            if (kind == ChangeWriter.Kind.DELETE) {
                deleted++;
            } else if (kind == ChangeWriter.Kind.UPDATE) {
                updated++;
            } else {
                inserted++;
            }
            if (written.get(i) != null && written.get(i).quarantined() != null) {
                resolved.add(written.get(i).quarantined());
            }
        }
        long quarantinedRows = chunk.alreadyQuarantined + bad.size() + IntStream.range(0, refused.length)
                .filter(i -> refused[i] && written.get(i) != null && written.get(i).quarantined() != null).count();
        ChangeCounts chunkCounts = new ChangeCounts(chunk.read, inserted, updated, unchanged, chunk.filtered,
                quarantinedRows, deleted, kept);
        countAgainstLimit(bad);
        if (run.ledger != null) {
            if (!resolved.isEmpty()) {
                run.ledger.release(target, run.migration(), resolved);
                resolved.forEach(w -> LOG.info("{}: quarantined row {} loaded, its source now maps cleanly",
                        job.name(), w.key()));
            }
            run.ledger.quarantine(target, run.migration(), job.name(), ledgerChunk, bad, run.runId);
            if (upper == null) {
                advanceLoad(target, chunk.highest);
            }
            run.ledger.catchUps().record(target, run.migration(), job.name(), pass, number,
                    upper == null ? null : List.of(upper), upper == null, chunkCounts,
                    upper == null ? passWatermark : null, run.runId);
            writeAlongside(target);
        }
        run.proveLock(target);
        target.commit();
        counts = counts.plus(chunkCounts);
        run.chunkCommitted(job.name(), number, chunk.read);
    }

    /**
     * Deletes the old version of a row whose update the target refused: the row is quarantined now,
     * and a quarantined row is not in the target. When the delete is refused too (a child still
     * references the row), the old version stays, with a warning.
     */
    private boolean deleteStale(Connection target, Object[] key) throws SQLException {
        Row delete = changes.delete(key);
        List<IsolatingWriter.Refusal> refused = writer.isolate(target, List.of(delete));
        if (refused.isEmpty()) {
            return true;
        }
        warnings.add("the old version of " + delete + " stays in the target: its update was refused and so was its "
                + "delete (" + refused.get(0).reason() + ")");
        return false;
    }

    /**
     * Moves the load's resume point past the rows this pass inserted above it, with a ledger chunk
     * that counts no rows: a later {@code migrate()} then does not insert them again, and a later
     * catch-up may delete them once their source rows are gone.
     */
    private void advanceLoad(Connection target, Object[] highest) throws SQLException {
        if (highest == null || loadedByThisMigration(highest)) {
            return;
        }
        run.ledger.recordChunk(target, run.migration(), job.name(), load.lastNumber() + 1, List.of(highest), 0, 0,
                Map.of(), 0, run.runId);
        load = new Ledger.MappingState(load.chunks() + 1, Optional.of(List.of(highest)), load.read(), load.loaded(),
                load.filteredBy(), load.quarantined(), load.complete(), load.lastNumber() + 1, load.holes());
    }

    /** Writes what goes into the ledger with the batch being committed (a change feed's position), once. */
    private void writeAlongside(Connection target) throws SQLException {
        if (alongside != null) {
            alongside.write(target);
            alongside = null;
        }
    }

    /** Whether a key is at or below the last key the ledger records for the load. */
    private boolean loadedByThisMigration(Object[] key) {
        return load.lastKey().map(last -> Keys.compare(key, last.toArray()) <= 0).orElse(false);
    }

    private void countAgainstLimit(List<Rejection> bad) {
        List<Rejection> counted = bad.stream().filter(r -> !r.waitsForParent()).toList();
        for (Rejection rejection : counted) {
            run.badRows.badRow(rejection.row().describe(), "the catch-up's earlier chunks stay committed");
        }
        if (!counted.isEmpty()) {
            run.badRows.quarantined(counted.size(), counted.get(counted.size() - 1).row().describe());
        }
    }

    /** Keeps the first few changes of each kind, for people. */
    private void example(String kind, Row row) {
        if (exampleCounts.merge(kind, 1, Integer::sum) <= EXAMPLES) {
            examples.add(kind + " " + row);
        }
    }

    /** The target columns of the rows in {@code (lower, upper]} (either bound absent: unbounded). */
    private static String targetRangeSql(TableJob job, int[] keyPositions, Connection target, Object[] lower, Object[] upper) {
        List<String> columns = job.targetColumns();
        List<Field<Object>> fields = columns.stream().map(c -> DSL.field(DSL.name(c))).toList();
        List<Field<Object>> key = IntStream.of(keyPositions).mapToObj(fields::get).toList();
        Condition where = DSL.noCondition();
        // A single column is compared as itself, not as a row value, so that every engine uses its index.
        if (lower != null) {
            where = where.and(key.size() == 1 ? key.get(0).gt(params(key, "lower").get(0))
                    : DSL.row(key).gt(DSL.row(params(key, "lower"))));
        }
        if (upper != null) {
            where = where.and(key.size() == 1 ? key.get(0).le(params(key, "upper").get(0))
                    : DSL.row(key).le(DSL.row(params(key, "upper"))));
        }
        return Engines.dsl(target).render(DSL.select(fields).from(DSL.table(job.target().qualifiedName())).where(where));
    }

    private String targetRangeSql(Connection target, Object[] lower, Object[] upper) {
        return targetRangeSql(job, keyPositions, target, lower, upper);
    }

    private static List<Param<Object>> params(List<Field<Object>> key, String prefix) {
        return key.stream().map(k -> DSL.param(prefix + "_" + k.getName(), Object.class)).toList();
    }

    private static List<Object> binds(Object[] lower, Object[] upper) {
        List<Object> binds = new ArrayList<>();
        if (lower != null) {
            binds.addAll(List.of(lower));
        }
        if (upper != null) {
            binds.addAll(List.of(upper));
        }
        return binds;
    }

    private Keys.Bytes keyOf(Object[] targetValues) {
        return new Keys.Bytes(encoder.encodeAll(Keys.extract(targetValues, keyPositions)));
    }

    private static Object[] values(Row row) {
        Object[] values = new Object[row.columns().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i);
        }
        return values;
    }

    // --- tables without a key --------------------------------------------------------------------

    /**
     * A table without a key is compared whole, as a multiset (one digest per side), and reloaded
     * whole when the digests differ: without a key, SQL cannot name one of two identical rows to
     * delete it, so a row-level repair is not portable.
     */
    private void wholeTable(Connection source, Connection target) throws SQLException {
        if (!load.complete()) {
            warnings.add("no key, and not loaded whole by this migration: left as it is");
            return;
        }
        Map<String, Ledger.Waiting> quarantined = new HashMap<>();
        if (run.ledger != null && run.ledger.exists(target)) {
            run.ledger.quarantined(target, run.migration(), job.name()).forEach(w -> quarantined.put(w.key(), w));
        }
        Chunk all = new Chunk();
        List<Row> rows = new ArrayList<>();
        try (SourceCursor cursor = job.scan(source, null, run.settings.fetchSize(), 0)) {
            for (Row row = job.next(cursor); row != null; row = job.next(cursor)) {
                all.read++;
                RowResult result = job.mapping().apply(row);
                if (result instanceof RowResult.Loaded) {
                    Row mapped = ((RowResult.Loaded) result).row();
                    all.digest.add(encoder.hash(values(mapped)));
                    rows.add(mapped);
                } else if (result instanceof RowResult.Filtered) {
                    all.filtered++;
                } else if (quarantined.containsKey(QuarantinedRow.keyText(row.columns(), row.valuesOf(row.columns())))) {
                    all.alreadyQuarantined++;
                } else {
                    RowResult.Rejected why = (RowResult.Rejected) result;
                    all.rejected.add(Rejection.of(job, 0, row, why));
                }
            }
        }
        Digest.Sum actual = new Digest.Sum();
        try (SourceCursor cursor = SourceCursor.open(target, targetRangeSql(target, null, null), List.of(),
                run.settings.fetchSize(), 0)) {
            for (Object[] row = cursor.next(); row != null; row = cursor.next()) {
                actual.add(encoder.hash(row));
            }
        }
        chunksCompared++;
        long targetRows = actual.digest().count();
        if (all.digest.digest().equals(actual.digest())) {
            counts = new ChangeCounts(all.read, 0, 0, rows.size(), all.filtered,
                    all.alreadyQuarantined + all.rejected.size(), 0, 0);
            commitWhole(target, all, List.of());
            return;
        }
        chunksRepaired++;
        warnings.add("no key: its rows differ from the source's as a multiset, so it was reloaded whole");
        if (dryRun) {
            counts = new ChangeCounts(all.read, rows.size(), 0, 0, all.filtered,
                    all.alreadyQuarantined + all.rejected.size(), targetRows, 0);
            examples.add("DELETE every row of " + job.target().qualifiedName() + ", then INSERT " + rows.size() + " rows");
            target.rollback();
            return;
        }
        Engines.dsl(target).deleteFrom(DSL.table(job.target().qualifiedName())).execute();
        List<IsolatingWriter.Refusal> refused = writer.isolate(target, rows);
        counts = new ChangeCounts(all.read, rows.size() - refused.size(), 0, 0, all.filtered,
                all.alreadyQuarantined + all.rejected.size() + refused.size(), targetRows, 0);
        List<Rejection> bad = new ArrayList<>();
        for (IsolatingWriter.Refusal refusal : refused) {
            bad.add(Rejection.of(job, 0, rows.get(refusal.index()), job.target().name(), ParentRetry.BAD_ROW_RULE,
                    refusal.reason()));
        }
        commitWhole(target, all, bad);
    }

    private void commitWhole(Connection target, Chunk all, List<Rejection> refused) throws SQLException {
        if (dryRun) {
            target.rollback();
            return;
        }
        run.checkLock(target);
        CatchUpJournal.Start start = run.ledger.catchUps().start(target, run.migration(), job.name());
        long ledgerChunk = -(start.pass() * 1_000_000_000L + 1);
        List<Rejection> bad = new ArrayList<>();
        all.rejected.forEach(r -> bad.add(r.inChunk(ledgerChunk)));
        refused.forEach(r -> bad.add(r.inChunk(ledgerChunk)));
        countAgainstLimit(bad);
        run.ledger.quarantine(target, run.migration(), job.name(), ledgerChunk, bad, run.runId);
        run.ledger.catchUps().record(target, run.migration(), job.name(), start.pass(), 1, null, true, counts,
                null, run.runId);
        writeAlongside(target);
        run.proveLock(target);
        target.commit();
        run.chunkCommitted(job.name(), 1, all.read);
    }
}
