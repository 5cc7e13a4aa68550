package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.jdbc.RowCounts;
import dev.migrationstudio.jdbc.ledger.MappingProgress;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;

/**
 * The bookkeeping a migration keeps in its target, as the engine uses it: one entry point over the
 * ledger's parts, each with one job. {@link LedgerSchema} names the tables, creates them and brings
 * older ledgers up to date; {@link ChunkJournal} records the spec's fingerprint and every committed
 * chunk; {@link QuarantineStore} keeps the rows that could not be carried, with their state;
 * {@link LeaseTable} holds the lease rows of {@link LeaseLock}; {@link TableClaims} records which
 * migration writes which target table. Users and the verifier read the
 * ledger through {@link dev.migrationstudio.jdbc.ledger.MigrationLedger}.
 */
final class Ledger {
    /**
     * The rule recorded for rows a foreign key refused for a missing parent: text for people, which
     * may be reworded freely; the run finds these rows by their state,
     * {@link dev.migrationstudio.jdbc.ledger.QuarantineState#WAITING_FOR_PARENT}.
     */
    static final String MISSING_PARENT = "foreign key, parent row missing (retried at the end of each run)";

    private final LedgerSchema schema;
    private final ChunkJournal journal;
    private final QuarantineStore quarantine;
    private final LeaseTable leases;
    private final TableClaims claims;
    private final CatchUpJournal catchUps;
    private final FeedJournal feeds;

    /**
     * @param schema the schema of the ledger tables, or empty for the connection's default schema
     * @param prefix the prefix of their names
     */
    Ledger(String schema, String prefix, SQLDialect dialect) {
        this.schema = new LedgerSchema(schema, prefix, dialect);
        this.journal = new ChunkJournal(this.schema);
        this.quarantine = new QuarantineStore(this.schema);
        this.leases = new LeaseTable(this.schema);
        this.claims = new TableClaims(this.schema);
        this.catchUps = new CatchUpJournal(this.schema);
        this.feeds = new FeedJournal(this.schema);
    }

    /** The exact statement that records a committed chunk, bind values as {@code ?}. */
    String chunkInsertSql() {
        return journal.chunkInsertSql();
    }

    Table<Record> locks() {
        return schema.locks();
    }

    LeaseTable leases() {
        return leases;
    }

    /** The ledger tables' names, for messages and dry-run plans. */
    List<String> tableNames() {
        return schema.tableNames();
    }

    DSLContext dsl(Connection connection) {
        return schema.dsl(connection);
    }

    /** Whether the ledger tables exist in the target. */
    boolean exists(Connection connection) {
        return schema.exists(connection);
    }

    /**
     * Creates the ledger tables that do not exist yet (and the schema, when one is configured), and
     * brings the tables of a ledger written by an earlier version up to date.
     */
    void create(Connection connection) {
        schema.create(connection);
    }

    /** The fingerprint recorded for a migration, if it ran before. */
    Optional<String> fingerprint(Connection connection, String name) {
        return journal.fingerprint(connection, name);
    }

    /** The canonical text of the spec that last ran, if recorded. */
    Optional<String> specText(Connection connection, String name) {
        return journal.specText(connection, name);
    }

    /** Records (or replaces) a migration's fingerprint and its spec's canonical text; the caller commits. */
    void recordFingerprint(Connection connection, String name, String value, String text) {
        journal.recordFingerprint(connection, name, value, text);
    }

    /**
     * Forgets everything recorded for a migration (its lock excepted) and releases its target tables;
     * the caller commits.
     */
    void forget(Connection connection, String name) {
        journal.forget(connection, name);
        catchUps.forget(connection, name);
        feeds.forget(connection, name);
        quarantine.forget(connection, name);
        claims.release(connection, name);
    }

    /** The names of the migrations this ledger records (their specs' fingerprints or their tables' claims). */
    java.util.Set<String> migrations(Connection connection) {
        DSLContext sql = schema.dsl(connection);
        java.util.Set<String> names = new java.util.TreeSet<>(
                sql.selectDistinct(schema.migration).from(schema.migrations()).fetch(schema.migration));
        names.addAll(sql.selectDistinct(schema.migration).from(schema.tableOwners()).fetch(schema.migration));
        return names;
    }

