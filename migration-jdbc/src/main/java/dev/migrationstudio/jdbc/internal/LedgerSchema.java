package dev.migrationstudio.jdbc.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.jdbc.ledger.QuarantineState;
import dev.migrationstudio.mapping.RowResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
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
 * The ledger's tables and columns, the DDL that creates them, and the steps that bring a ledger
 * written by an earlier version up to date. The one place that knows how the ledger is stored; the
 * chunk journal, the quarantine store, the lease table and the table claims read and write through
 * these names.
 *
 * <p>Migrating forward runs on every create, each step idempotent: on H2 every DDL statement commits
 * by itself, so a run that dies between two steps leaves a ledger the next run completes.
 */
final class LedgerSchema {
    /**
     * The rule text that marked a row waiting for its parent before the quarantine had a state
     * column. Frozen: only {@link #legacyState(boolean)} reads it, to give such rows their state once.
     */
    static final String LEGACY_MISSING_PARENT_RULE = "foreign key, parent row missing (retried at the end of each run)";

    private final String schema;
    private final String prefix;
    private final SQLDialect dialect;

    final Field<String> migration = field(name("migration"), SQLDataType.VARCHAR(200).nullable(false));
    /**
     * A mapping's name. Shorter on MariaDB, whose keys are at most 3,072 bytes (4 bytes a character in
     * utf8mb4), and MariaDB names are at most 64 characters, so a mapping's name stays well within it.
     */
    final Field<String> mapping;
    final Field<String> fingerprint = field(name("fingerprint"), SQLDataType.VARCHAR(64).nullable(false));
    final Field<LocalDateTime> recordedAt = field(name("recorded_at"), SQLDataType.LOCALDATETIME(6));
    /** The spec's canonical text, so that a refused run can say what changed. */
    final Field<String> specText = field(name("spec_text"), SQLDataType.CLOB);
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
    /**
     * A {@link QuarantineState}'s name. Nullable only because a column added to a table that has rows
     * cannot be NOT NULL without a default, and a default would hide rows not given their state yet.
     */
    final Field<String> state = field(name("state"), SQLDataType.VARCHAR(30));
    /**
     * A quarantined row's {@link RowResult.Cause}'s name: whose fault it is, the data's or the rule's
     * code's. Nullable for the same reason as {@link #state}.
     */
    final Field<String> cause = field(name("cause"), SQLDataType.VARCHAR(30));
    final Field<String> owner = field(name("owner"), SQLDataType.VARCHAR(300));
    final Field<LocalDateTime> acquiredAt = field(name("acquired_at"), SQLDataType.LOCALDATETIME(6));
    final Field<LocalDateTime> heartbeatAt = field(name("heartbeat_at"), SQLDataType.LOCALDATETIME(6));
    final Field<Long> leaseMillis = field(name("lease_ms"), SQLDataType.BIGINT);
    /**
     * The lock's fencing token: raised each time a run takes the lock, and checked by every commit
     * that writes target rows. Nullable only because ledgers written before it lack it.
     */
    final Field<Long> token = field(name("token"), SQLDataType.BIGINT);
    /** A target table claimed by a migration, as {@link TableShape#id()} names it. */
    final Field<String> targetTable;
    /** When a migration claimed a target table, in UTC. */
    final Field<LocalDateTime> claimedAt = field(name("claimed_at"), SQLDataType.LOCALDATETIME(6));

    /** A catch-up's pass over a table mapping: 1 for the first catch-up after the load, then on. */
    final Field<Long> passNo = field(name("pass_no"), SQLDataType.BIGINT.nullable(false));
    final Field<Long> rowsInserted = field(name("rows_inserted"), SQLDataType.BIGINT.nullable(false));
    final Field<Long> rowsUpdated = field(name("rows_updated"), SQLDataType.BIGINT.nullable(false));
    final Field<Long> rowsDeleted = field(name("rows_deleted"), SQLDataType.BIGINT.nullable(false));
    final Field<Long> rowsUnchanged = field(name("rows_unchanged"), SQLDataType.BIGINT.nullable(false));
    /** Target rows without a source row that the migration never loaded, so kept. */
    final Field<Long> rowsKept = field(name("rows_kept"), SQLDataType.BIGINT.nullable(false));
    /** The high-water mark of a watermark column read when a pass started, as {@link KeyCodec} writes a key. */
    final Field<String> watermark = field(name("watermark"), SQLDataType.CLOB);
    /** Whether the pass ended with this chunk (its range reaches past the last source key). */
    final Field<Boolean> passDone = field(name("pass_done"), SQLDataType.BOOLEAN.nullable(false));

