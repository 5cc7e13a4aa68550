package dev.migrationstudio.jdbc.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationstudio.MigrationException;
import dev.migrationstudio.jdbc.QuarantinedRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The bookkeeping a migration keeps in its target: the spec's fingerprint, one row per committed
 * chunk (with the last key it covered and its counts), quarantined rows, completed keyless tables,
 * and the lease lock. Each chunk's row is written in the same transaction as the chunk's data, so
 * the ledger never claims work that was not committed, nor misses work that was.
 */
public final class Ledger {
    /** The rule of rows a foreign key refused for a missing parent: the run retries them at its end. */
    public static final String MISSING_PARENT = "foreign key, parent row missing (retried at the end of each run)";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUARANTINE_BATCH = 1_000;
    private static final TypeReference<LinkedHashMap<String, Long>> COUNTS = new TypeReference<>() { };

    private final String schema;
    private final String prefix;
    private final SQLDialect dialect;
    private final String chunkInsertSql;
    private final String quarantineInsertSql;
    private final String releaseDeleteSql;
    private final String releaseCountSql;

    final Field<String> migration = field(name("migration"), SQLDataType.VARCHAR(200).nullable(false));
    final Field<String> mapping = field(name("mapping"), SQLDataType.VARCHAR(1000).nullable(false));
    final Field<String> fingerprint = field(name("fingerprint"), SQLDataType.VARCHAR(64).nullable(false));
    final Field<LocalDateTime> recordedAt = field(name("recorded_at"), SQLDataType.LOCALDATETIME(6));
    final Field<Long> chunkNo = field(name("chunk_no"), SQLDataType.BIGINT.nullable(false));
    final Field<String> lastKey = field(name("last_key"), SQLDataType.CLOB);
    final Field<Long> rowsRead = field(name("rows_read"), SQLDataType.BIGINT.nullable(false));
    final Field<Long> rowsLoaded = field(name("rows_loaded"), SQLDataType.BIGINT.nullable(false));
    final Field<Long> rowsFiltered = field(name("rows_filtered"), SQLDataType.BIGINT.nullable(false));
    final Field<String> filteredBy = field(name("filtered_by"), SQLDataType.CLOB);
    final Field<Long> rowsQuarantined = field(name("rows_quarantined"), SQLDataType.BIGINT.nullable(false));
    final Field<String> runId = field(name("run_id"), SQLDataType.VARCHAR(100));
    final Field<Long> seq = field(name("seq"), SQLDataType.BIGINT.nullable(false));
    final Field<String> rowKey = field(name("row_key"), SQLDataType.CLOB);
    final Field<String> sourceKey = field(name("source_key"), SQLDataType.CLOB);
    final Field<String> rowValues = field(name("row_values"), SQLDataType.CLOB);
    final Field<String> columnName = field(name("column_name"), SQLDataType.VARCHAR(1000));
    final Field<String> rule = field(name("rule"), SQLDataType.CLOB);
    final Field<String> reason = field(name("reason"), SQLDataType.CLOB);
    final Field<String> owner = field(name("owner"), SQLDataType.VARCHAR(300));
    final Field<LocalDateTime> acquiredAt = field(name("acquired_at"), SQLDataType.LOCALDATETIME(6));
    final Field<LocalDateTime> heartbeatAt = field(name("heartbeat_at"), SQLDataType.LOCALDATETIME(6));
    final Field<Long> leaseMillis = field(name("lease_ms"), SQLDataType.BIGINT);

