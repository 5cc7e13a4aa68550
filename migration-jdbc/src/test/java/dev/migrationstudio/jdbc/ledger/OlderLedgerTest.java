package dev.migrationstudio.jdbc.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.migrationstudio.jdbc.BadRows;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.jdbc.QuarantinedRow;
import dev.migrationstudio.jdbc.RowCounts;
import dev.migrationstudio.jdbc.TableResult;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.RowResult;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A ledger written by an earlier version, whose quarantine told rows waiting for their parent by the
 * text of their rule, keeps working: a run migrates it forward and retries its waiting row; a
 * read-only view reads it as it is.
 */
class OlderLedgerTest {

    private static final MappingSpec TREE = MappingSpec.builder("tree")
            .table("node", t -> t.key("id").field("parent_id").field("label"))
            .build();

    /** The rule text earlier versions wrote for a row waiting for its parent, and read back to find it. */
    private static final String OLD_WAITING_RULE = "foreign key, parent row missing (retried at the end of each run)";

    /**
     * The ledger's DDL as jOOQ rendered it before the quarantine had a state column (on MariaDB, with
     * its shorter mapping names, its DATETIME and its LONGTEXT).
     */
    private static List<String> oldLedgerDdl(Engine engine) {
        String clob = engine == Engine.H2 ? "clob" : engine == Engine.MARIADB ? "longtext" : "text";
        List<String> ddl = List.of(
                "create table if not exists \"ms_migration\" (\"migration\" varchar(200) not null, \"fingerprint\" "
                        + "varchar(64) not null, \"recorded_at\" timestamp(6), primary key (\"migration\"))",
                "create table if not exists \"ms_chunk\" (\"migration\" varchar(200) not null, \"mapping\" "
                        + "varchar(1000) not null, \"chunk_no\" bigint not null, \"last_key\" " + clob + ", "
                        + "\"rows_read\" bigint not null, \"rows_loaded\" bigint not null, \"rows_filtered\" bigint "
                        + "not null, \"filtered_by\" " + clob + ", \"rows_quarantined\" bigint not null, \"run_id\" "
                        + "varchar(100), \"recorded_at\" timestamp(6), primary key (\"migration\", \"mapping\", "
                        + "\"chunk_no\"))",
                "create table if not exists \"ms_completed_table\" (\"migration\" varchar(200) not null, \"mapping\" "
                        + "varchar(1000) not null, \"recorded_at\" timestamp(6), primary key (\"migration\", "
                        + "\"mapping\"))",
                "create table if not exists \"ms_quarantine\" (\"migration\" varchar(200) not null, \"mapping\" "
                        + "varchar(1000) not null, \"chunk_no\" bigint not null, \"seq\" bigint not null, \"row_key\" "
                        + clob + ", \"source_key\" " + clob + ", \"row_values\" " + clob + ", \"column_name\" "
                        + "varchar(1000), \"rule\" " + clob + ", \"reason\" " + clob + ", \"run_id\" varchar(100), "
                        + "\"recorded_at\" timestamp(6), primary key (\"migration\", \"mapping\", \"chunk_no\", "
                        + "\"seq\"))",
                "create table if not exists \"ms_lock\" (\"migration\" varchar(200) not null, \"owner\" varchar(300), "
                        + "\"acquired_at\" timestamp(6), \"heartbeat_at\" timestamp(6), \"lease_ms\" bigint, primary "
                        + "key (\"migration\"))");
        return engine != Engine.MARIADB ? ddl : ddl.stream()
                .map(sql -> sql.replace("\"mapping\" varchar(1000)", "\"mapping\" varchar(500)")
                        .replace("timestamp(6)", "datetime(6)"))
                .toList();
    }

    /**
     * Three nodes: an earlier run loaded node 1, kept node 2 waiting for its parent (node 1, which
     * committed after it), and quarantined node 3, whose label the target refused. Its ledger is in
     * the old schema.
     */
    private static void migratedByAnEarlierVersion(TestDatabase source, TestDatabase target) {
        source.execute("CREATE TABLE node (id INT PRIMARY KEY, parent_id INT, label VARCHAR(40))",
                "INSERT INTO node VALUES (1, NULL, 'root'), (2, 1, 'child'), (3, 1, 'a label far too long')");
        target.execute("CREATE TABLE node (id INT PRIMARY KEY, parent_id INT REFERENCES node (id), label VARCHAR(10))",
                "INSERT INTO node VALUES (1, NULL, 'root')");
        target.execute(oldLedgerDdl(target.engine()).toArray(String[]::new));
        String mapping = TREE.tables().get(0).describe();
        target.execute(
                "INSERT INTO ms_migration VALUES ('tree', '" + TREE.fingerprint() + "', TIMESTAMP '2026-01-05 10:00:00')",
                "INSERT INTO ms_chunk VALUES ('tree', '" + mapping + "', 1, '[[\"int\",\"3\"]]', 3, 1, 0, '{}', 2, "
                        + "'old-run', TIMESTAMP '2026-01-05 10:00:01')",
                "INSERT INTO ms_quarantine VALUES ('tree', '" + mapping + "', 1, 0, 'id=2', '[[\"int\",\"2\"]]', "
                        + "'{\"id\":\"2\",\"parent_id\":\"1\",\"label\":\"''child''\"}', 'node', '" + OLD_WAITING_RULE
                        + "', 'parent row missing', 'old-run', TIMESTAMP '2026-01-05 10:00:01')",
                "INSERT INTO ms_quarantine VALUES ('tree', '" + mapping + "', 1, 1, 'id=3', '[[\"int\",\"3\"]]', "
                        + "'{\"id\":\"3\",\"parent_id\":\"1\",\"label\":\"''a label far too long''\"}', 'node', "
                        + "'database constraint', 'value too long for VARCHAR(10)', 'old-run', "
                        + "TIMESTAMP '2026-01-05 10:00:01')");
    }