    /** A change feed's name ({@link dev.migrationstudio.jdbc.ChangeFeed#name()}). */
    final Field<String> feed = field(name("feed"), SQLDataType.VARCHAR(200).nullable(false));
    /** Where the last applied batch of a change feed ends, as the feed writes positions. */
    final Field<String> position = field(name("position"), SQLDataType.CLOB);
    /** Changes a feed's applied batches held, in all. */
    final Field<Long> changesApplied = field(name("changes_applied"), SQLDataType.BIGINT.nullable(false));

    /**
     * @param schema the schema of the ledger tables, or empty for the connection's default schema
     * @param prefix the prefix of their names
     */
    LedgerSchema(String schema, String prefix, SQLDialect dialect) {
        this.schema = schema;
        this.prefix = prefix;
        this.dialect = dialect;
        int names = dialect == SQLDialect.MARIADB ? 500 : 1000;
        this.mapping = field(name("mapping"), SQLDataType.VARCHAR(names).nullable(false));
        this.targetTable = field(name("target_table"), SQLDataType.VARCHAR(names).nullable(false));
    }

    SQLDialect dialect() {
        return dialect;
    }

    private Name tableName(String suffix) {
        return schema.isEmpty() ? name(prefix + suffix) : name(schema, prefix + suffix);
    }