    /**
     * @param schema the schema of the ledger tables, or empty for the connection's default schema
     * @param prefix the prefix of their names
     */
    public Ledger(String schema, String prefix, SQLDialect dialect) {
        this.schema = schema;
        this.prefix = prefix;
        this.dialect = dialect;
        // Rendered once: a chunk's ledger row is written for every chunk, inside its transaction.
        this.chunkInsertSql = Engines.renderer(dialect).render(DSL.insertInto(chunks(), migration, mapping, chunkNo,
                lastKey, rowsRead, rowsLoaded, rowsFiltered, filteredBy, rowsQuarantined, runId, recordedAt)
                .values(DSL.param("migration", String.class), DSL.param("mapping", String.class),
                        DSL.param("chunk_no", Long.class), DSL.param("last_key", String.class),
                        DSL.param("rows_read", Long.class), DSL.param("rows_loaded", Long.class),
                        DSL.param("rows_filtered", Long.class), DSL.param("filtered_by", String.class),
                        DSL.param("rows_quarantined", Long.class), DSL.param("run_id", String.class),
                        DSL.param("recorded_at", LocalDateTime.class)));
        this.quarantineInsertSql = Engines.renderer(dialect).render(DSL.insertInto(quarantine(), migration, mapping,
                chunkNo, seq, rowKey, sourceKey, rowValues, columnName, rule, reason, runId, recordedAt)
                .values(DSL.param("migration", String.class), DSL.param("mapping", String.class),
                        DSL.param("chunk_no", Long.class), DSL.param("seq", Long.class),
                        DSL.param("row_key", String.class), DSL.param("source_key", String.class),
                        DSL.param("row_values", String.class), DSL.param("column_name", String.class),
                        DSL.param("rule", String.class), DSL.param("reason", String.class),
                        DSL.param("run_id", String.class), DSL.param("recorded_at", LocalDateTime.class)));
        this.releaseDeleteSql = Engines.renderer(dialect).render(DSL.deleteFrom(quarantine())
                .where(migration.eq(DSL.param("migration", String.class)))
                .and(mapping.eq(DSL.param("mapping", String.class)))
                .and(chunkNo.eq(DSL.param("chunk_no", Long.class)))
                .and(seq.eq(DSL.param("seq", Long.class))));
        this.releaseCountSql = Engines.renderer(dialect).render(DSL.update(chunks())
                .set(rowsLoaded, rowsLoaded.plus(DSL.param("loaded", Long.class)))
                .set(rowsQuarantined, rowsQuarantined.minus(DSL.param("released", Long.class)))
                .where(migration.eq(DSL.param("migration", String.class)))
                .and(mapping.eq(DSL.param("mapping", String.class)))
                .and(chunkNo.eq(DSL.param("chunk_no", Long.class))));
    }

    /** The exact statement that records a committed chunk, bind values as {@code ?}. */
    public String chunkInsertSql() {
        return chunkInsertSql;
    }

    private Name tableName(String suffix) {
        return schema.isEmpty() ? name(prefix + suffix) : name(schema, prefix + suffix);
    }

    Table<Record> migrations() {
        return table(tableName("migration"));
    }

    Table<Record> chunks() {
        return table(tableName("chunk"));
    }

    Table<Record> completed() {
        return table(tableName("completed_table"));
    }

    Table<Record> quarantine() {
        return table(tableName("quarantine"));
    }

    Table<Record> locks() {
        return table(tableName("lock"));
    }

    /** The ledger tables' names, for messages and dry-run plans. */
    public List<String> tableNames() {
        return List.of("migration", "chunk", "completed_table", "quarantine", "lock").stream()
                .map(s -> tableName(s).toString()).toList();
    }

    DSLContext dsl(Connection connection) {
        return DSL.using(connection, dialect, Engines.settings());
    }

    /** Whether the ledger tables exist in the target. */
    public boolean exists(Connection connection) {
        return TableShape.find(connection, schema.isEmpty() ? dev.migrationstudio.inventory.TableId.of(prefix + "chunk")
                : dev.migrationstudio.inventory.TableId.of(schema, prefix + "chunk")).isPresent();
    }