    private static boolean hasStateColumn(TestDatabase target) {
        try (Connection connection = target.dataSource().getConnection();
             // MariaDB's driver calls a database a catalog; without one it looks in every database.
             ResultSet columns = connection.getMetaData().getColumns(
                     target.engine() == Engine.MARIADB ? target.name() : null, null, "ms_quarantine", "state")) {
            return columns.next();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<List<Object>> rows(TestDatabase db, String sql) {
        return db.query(sql).stream().map(Arrays::asList).toList();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRunMigratesAnOlderLedgerForwardAndRetriesItsWaitingRow(Engine engine) {
        try (TestDatabase source = engine.create("old-src"); TestDatabase target = engine.create("old-tgt")) {
            migratedByAnEarlierVersion(source, target);

            MigrationResult result = JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource())
                    .spec(TREE).onBadRow(BadRows.quarantine()).logProgress(false).load().migrate();

            TableResult node = result.table("node").orElseThrow();
            assertThat(result.chunksDone()).as("the recorded chunk is resumed, not read again").isZero();
            assertThat(node.total()).isEqualTo(new RowCounts(3, 2, Map.of(), 1));
            assertThat(rows(target, "SELECT id, parent_id, label FROM node ORDER BY id")).containsExactly(
                    Arrays.asList(1, null, "root"),
                    Arrays.asList(2, 1, "child"));
            assertThat(hasStateColumn(target)).isTrue();
            assertThat(rows(target, "SELECT CAST(row_key AS " + (engine == Engine.MARIADB ? "CHAR" : "VARCHAR")
                    + "(20)), state FROM ms_quarantine"))
                    .containsExactly(List.of("id=3", "QUARANTINED"));
            MigrationLedger ledger = MigrationLedger.read(target.dataSource(), "tree").orElseThrow();
            assertThat(ledger.quarantined()).singleElement().satisfies(entry -> {
                assertThat(entry.state()).isEqualTo(QuarantineState.QUARANTINED);
                assertThat(entry.row().key()).isEqualTo("id=3");
                assertThat(entry.row().cause()).as("given its cause on the fly").isEqualTo(RowResult.Cause.VALUE);
            });
            assertThat(rows(target, "SELECT cause FROM ms_quarantine")).containsExactly(List.of("VALUE"));
            assertThat(ledger.mapping(TREE.tables().get(0).describe()).orElseThrow().total())
                    .isEqualTo(new RowCounts(3, 2, Map.of(), 1));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theReadOnlyViewReadsAnOlderLedgerAsItIsWithTheStatesItsRulesMeant(Engine engine) {
        try (TestDatabase source = engine.create("old-src"); TestDatabase target = engine.create("old-tgt")) {
            migratedByAnEarlierVersion(source, target);

            MigrationLedger ledger = MigrationLedger.read(target.dataSource(), "tree").orElseThrow();

            assertThat(ledger.fingerprint()).isEqualTo(TREE.fingerprint());
            assertThat(ledger.quarantined()).extracting(e -> e.row().key(), QuarantineEntry::state).containsExactly(
                    tuple("id=2", QuarantineState.WAITING_FOR_PARENT),
                    tuple("id=3", QuarantineState.QUARANTINED));
            assertThat(ledger.quarantined(QuarantineState.WAITING_FOR_PARENT)).extracting(QuarantineEntry::row)
                    .extracting(QuarantinedRow::values)
                    .containsExactly(Map.of("id", "2", "parent_id", "1", "label", "'child'"));
            assertThat(ledger.quarantined()).extracting(e -> e.row().cause())
                    .containsOnly(RowResult.Cause.VALUE);
            assertThat(hasStateColumn(target)).as("a read changes nothing").isFalse();
        }
    }
}