    /**
     * Moves everything recorded for migration {@code from} to migration {@code to}: fingerprint and spec
     * text, chunks, completed tables, quarantine, catch-ups, change feeds' positions and table claims
     * (lease rows stay with the runs that hold them). The caller commits, in one transaction.
     */
    void rename(Connection connection, String from, String to) {
        DSLContext sql = schema.dsl(connection);
        for (Table<Record> table : schema.recordsOfAMigration()) {
            sql.update(table).set(schema.migration, to).where(schema.migration.eq(from)).execute();
        }
    }

    /**
     * Claims the target tables for a migration, or fails naming a table another migration owns (and
     * rolls back the open transaction); the caller commits.
     */
    void claim(Connection connection, String name, Collection<String> tables) {
        claims.claim(connection, name, tables);
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
     * @param lastNumber the number of the last committed chunk, after which a run numbers its own (chunks
     *     written by a chunk-parallel runner are numbered in key order with gaps, see {@link RangePlan})
     * @param holes key ranges below {@code lastKey} that no chunk holds, left by an interrupted
     *     chunk-parallel run: a run copies them first
     */
    record MappingState(long chunks, Optional<List<Object>> lastKey, long read, long loaded,
                               Map<String, Long> filteredBy, long quarantined, boolean complete, long lastNumber,
                               List<RangePlan.Range> holes) {
        /** Nothing recorded. */
        public static MappingState empty() {
            return new MappingState(0, Optional.empty(), 0, 0, Map.of(), 0, false, 0, List.of());
        }

        /** The state of a mapping's progress, as the journal records it. */
        static MappingState of(MappingProgress progress) {
            RowCounts total = progress.total();
            return new MappingState(progress.chunks().size(), progress.lastKey(), total.read(), total.loaded(),
                    total.filteredByRule(), total.quarantined(), progress.complete(),
                    progress.chunks().isEmpty() ? 0 : progress.chunks().get(progress.chunks().size() - 1).number(),
                    RangePlan.holes(progress));
        }
    }

    /** What the ledger holds for a table mapping. */
    MappingState state(Connection connection, String name, String mappingName) {
        return MappingState.of(journal.progress(connection, name, mappingName));
    }

    /** What the journal holds for a table mapping, chunk by chunk. */
    MappingProgress progress(Connection connection, String name, String mappingName) {
        return journal.progress(connection, name, mappingName);
    }

    /** Records a committed chunk; the caller commits in the same transaction as the chunk's rows. */
    void recordChunk(Connection connection, String name, String mappingName, long number, List<Object> key,
                            long read, long loaded, Map<String, Long> filtered, long quarantinedRows, String run)
            throws SQLException {
        journal.recordChunk(connection, name, mappingName, number, key, read, loaded, filtered, quarantinedRows, run);
    }

    /** The catch-ups' journal. */
    CatchUpJournal catchUps() {
        return catchUps;
    }

    FeedJournal feeds() {
        return feeds;
    }

    /** Records a keyless table as reloaded; the caller commits with its rows. */
    void markComplete(Connection connection, String name, String mappingName) {
        journal.markComplete(connection, name, mappingName);
    }

    /** Stores quarantined rows with their state; the caller commits with the chunk. */
    void quarantine(Connection connection, String name, String mappingName, long number, List<Rejection> rows,
                    String run) throws SQLException {
        quarantine.add(connection, name, mappingName, number, rows, run);
    }

    /**
     * A quarantined row that waits for its parent row.
     *
     * @param mapping the table mapping
     * @param chunk the chunk that quarantined it
     * @param seq its place in the chunk's quarantine
     * @param key the source key as text, as {@link dev.migrationstudio.jdbc.QuarantinedRow#key()}
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

    /** The rows of a migration that wait for their parent row, in the order recorded. */
    List<Waiting> waitingForParent(Connection connection, String name) {
        return quarantine.waitingForParent(connection, name);
    }

    /**
     * Moves waiting rows from quarantined to loaded: deletes their quarantine entries and corrects
     * their chunks' counts. The caller commits with the rows' inserts.
     */
    void release(Connection connection, String name, List<Waiting> rows) throws SQLException {
        quarantine.release(connection, name, rows);
    }

    /** Every quarantined row of one table mapping, in either state (the key's values may be null). */
    List<Waiting> quarantined(Connection connection, String name, String mappingName) {
        return quarantine.entries(connection, name, mappingName);
    }

    /** Makes a waiting row a bad row, recording why it was refused after all; the caller commits. */
    void requalify(Connection connection, String name, Waiting row, String newRule, String newReason) {
        quarantine.requalify(connection, name, row, newRule, newReason);
    }
}