    /** Creates the ledger tables that do not exist yet (and the schema, when one is configured). */
    public void create(Connection connection) {
        DSLContext sql = dsl(connection);
        try {
            if (!schema.isEmpty()) {
                sql.createSchemaIfNotExists(name(schema)).execute();
            }
            sql.createTableIfNotExists(migrations()).columns(migration, fingerprint, recordedAt)
                    .primaryKey(migration).execute();
            sql.createTableIfNotExists(chunks()).columns(migration, mapping, chunkNo, lastKey, rowsRead, rowsLoaded,
                    rowsFiltered, filteredBy, rowsQuarantined, runId, recordedAt)
                    .primaryKey(migration, mapping, chunkNo).execute();
            sql.createTableIfNotExists(completed()).columns(migration, mapping, recordedAt)
                    .primaryKey(migration, mapping).execute();
            sql.createTableIfNotExists(quarantine()).columns(migration, mapping, chunkNo, seq, rowKey, sourceKey,
                    rowValues, columnName, rule, reason, runId, recordedAt)
                    .primaryKey(migration, mapping, chunkNo, seq).execute();
            // Ledgers written before rows could wait for their parent lack the typed key.
            sql.alterTable(quarantine()).addColumnIfNotExists(sourceKey).execute();
            sql.createTableIfNotExists(locks()).columns(migration, owner, acquiredAt, heartbeatAt, leaseMillis)
                    .primaryKey(migration).execute();
            commit(connection);
        } catch (RuntimeException e) {
            throw new MigrationException("cannot create the ledger tables " + tableNames() + " in the target: "
                    + e.getMessage(), e);
        }
    }

    /** The fingerprint recorded for a migration, if it ran before. */
    public Optional<String> fingerprint(Connection connection, String name) {
        return dsl(connection).select(fingerprint).from(migrations()).where(migration.eq(name)).fetchOptional(fingerprint);
    }

    /** Records (or replaces) a migration's fingerprint; the caller commits. */
    public void recordFingerprint(Connection connection, String name, String value) {
        DSLContext sql = dsl(connection);
        sql.deleteFrom(migrations()).where(migration.eq(name)).execute();
        sql.insertInto(migrations(), migration, fingerprint, recordedAt).values(name, value, LocalDateTime.now()).execute();
    }

    /** Forgets everything recorded for a migration (its lock excepted); the caller commits. */
    public void forget(Connection connection, String name) {
        DSLContext sql = dsl(connection);
        sql.deleteFrom(chunks()).where(migration.eq(name)).execute();
        sql.deleteFrom(completed()).where(migration.eq(name)).execute();
        sql.deleteFrom(quarantine()).where(migration.eq(name)).execute();
        sql.deleteFrom(migrations()).where(migration.eq(name)).execute();
    }

    /**
     * What is recorded for one table mapping.
     *
     * @param chunks committed chunks
     * @param lastKey the last key of the last committed chunk, where reading resumes
     * @param read rows read over all chunks
     * @param loaded rows loaded over all chunks
     * @param filteredBy rows filtered over all chunks, by rule
     * @param quarantined rows quarantined over all chunks
     * @param complete whether a keyless table was reloaded whole
     */
    public record MappingState(long chunks, Optional<List<Object>> lastKey, long read, long loaded,
                               Map<String, Long> filteredBy, long quarantined, boolean complete) {
        /** Nothing recorded. */
        public static MappingState empty() {
            return new MappingState(0, Optional.empty(), 0, 0, Map.of(), 0, false);
        }
    }

    /** What the ledger holds for a table mapping. */
    public MappingState state(Connection connection, String name, String mappingName) {
        DSLContext sql = dsl(connection);
        var condition = migration.eq(name).and(mapping.eq(mappingName));
        long chunkCount = 0;
        long read = 0;
        long loaded = 0;
        long quarantined = 0;
        Map<String, Long> filtered = new LinkedHashMap<>();
        String last = null;
        long lastNo = -1;
        for (Record record : sql.select(chunkNo, lastKey, rowsRead, rowsLoaded, filteredBy, rowsQuarantined)
                .from(chunks()).where(condition).fetch()) {
            chunkCount++;
            read += record.get(rowsRead);
            loaded += record.get(rowsLoaded);
            quarantined += record.get(rowsQuarantined);
            readCounts(record.get(filteredBy)).forEach((k, v) -> filtered.merge(k, v, Long::sum));
            if (record.get(chunkNo) > lastNo) {
                lastNo = record.get(chunkNo);
                last = record.get(lastKey);
            }
        }
        boolean complete = sql.fetchExists(sql.selectOne().from(completed()).where(condition));
        return new MappingState(chunkCount, Optional.ofNullable(last).map(KeyCodec::decode), read, loaded, filtered,
                quarantined, complete);
    }