    private TableId tableId(String suffix) {
        return schema.isEmpty() ? TableId.of(prefix + suffix) : TableId.of(schema, prefix + suffix);
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

    Table<Record> catchUps() {
        return table(tableName("catchup"));
    }

    Table<Record> changeFeeds() {
        return table(tableName("change_feed"));
    }

    Table<Record> locks() {
        return table(tableName("lock"));
    }

    Table<Record> tableOwners() {
        return table(tableName("table_owner"));
    }

    /**
     * The tables that record a migration's work under its name: all but the lock table, whose lease
     * rows belong to the runs holding them.
     */
    List<Table<Record>> recordsOfAMigration() {
        return List.of(migrations(), chunks(), completed(), quarantine(), catchUps(), changeFeeds(), tableOwners());
    }

    /** The ledger tables' names, for messages and dry-run plans. */
    List<String> tableNames() {
        return List.of("migration", "chunk", "completed_table", "quarantine", "catchup", "change_feed", "lock", "table_owner").stream()
                .map(s -> tableName(s).toString()).toList();
    }

    DSLContext dsl(Connection connection) {
        return DSL.using(connection, dialect, Engines.settings());
    }

    /** Whether the ledger tables exist in the target. */
    boolean exists(Connection connection) {
        return TableShape.find(connection, tableId("chunk")).isPresent();
    }

    /** Creates the ledger tables that do not exist yet (and the schema, when one is configured). */
    void create(Connection connection) {
        DSLContext sql = dsl(connection);
        try {
            if (!schema.isEmpty()) {
                sql.createSchemaIfNotExists(name(schema)).execute();
            }
            sql.createTableIfNotExists(migrations()).columns(migration, fingerprint, recordedAt, specText)
                    .primaryKey(migration).execute();
            sql.createTableIfNotExists(chunks()).columns(migration, mapping, chunkNo, lastKey, rowsRead, rowsLoaded,
                    rowsFiltered, filteredBy, rowsQuarantined, runId, recordedAt)
                    .primaryKey(migration, mapping, chunkNo).execute();
            sql.createTableIfNotExists(completed()).columns(migration, mapping, recordedAt)
                    .primaryKey(migration, mapping).execute();
            sql.createTableIfNotExists(quarantine()).columns(migration, mapping, chunkNo, seq, rowKey, sourceKey,
                    rowValues, columnName, rule, reason, state, cause, runId, recordedAt)
                    .primaryKey(migration, mapping, chunkNo, seq).execute();
            sql.createTableIfNotExists(catchUps()).columns(migration, mapping, passNo, chunkNo, lastKey, passDone,
                    rowsRead, rowsInserted, rowsUpdated, rowsDeleted, rowsUnchanged, rowsFiltered, rowsQuarantined,
                    rowsKept, watermark, runId, recordedAt)
                    .primaryKey(migration, mapping, passNo, chunkNo).execute();
            sql.createTableIfNotExists(changeFeeds()).columns(migration, feed, position, changesApplied, runId, recordedAt)
                    .primaryKey(migration, feed).execute();
            sql.createTableIfNotExists(locks()).columns(migration, owner, acquiredAt, heartbeatAt, leaseMillis, token)
                    .primaryKey(migration).execute();
            // Ledgers written before target tables had owners gain the table here; their migrations
            // claim their tables on their next run.
            sql.createTableIfNotExists(tableOwners()).columns(targetTable, migration, claimedAt)
                    .primaryKey(targetTable).execute();
            migrateForward(sql);
            commit(connection);
        } catch (RuntimeException e) {
            throw new MigrationException("cannot create the ledger tables " + tableNames() + " in the target: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Brings the tables of a ledger written by an earlier version up to date; a no-op on a current
     * ledger (the state fill finds no row without a state).
     */
    private void migrateForward(DSLContext sql) {
        // Ledgers written before rows could wait for their parent lack the typed key.
        sql.alterTable(quarantine()).addColumnIfNotExists(sourceKey).execute();
        // Ledgers written before the quarantine had a state told waiting rows by their rule's text, and
        // those written before it kept a row's cause told it only in the reason's text.
        sql.alterTable(quarantine()).addColumnIfNotExists(state).execute();
        sql.alterTable(quarantine()).addColumnIfNotExists(cause).execute();
        sql.update(quarantine()).set(state, DSL.coalesce(state, legacyState(true)))
                .set(cause, DSL.coalesce(cause, legacyCause())).where(state.isNull().or(cause.isNull())).execute();
        // Ledgers written before commits were fenced lack the lock's token; a lease row without one
        // counts as token 0 and is raised to 1 by the next run that takes it.
        sql.alterTable(locks()).addColumnIfNotExists(token).execute();
        // Ledgers written before a changed spec was explained lack its text; the next run records it.
        sql.alterTable(migrations()).addColumnIfNotExists(specText).execute();
    }

    /**
     * The state of a row recorded before the quarantine had a state column, from its rule text: the
     * only reading of that text, used once to fill the column, and by a read-only view of a ledger
     * not migrated yet.
     *
     * @param hasSourceKey whether the quarantine has the source key column (a waiting row needs its key)
     */
    Field<String> legacyState(boolean hasSourceKey) {
        if (!hasSourceKey) {
            return DSL.inline(QuarantineState.QUARANTINED.name());
        }
        return DSL.when(rule.eq(DSL.inline(LEGACY_MISSING_PARENT_RULE)).and(sourceKey.isNotNull()),
                        DSL.inline(QuarantineState.WAITING_FOR_PARENT.name()))
                .otherwise(DSL.inline(QuarantineState.QUARANTINED.name()));
    }

    /**
     * The cause of a row recorded before the quarantine had a cause column: a NULL key by the text
     * that rejection has always had, anything else counted as the data's fault, since a rule's failure
     * left no mark apart from its exception's name in the reason. Used once to fill the column, and
     * by a read-only view of a ledger not migrated yet.
     */
    Field<String> legacyCause() {
        return DSL.when(rule.eq(DSL.inline("key")).and(reason.like(DSL.inline("key column % is NULL%"))),
                        DSL.inline(RowResult.Cause.NULL_KEY.name()))
                .otherwise(DSL.inline(RowResult.Cause.VALUE.name()));
    }

    /**
     * The quarantine's columns that earlier versions lacked, as this ledger has them; empty when the
     * quarantine table does not exist.
     */
    Optional<QuarantineColumns> quarantineColumns(Connection connection) {
        return TableShape.find(connection, tableId("quarantine")).map(shape -> new QuarantineColumns(
                shape.column(sourceKey.getName()).isPresent(), shape.column(state.getName()).isPresent(),
                shape.column(cause.getName()).isPresent()));
    }

    /** Which of the columns added since the first ledgers a quarantine table has. */
    record QuarantineColumns(boolean sourceKey, boolean state, boolean cause) {
    }

    /** The state of a quarantined row as stored. */
    static QuarantineState stateOf(String stored) {
        try {
            return QuarantineState.valueOf(stored);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MigrationException("the ledger holds a quarantined row in an unknown state '" + stored
                    + "' (known: " + List.of(QuarantineState.values()) + "); was it written by a newer version?", e);
        }
    }

    /** The cause of a quarantined row as stored. */
    static RowResult.Cause causeOf(String stored) {
        try {
            return RowResult.Cause.valueOf(stored);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MigrationException("the ledger holds a quarantined row with an unknown cause '" + stored
                    + "' (known: " + List.of(RowResult.Cause.values()) + "); was it written by a newer version?", e);
        }
    }

    static void commit(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new MigrationException("cannot commit the ledger: " + SqlStates.reason(e), e);
        }
    }
}
