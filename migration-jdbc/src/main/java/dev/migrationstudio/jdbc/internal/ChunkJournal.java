package dev.migrationstudio.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationstudio.MigrationException;
import dev.migrationstudio.jdbc.RowCounts;
import dev.migrationstudio.jdbc.ledger.LedgerChunk;
import dev.migrationstudio.jdbc.ledger.MappingProgress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * What a migration did, in the ledger: the fingerprint of the spec that ran, one row per committed
 * chunk (its last key and counts), and the tables without a key that were reloaded whole. A chunk's
 * row is written in the transaction of the chunk's data, so the journal never claims work that was
 * not committed, nor misses work that was.
 */
final class ChunkJournal {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Long>> COUNTS = new TypeReference<>() { };

    private final LedgerSchema schema;
    private final String chunkInsertSql;

    ChunkJournal(LedgerSchema schema) {
        this.schema = schema;
        LedgerSchema s = schema;
        // Rendered once: a chunk's ledger row is written for every chunk, inside its transaction.
        this.chunkInsertSql = Engines.renderer(s.dialect()).render(DSL.insertInto(s.chunks(), s.migration, s.mapping,
                        s.chunkNo, s.lastKey, s.rowsRead, s.rowsLoaded, s.rowsFiltered, s.filteredBy, s.rowsQuarantined,
                        s.runId, s.recordedAt)
                .values(DSL.param("migration", String.class), DSL.param("mapping", String.class),
                        DSL.param("chunk_no", Long.class), DSL.param("last_key", String.class),
                        DSL.param("rows_read", Long.class), DSL.param("rows_loaded", Long.class),
                        DSL.param("rows_filtered", Long.class), DSL.param("filtered_by", String.class),
                        DSL.param("rows_quarantined", Long.class), DSL.param("run_id", String.class),
                        DSL.param("recorded_at", LocalDateTime.class)));
    }

    /** The exact statement that records a committed chunk, bind values as {@code ?}. */
    String chunkInsertSql() {
        return chunkInsertSql;
    }

    /** The fingerprint recorded for a migration, if it ran before. */
    Optional<String> fingerprint(Connection connection, String name) {
        return schema.dsl(connection).select(schema.fingerprint).from(schema.migrations())
                .where(schema.migration.eq(name)).fetchOptional(schema.fingerprint);
    }

    /** The canonical text of the spec that last ran, if the ledger recorded it (earlier versions did not). */
    Optional<String> specText(Connection connection, String name) {
        return schema.dsl(connection).select(schema.specText).from(schema.migrations())
                .where(schema.migration.eq(name)).fetchOptional(schema.specText);
    }

    /** Records (or replaces) a migration's fingerprint and the spec's canonical text; the caller commits. */
    void recordFingerprint(Connection connection, String name, String value, String text) {
        DSLContext sql = schema.dsl(connection);
        sql.deleteFrom(schema.migrations()).where(schema.migration.eq(name)).execute();
        sql.insertInto(schema.migrations(), schema.migration, schema.fingerprint, schema.recordedAt, schema.specText)
                .values(name, value, LocalDateTime.now(), text).execute();
    }

    /** Forgets the fingerprint, chunks and completed tables of a migration; the caller commits. */
    void forget(Connection connection, String name) {
        DSLContext sql = schema.dsl(connection);
        sql.deleteFrom(schema.chunks()).where(schema.migration.eq(name)).execute();
        sql.deleteFrom(schema.completed()).where(schema.migration.eq(name)).execute();
        sql.deleteFrom(schema.migrations()).where(schema.migration.eq(name)).execute();
    }

    /** Records a committed chunk; the caller commits in the same transaction as the chunk's rows. */
    void recordChunk(Connection connection, String name, String mappingName, long number, List<Object> key,
                     long read, long loaded, Map<String, Long> filtered, long quarantinedRows, String run)
            throws SQLException {
        long filteredTotal = filtered.values().stream().mapToLong(Long::longValue).sum();
        try (PreparedStatement insert = connection.prepareStatement(chunkInsertSql)) {
            insert.setString(1, name);
            insert.setString(2, mappingName);
            insert.setLong(3, number);
            insert.setString(4, key == null ? null : KeyCodec.encode(key));
            insert.setLong(5, read);
            insert.setLong(6, loaded);
            insert.setLong(7, filteredTotal);
            insert.setString(8, writeCounts(filtered));
            insert.setLong(9, quarantinedRows);
            insert.setString(10, run);
            insert.setObject(11, LocalDateTime.now());
            insert.executeUpdate();
        }
    }

    /** Records a table without a key as reloaded whole; the caller commits with its rows. */
    void markComplete(Connection connection, String name, String mappingName) {
        schema.dsl(connection).insertInto(schema.completed(), schema.migration, schema.mapping, schema.recordedAt)
                .values(name, mappingName, LocalDateTime.now()).execute();
    }

    /** What the journal holds for one table mapping. */
    MappingProgress progress(Connection connection, String name, String mappingName) {
        List<MappingProgress> found = progress(connection, schema.migration.eq(name).and(schema.mapping.eq(mappingName)));
        return found.isEmpty() ? MappingProgress.none(mappingName) : found.get(0);
    }

    /** What the journal holds for every table mapping of a migration, by mapping name. */
    List<MappingProgress> progress(Connection connection, String name) {
        return progress(connection, schema.migration.eq(name));
    }

    private List<MappingProgress> progress(Connection connection, Condition condition) {
        DSLContext sql = schema.dsl(connection);
        Map<String, List<LedgerChunk>> chunks = new LinkedHashMap<>();
        for (Record r : sql.select(schema.mapping, schema.chunkNo, schema.lastKey, schema.rowsRead, schema.rowsLoaded,
                        schema.filteredBy, schema.rowsQuarantined)
                .from(schema.chunks()).where(condition).orderBy(schema.mapping, schema.chunkNo).fetch()) {
            String key = r.get(schema.lastKey);
            chunks.computeIfAbsent(r.get(schema.mapping), m -> new ArrayList<>()).add(new LedgerChunk(
                    r.get(schema.mapping), r.get(schema.chunkNo), Optional.ofNullable(key).map(KeyCodec::decode),
                    new RowCounts(r.get(schema.rowsRead), r.get(schema.rowsLoaded), readCounts(r.get(schema.filteredBy)),
                            r.get(schema.rowsQuarantined))));
        }
        Set<String> complete = new HashSet<>(sql.select(schema.mapping).from(schema.completed()).where(condition)
                .fetch(schema.mapping));
        complete.forEach(m -> chunks.computeIfAbsent(m, x -> new ArrayList<>()));
        return chunks.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new MappingProgress(e.getKey(), e.getValue(), complete.contains(e.getKey()))).toList();
    }

    private static Map<String, Long> readCounts(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, COUNTS);
        } catch (JsonProcessingException e) {
            throw new MigrationException("the ledger holds unreadable filter counts: " + json, e);
        }
    }

    private static String writeCounts(Map<String, Long> counts) {
        try {
            return JSON.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