    /** Records a committed chunk; the caller commits in the same transaction as the chunk's rows. */
    public void recordChunk(Connection connection, String name, String mappingName, long number, List<Object> key,
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

    /** Records a keyless table as reloaded; the caller commits with its rows. */
    public void markComplete(Connection connection, String name, String mappingName) {
        dsl(connection).insertInto(completed(), migration, mapping, recordedAt)
                .values(name, mappingName, LocalDateTime.now()).execute();
    }

    /**
     * Stores quarantined rows in JDBC batches of one prepared row each (a chunk may quarantine tens of
     * thousands of rows: more bind values than one statement may carry); the caller commits with the
     * chunk.
     */
    void quarantine(Connection connection, String name, String mappingName, long number, List<Rejection> rows,
                    String run) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        LocalDateTime now = LocalDateTime.now();
        try (PreparedStatement insert = connection.prepareStatement(quarantineInsertSql)) {
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
                insert.setString(11, run);
                insert.setObject(12, now);
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

    /**
     * A quarantined row that waits for its parent row.
     *
     * @param mapping the table mapping
     * @param chunk the chunk that quarantined it
     * @param seq its place in the chunk's quarantine
     * @param key the source key as text, as {@link QuarantinedRow#key()}
     * @param sourceKey the source key's values
     * @param run the run that quarantined it
     * @param reason the database's reason
     */
    record Waiting(String mapping, long chunk, long seq, String key, List<Object> sourceKey, String run,
                   String reason) {
        /** E.g. {@code employee, employee_id=3: <the database's reason>}. */
        String describe() {
            return mapping + ", " + key + ": " + reason;
        }
    }

    /** The rows of a migration that a foreign key refused for a missing parent, in the order recorded. */
    List<Waiting> waitingForParent(Connection connection, String name) {
        return dsl(connection).select(mapping, chunkNo, seq, rowKey, sourceKey, runId, reason).from(quarantine())
                .where(migration.eq(name)).and(rule.eq(MISSING_PARENT)).and(sourceKey.isNotNull())
                .orderBy(mapping, chunkNo, seq)
                .fetch(r -> new Waiting(r.get(mapping), r.get(chunkNo), r.get(seq), r.get(rowKey),
                        KeyCodec.decode(r.get(sourceKey)), r.get(runId), r.get(reason)));
    }

    /**
     * Moves waiting rows from quarantined to loaded: deletes their quarantine entries and corrects
     * their chunks' counts, in JDBC batches. The caller commits with the rows' inserts.
     */
    void release(Connection connection, String name, List<Waiting> rows) throws SQLException {
        Map<List<Object>, Long> perChunk = new LinkedHashMap<>();
        try (PreparedStatement delete = connection.prepareStatement(releaseDeleteSql)) {
            for (Waiting row : rows) {
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

    /** Records why a waiting row was refused after all; the caller commits. */
    void requalify(Connection connection, String name, Waiting row, String newRule, String newReason) {
        dsl(connection).update(quarantine()).set(rule, newRule).set(reason, newReason)
                .where(migration.eq(name)).and(mapping.eq(row.mapping())).and(chunkNo.eq(row.chunk()))
                .and(seq.eq(row.seq())).execute();
    }

    private static void requireOneEach(int[] deleted, List<Waiting> rows) {
        for (int i = 0; i < deleted.length; i++) {
            if (deleted[i] != 1 && deleted[i] != java.sql.Statement.SUCCESS_NO_INFO) {
                Waiting row = rows.get(i);
                throw new MigrationException("the ledger changed under the run: quarantined row " + row.mapping()
                        + ", " + row.key() + " (chunk " + row.chunk() + ") is no longer where it was recorded");
            }
        }
    }

    /** Quarantined rows of a migration, in the order recorded. */
    public List<QuarantinedRow> quarantined(Connection connection, String name) {
        return dsl(connection).select(mapping, chunkNo, rowKey, rowValues, columnName, rule, reason).from(quarantine())
                .where(migration.eq(name)).orderBy(mapping, chunkNo, seq)
                .fetch(r -> new QuarantinedRow(r.get(mapping), r.get(chunkNo), r.get(rowKey), readValues(r.get(rowValues)),
                        r.get(columnName), r.get(rule), r.get(reason)));
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

    private static void commit(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new MigrationException("cannot commit the ledger: " + SqlStates.reason(e), e);
        }
    }
}
