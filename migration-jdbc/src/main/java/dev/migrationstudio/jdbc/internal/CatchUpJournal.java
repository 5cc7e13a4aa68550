package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.jdbc.ChangeCounts;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The catch-ups of a migration, in the ledger: one row per compared chunk of a pass over a table
 * mapping, with the last source key of its range and what it wrote, committed in the transaction of
 * the chunk's changes. A pass whose last row is not marked done was interrupted: the next catch-up
 * goes on after its last key, so a chunk is never repaired twice by one pass and nothing is skipped.
 */
final class CatchUpJournal {
    private final LedgerSchema schema;

    CatchUpJournal(LedgerSchema schema) {
        this.schema = schema;
    }

    /**
     * Where a catch-up of a table mapping starts.
     *
     * @param pass the pass's number
     * @param chunks chunks of the pass committed already (0 for a new pass)
     * @param after the last key of the pass's last committed chunk; empty to start from the first key
     * @param done what the pass's committed chunks did
     */
    record Start(long pass, long chunks, Optional<List<Object>> after, ChangeCounts done) {
        /** The first pass, from the first key. */
        static final Start FIRST = new Start(1, 0, Optional.empty(), ChangeCounts.zero());
    }

    /** Where the next catch-up of a mapping starts: after the last key of an interrupted pass, or a new pass. */
    Start start(Connection connection, String name, String mappingName) {
        LedgerSchema s = schema;
        DSLContext sql = s.dsl(connection);
        Long last = sql.select(org.jooq.impl.DSL.max(s.passNo)).from(s.catchUps())
                .where(s.migration.eq(name)).and(s.mapping.eq(mappingName)).fetchOne(0, Long.class);
        if (last == null) {
            return Start.FIRST;
        }
        List<? extends Record> chunks = sql.select(s.chunkNo, s.lastKey, s.passDone, s.rowsRead, s.rowsInserted, s.rowsUpdated,
                        s.rowsUnchanged, s.rowsFiltered, s.rowsQuarantined, s.rowsDeleted, s.rowsKept)
                .from(s.catchUps()).where(s.migration.eq(name)).and(s.mapping.eq(mappingName)).and(s.passNo.eq(last))
                .orderBy(s.chunkNo).fetch();
        Record end = chunks.get(chunks.size() - 1);
        if (end.get(s.passDone)) {
            return new Start(last + 1, 0, Optional.empty(), ChangeCounts.zero());
        }
        ChangeCounts done = ChangeCounts.zero();
        for (Record r : chunks) {
            done = done.plus(new ChangeCounts(r.get(s.rowsRead), r.get(s.rowsInserted), r.get(s.rowsUpdated),
                    r.get(s.rowsUnchanged), r.get(s.rowsFiltered), r.get(s.rowsQuarantined), r.get(s.rowsDeleted),
                    r.get(s.rowsKept)));
        }
        return new Start(last, chunks.size(), Optional.ofNullable(end.get(s.lastKey)).map(KeyCodec::decode), done);
    }

    /**
     * Records a compared (and repaired) chunk of a pass; the caller commits with the chunk's changes.
     *
     * @param watermark the watermark column's high-water mark when the pass started, on the pass's last
     *     chunk (null otherwise, or without a watermark column)
     */
    void record(Connection connection, String name, String mappingName, long pass, long chunk, List<Object> lastKey,
                boolean passDone, ChangeCounts counts, Object watermark, String run) {
        LedgerSchema s = schema;
        s.dsl(connection).insertInto(s.catchUps(), s.migration, s.mapping, s.passNo, s.chunkNo, s.lastKey, s.passDone,
                        s.rowsRead, s.rowsInserted, s.rowsUpdated, s.rowsDeleted, s.rowsUnchanged, s.rowsFiltered,
                        s.rowsQuarantined, s.rowsKept, s.watermark, s.runId, s.recordedAt)
                .values(name, mappingName, pass, chunk, lastKey == null ? null : KeyCodec.encode(lastKey), passDone,
                        counts.read(), counts.inserted(), counts.updated(), counts.deleted(), counts.unchanged(),
                        counts.filtered(), counts.quarantined(), counts.kept(),
                        watermark == null ? null : KeyCodec.encode(java.util.Collections.singletonList(watermark)), run,
                        LocalDateTime.now())
                .execute();
    }

    /** The high-water mark the last completed pass over a mapping recorded, if one did. */
    Optional<Object> lastWatermark(Connection connection, String name, String mappingName) {
        LedgerSchema s = schema;
        return s.dsl(connection).select(s.watermark).from(s.catchUps())
                .where(s.migration.eq(name)).and(s.mapping.eq(mappingName)).and(s.watermark.isNotNull())
                .orderBy(s.passNo.desc(), s.chunkNo.desc()).limit(1).fetchOptional(s.watermark)
                .map(text -> KeyCodec.decode(text).get(0));
    }

    /** Forgets the catch-ups of a migration; the caller commits. */
    void forget(Connection connection, String name) {
        schema.dsl(connection).deleteFrom(schema.catchUps()).where(schema.migration.eq(name)).execute();
    }
}
