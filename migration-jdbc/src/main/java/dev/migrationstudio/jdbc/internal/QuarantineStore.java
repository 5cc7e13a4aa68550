package dev.migrationstudio.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationstudio.MigrationException;
import dev.migrationstudio.jdbc.QuarantinedRow;
import dev.migrationstudio.jdbc.ledger.QuarantineEntry;
import dev.migrationstudio.jdbc.ledger.QuarantineState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The ledger's quarantine: rows that could not be carried, each with its key, values, rule and
 * reason (for people) and its {@link QuarantineState} (for code). Rows waiting for their parent are
 * released from it when the retry loads them, in the transaction of their insert.
 */
final class QuarantineStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUARANTINE_BATCH = 1_000;

    private final LedgerSchema schema;
    private final String insertSql;
    private final String releaseDeleteSql;
    private final String releaseCountSql;

    QuarantineStore(LedgerSchema schema) {
        this.schema = schema;
        LedgerSchema s = schema;
        var renderer = Engines.renderer(s.dialect());
        this.insertSql = renderer.render(DSL.insertInto(s.quarantine(), s.migration, s.mapping, s.chunkNo, s.seq,
                        s.rowKey, s.sourceKey, s.rowValues, s.columnName, s.rule, s.reason, s.state, s.cause,
                        s.runId, s.recordedAt)
                .values(DSL.param("migration", String.class), DSL.param("mapping", String.class),
                        DSL.param("chunk_no", Long.class), DSL.param("seq", Long.class),
                        DSL.param("row_key", String.class), DSL.param("source_key", String.class),
                        DSL.param("row_values", String.class), DSL.param("column_name", String.class),
                        DSL.param("rule", String.class), DSL.param("reason", String.class),
                        DSL.param("state", String.class), DSL.param("cause", String.class),
                        DSL.param("run_id", String.class),
                        DSL.param("recorded_at", LocalDateTime.class)));
        this.releaseDeleteSql = renderer.render(DSL.deleteFrom(s.quarantine())
                .where(s.migration.eq(DSL.param("migration", String.class)))
                .and(s.mapping.eq(DSL.param("mapping", String.class)))
                .and(s.chunkNo.eq(DSL.param("chunk_no", Long.class)))
                .and(s.seq.eq(DSL.param("seq", Long.class))));
        this.releaseCountSql = renderer.render(DSL.update(s.chunks())
                .set(s.rowsLoaded, s.rowsLoaded.plus(DSL.param("loaded", Long.class)))
                .set(s.rowsQuarantined, s.rowsQuarantined.minus(DSL.param("released", Long.class)))
                .where(s.migration.eq(DSL.param("migration", String.class)))
                .and(s.mapping.eq(DSL.param("mapping", String.class)))
                .and(s.chunkNo.eq(DSL.param("chunk_no", Long.class))));
    }

    /**
     * Stores quarantined rows in JDBC batches of one prepared row each (a chunk may quarantine tens of
     * thousands of rows: more bind values than one statement may carry); the caller commits with the
     * chunk.
     */
    void add(Connection connection, String name, String mappingName, long number, List<Rejection> rows, String run)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        LocalDateTime now = LocalDateTime.now();
        try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
            long n = 0;
            for (Rejection rejection : rows) {
                QuarantinedRow row = rejection.row();
                insert.setString(1, name);
                insert.setString(2, mappingName);
                insert.setLong(3, number);
                insert.setLong(4, n++);
                insert.setString(5, row.key());
                insert.setString(6, rejection.sourceKey() == null ? null : KeyCodec.encode(rejection.sourceKey()));
                insert.setString(7, writeValues(row.values()));
                insert.setString(8, row.column());
                insert.setString(9, row.rule());
                insert.setString(10, row.reason());
                insert.setString(11, rejection.state().name());
                insert.setString(12, row.cause().name());
                insert.setString(13, run);
                insert.setObject(14, now);
                insert.addBatch();
                if (n % QUARANTINE_BATCH == 0) {
                    insert.executeBatch();
                }
            }
            if (n % QUARANTINE_BATCH != 0) {
                insert.executeBatch();
            }
        }
    }

    /** The rows of a migration that wait for their parent, in the order recorded. */
    List<Ledger.Waiting> waitingForParent(Connection connection, String name) {
        LedgerSchema s = schema;
        return s.dsl(connection).select(s.mapping, s.chunkNo, s.seq, s.rowKey, s.sourceKey, s.runId, s.reason)
                .from(s.quarantine())
                .where(s.migration.eq(name)).and(s.state.eq(QuarantineState.WAITING_FOR_PARENT.name()))
                .and(s.sourceKey.isNotNull())
                .orderBy(s.mapping, s.chunkNo, s.seq)
                .fetch(r -> new Ledger.Waiting(r.get(s.mapping), r.get(s.chunkNo), r.get(s.seq), r.get(s.rowKey),
                        KeyCodec.decode(r.get(s.sourceKey)), r.get(s.runId), r.get(s.reason)));
    }

    /**
     * Every quarantined row of one table mapping, in either state, in the order recorded: what a
     * catch-up resolves when a row's source has become valid.
     */
    List<Ledger.Waiting> entries(Connection connection, String name, String mappingName) {
        LedgerSchema s = schema;
        return s.dsl(connection).select(s.mapping, s.chunkNo, s.seq, s.rowKey, s.sourceKey, s.runId, s.reason)
                .from(s.quarantine())
                .where(s.migration.eq(name)).and(s.mapping.eq(mappingName))
                .orderBy(s.chunkNo, s.seq)
                .fetch(r -> new Ledger.Waiting(r.get(s.mapping), r.get(s.chunkNo), r.get(s.seq), r.get(s.rowKey),
                        r.get(s.sourceKey) == null ? null : KeyCodec.decode(r.get(s.sourceKey)), r.get(s.runId),
                        r.get(s.reason)));
    }

    /**
     * Moves waiting rows from quarantined to loaded: deletes their quarantine entries and corrects
     * their chunks' counts, in JDBC batches. The caller commits with the rows' inserts.
     */
    void release(Connection connection, String name, List<Ledger.Waiting> rows) throws SQLException {
        Map<List<Object>, Long> perChunk = new LinkedHashMap<>();
        try (PreparedStatement delete = connection.prepareStatement(releaseDeleteSql)) {
            for (Ledger.Waiting row : rows) {
                delete.setString(1, name);
                delete.setString(2, row.mapping());
                delete.setLong(3, row.chunk());
                delete.setLong(4, row.seq());
                delete.addBatch();
                perChunk.merge(List.of(row.mapping(), row.chunk()), 1L, Long::sum);
            }
            requireOneEach(delete.executeBatch(), rows);
        }
        try (PreparedStatement count = connection.prepareStatement(releaseCountSql)) {
            for (Map.Entry<List<Object>, Long> chunk : perChunk.entrySet()) {
                count.setLong(1, chunk.getValue());
                count.setLong(2, chunk.getValue());
                count.setString(3, name);
                count.setString(4, (String) chunk.getKey().get(0));
                count.setLong(5, (Long) chunk.getKey().get(1));
                count.addBatch();
            }
            count.executeBatch();
        }
    }

    /** Makes a waiting row a bad row, recording why it was refused after all; the caller commits. */
    void requalify(Connection connection, String name, Ledger.Waiting row, String newRule, String newReason) {
        LedgerSchema s = schema;
        s.dsl(connection).update(s.quarantine()).set(s.rule, newRule).set(s.reason, newReason)
                .set(s.state, QuarantineState.QUARANTINED.name())
                .where(s.migration.eq(name)).and(s.mapping.eq(row.mapping())).and(s.chunkNo.eq(row.chunk()))
                .and(s.seq.eq(row.seq())).execute();
    }

    /** Forgets the quarantined rows of a migration; the caller commits. */
    void forget(Connection connection, String name) {
        schema.dsl(connection).deleteFrom(schema.quarantine()).where(schema.migration.eq(name)).execute();
    }

    private static void requireOneEach(int[] deleted, List<Ledger.Waiting> rows) {
        for (int i = 0; i < deleted.length; i++) {
            if (deleted[i] != 1 && deleted[i] != java.sql.Statement.SUCCESS_NO_INFO) {
                Ledger.Waiting row = rows.get(i);
                throw new MigrationException("the ledger changed under the run: quarantined row " + row.mapping()
                        + ", " + row.key() + " (chunk " + row.chunk() + ") is no longer where it was recorded");
            }
        }
    }

    /**
     * The quarantined rows of a migration with their state, in the order recorded. Reads a ledger
     * written by an earlier version as it is (a read-only view does not migrate it): the state of its
     * rows comes from {@link LedgerSchema#legacyState(boolean)}.
     */
    List<QuarantineEntry> entries(Connection connection, String name, LedgerSchema.QuarantineColumns columns) {
        LedgerSchema s = schema;
        Field<String> legacy = s.legacyState(columns.sourceKey());
        Field<String> state = (columns.state() ? DSL.coalesce(s.state, legacy) : legacy).as("row_state");
        Field<String> cause = (columns.cause() ? DSL.coalesce(s.cause, s.legacyCause()) : s.legacyCause())
                .as("row_cause");
        return s.dsl(connection).select(s.mapping, s.chunkNo, s.rowKey, s.rowValues, s.columnName, s.rule, s.reason,
                        state, cause)
                .from(s.quarantine()).where(s.migration.eq(name)).orderBy(s.mapping, s.chunkNo, s.seq)
                .fetch(r -> new QuarantineEntry(LedgerSchema.stateOf(r.get(state)), new QuarantinedRow(
                        r.get(s.mapping), r.get(s.chunkNo), r.get(s.rowKey), readValues(r.get(s.rowValues)),
                        r.get(s.columnName), r.get(s.rule), r.get(s.reason), LedgerSchema.causeOf(r.get(cause)))));
    }

    private static String writeValues(Map<String, String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> readValues(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new MigrationException("the ledger holds unreadable quarantined values: " + json, e);
        }
    }
}
