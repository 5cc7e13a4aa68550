package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.jdbc.ledger.MigrationLedger;
import dev.migrationstudio.jdbc.ledger.QuarantineState;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.FixtureSql;
import dev.migrationstudio.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.StringJoiner;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rows whose parent row comes later (a table that references itself, two tables that reference each
 * other) are loaded at the end of the run; a row whose parent never comes is a bad row.
 */
class ParentRowsTest {
    private static final int NODES = 1_200;

    private static final MappingSpec TREE = MappingSpec.builder("tree")
            .table("node", t -> t.key("id").field("parent_id").field("label"))
            .build();

    /**
     * A chain in which every node's parent is the next node: each chunk but the last refers to the
     * chunk after it, the worst order there is for loading parents first.
     */
    private static void chain(TestDatabase source, TestDatabase target) {
        source.execute("CREATE TABLE node (id INT PRIMARY KEY, parent_id INT, label VARCHAR(20))");
        StringJoiner values = new StringJoiner(", ", "INSERT INTO node VALUES ", "");
        for (int id = 1; id <= NODES; id++) {
            values.add("(" + id + ", " + (id == NODES ? "NULL" : String.valueOf(id + 1)) + ", 'node " + id + "')");
        }
        source.execute(values.toString());
        target.execute("CREATE TABLE node (id INT PRIMARY KEY, parent_id INT REFERENCES node (id), label VARCHAR(20))");
    }

    private static JdbcMigrator.Configuration migrator(TestDatabase source, TestDatabase target, MappingSpec spec) {
        return JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource()).spec(spec)
                .chunkSize(250).batchSize(100).logProgress(false);
    }

    private static List<List<Object>> rows(TestDatabase db, String sql) {
        return db.query(sql).stream().map(Arrays::asList).toList();
    }

    private static long quarantineRows(TestDatabase target) {
        return ((Number) target.queryValue("SELECT COUNT(*) FROM ms_quarantine")).longValue();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void childrenBeforeTheirParentsAreLoadedAtTheEndOfTheRunUnderTheDefaultFailFastPolicy(Engine engine) {
        try (TestDatabase source = engine.create("tree-src"); TestDatabase target = engine.create("tree-tgt")) {
            chain(source, target);

            MigrationResult result = migrator(source, target, TREE).load().migrate();

            TableResult node = result.table("node").orElseThrow();
            assertThat(node.total().loaded()).isEqualTo(NODES);
            assertThat(node.total().quarantined()).isZero();
            assertThat(node.thisRun().isBalanced()).isTrue();
            assertThat(node.quarantined()).isEmpty();
            assertThat(node.warnings()).anySatisfy(w -> assertThat(w)
                    .contains("rows refused for a missing parent row were loaded at the end of the run"));
            assertThat(rows(target, "SELECT id, parent_id, label FROM node ORDER BY id"))
                    .isEqualTo(rows(source, "SELECT id, parent_id, label FROM node ORDER BY id"));
            assertThat(quarantineRows(target)).isZero();

            MigrationResult again = migrator(source, target, TREE).load().migrate();
            assertThat(again.chunksDone()).isZero();
            assertThat(again.table("node").orElseThrow().total().loaded()).isEqualTo(NODES);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aTreeInRandomKeyOrderLoadsWhole(Engine engine) {
        try (TestDatabase source = engine.create("tree-src"); TestDatabase target = engine.create("tree-tgt")) {
            int nodes = 5_000;
            // A random tree: each node's parent is one placed before it in a random order of the ids, so
            // about half the parents have higher keys than their children, at any depth.
            Random random = new Random(42);
            List<Integer> order = new ArrayList<>(IntStream.rangeClosed(1, nodes).boxed().toList());
            Collections.shuffle(order, random);
            StringJoiner values = new StringJoiner(", ", "INSERT INTO node VALUES ", "");
            for (int i = 0; i < nodes; i++) {
                String parent = i == 0 ? "NULL" : String.valueOf(order.get(random.nextInt(i)));
                values.add("(" + order.get(i) + ", " + parent + ", 'node')");
            }
            source.execute("CREATE TABLE node (id INT PRIMARY KEY, parent_id INT, label VARCHAR(20))",
                    values.toString());
            target.execute(
                    "CREATE TABLE node (id INT PRIMARY KEY, parent_id INT REFERENCES node (id), label VARCHAR(20))");

            MigrationResult result = JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource())
                    .spec(TREE).chunkSize(1_000).logProgress(false).load().migrate();

            assertThat(result.total()).isEqualTo(new RowCounts(nodes, nodes, java.util.Map.of(), 0));
            assertThat(rows(target, "SELECT id, parent_id, label FROM node ORDER BY id"))
                    .isEqualTo(rows(source, "SELECT id, parent_id, label FROM node ORDER BY id"));
            assertThat(quarantineRows(target)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRunThatLosesItsConnectionWhileRetryingLosesNothingAndTheNextRunFinishes(Engine engine) {
        try (TestDatabase source = engine.create("tree-src"); TestDatabase target = engine.create("tree-tgt")) {
            chain(source, target);
            CountingDataSource failing = new CountingDataSource(target.dataSource());
            // The retry's release from the ledger: its transaction is lost with the connection.
            failing.failAt(sql -> sql.toLowerCase(Locale.ROOT).replace('`', '"').startsWith("delete from \"ms_quarantine\""),
                    1);

            assertThatThrownBy(() -> JdbcMigrator.configure().source(source.dataSource()).target(failing).spec(TREE)
                    .chunkSize(250).batchSize(100).logProgress(false).load().migrate())
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("retrying the rows that waited for a parent row");
            long loaded = ((Number) target.queryValue("SELECT COUNT(*) FROM node")).longValue();
            assertThat(loaded + quarantineRows(target)).as("every row loaded or waiting").isEqualTo(NODES);
            assertThat(quarantineRows(target)).as("the retry's uncommitted work rolled back").isPositive();

            MigrationResult resumed = migrator(source, target, TREE).load().migrate();

            TableResult node = resumed.table("node").orElseThrow();
            assertThat(resumed.chunksDone()).isZero();
            assertThat(node.total()).isEqualTo(new RowCounts(NODES, NODES, java.util.Map.of(), 0));
            assertThat(rows(target, "SELECT id, parent_id, label FROM node ORDER BY id"))
                    .isEqualTo(rows(source, "SELECT id, parent_id, label FROM node ORDER BY id"));
            assertThat(quarantineRows(target)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRowWhoseParentNeverComesStaysQuarantinedAndLoadsOnceTheParentArrives(Engine engine) {
        try (TestDatabase source = engine.create("tree-src"); TestDatabase target = engine.create("tree-tgt")) {
            chain(source, target);
            source.execute("UPDATE node SET parent_id = 5000 WHERE id = 700");

            MigrationResult first = migrator(source, target, TREE).onBadRow(BadRows.quarantine()).load().migrate();

            TableResult node = first.table("node").orElseThrow();
            // Node 700 has no parent, and nodes 1 to 699 hang below it.
            assertThat(node.total().quarantined()).isEqualTo(700);
            assertThat(node.total().loaded()).isEqualTo(NODES - 700);
            assertThat(node.total().isBalanced()).isTrue();
            MigrationLedger ledger = MigrationLedger.read(target.dataSource(), "tree").orElseThrow();
            assertThat(ledger.quarantined()).hasSize(700).allSatisfy(entry -> assertThat(entry.state())
                    .isEqualTo(QuarantineState.WAITING_FOR_PARENT));
            assertThat(target.queryValue("SELECT state FROM ms_quarantine"
                    + " WHERE CAST(row_key AS VARCHAR(50)) = 'id=700'"))
                    .isEqualTo("WAITING_FOR_PARENT");
            assertThat(quarantineRows(target)).isEqualTo(700);

            MigrationResult second = migrator(source, target, TREE).onBadRow(BadRows.quarantine()).load().migrate();
            assertThat(second.chunksDone()).isZero();
            assertThat(second.table("node").orElseThrow().total().quarantined()).isEqualTo(700);
            assertThat(((Number) target.queryValue("SELECT COUNT(*) FROM node")).longValue()).isEqualTo(NODES - 700);

            source.execute("INSERT INTO node VALUES (5000, NULL, 'late root')");
            MigrationResult third = migrator(source, target, TREE).onBadRow(BadRows.quarantine()).load().migrate();

            TableResult last = third.table("node").orElseThrow();
            assertThat(last.total().loaded()).isEqualTo(NODES + 1);
            assertThat(last.total().quarantined()).isZero();
            assertThat(last.warnings())
                    .anySatisfy(w -> assertThat(w).contains("(700 of them quarantined by an earlier run)"));
            assertThat(rows(target, "SELECT id, parent_id, label FROM node ORDER BY id"))
                    .isEqualTo(rows(source, "SELECT id, parent_id, label FROM node ORDER BY id"));
            assertThat(quarantineRows(target)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void underFailFastARowWhoseParentNeverComesFailsTheRunNamingItAndTheRestIsLoaded(Engine engine) {
        try (TestDatabase source = engine.create("tree-src"); TestDatabase target = engine.create("tree-tgt")) {
            chain(source, target);
            source.execute("UPDATE node SET parent_id = 5000 WHERE id = 1");

            assertThatThrownBy(() -> migrator(source, target, TREE).load().migrate())
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("bad row in node -> node, id=1:")
                    .hasMessageContaining("it waits for its parent; the next run retries it")
                    .satisfies(e -> assertThat(((MigrationFailedException) e).result().table("node")
                            .orElseThrow().total().loaded()).isEqualTo(NODES - 1));
            assertThat(quarantineRows(target)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aChildTableWhoseParentRowsWaitedWaitsWithThemAndLoadsAfterThem(Engine engine) {
        try (TestDatabase source = engine.create("tree-src"); TestDatabase target = engine.create("tree-tgt")) {
            chain(source, target);
            source.execute("CREATE TABLE annotation (id INT PRIMARY KEY, node_id INT, text VARCHAR(20))",
                    "INSERT INTO annotation VALUES (1, 1, 'leaf'), (2, 600, 'middle'), (3, 1200, 'root')");
            target.execute("CREATE TABLE annotation (id INT PRIMARY KEY, node_id INT REFERENCES node (id),"
                    + " text VARCHAR(20))");
            MappingSpec spec = MappingSpec.builder("annotated tree")
                    .table("node", t -> t.key("id").field("parent_id").field("label"))
                    .table("annotation", t -> t.key("id").field("node_id").field("text"))
                    .build();

            MigrationResult result = migrator(source, target, spec).load().migrate();

            assertThat(result.total()).isEqualTo(new RowCounts(NODES + 3, NODES + 3, java.util.Map.of(), 0));
            for (String sql : List.of("SELECT id, parent_id, label FROM node ORDER BY id",
                    "SELECT id, node_id, text FROM annotation ORDER BY id")) {
                assertThat(rows(target, sql)).as(sql).isEqualTo(rows(source, sql));
            }
            assertThat(quarantineRows(target)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anotherBadRowAmongRowsWaitingForParentsIsQuarantinedAndTheRestLoads(Engine engine) {
        try (TestDatabase source = engine.create("tree-src"); TestDatabase target = engine.create("tree-tgt")) {
            chain(source, target);
            // Too long for the target's VARCHAR(20): refused for itself, not for a parent.
            source.execute(engine == Engine.MARIADB ? "ALTER TABLE node MODIFY label VARCHAR(60)"
                            : "ALTER TABLE node ALTER COLUMN label SET DATA TYPE VARCHAR(60)",
                    "UPDATE node SET label = 'a label much too long for the target' WHERE id = 1");

            MigrationResult result = migrator(source, target, TREE).onBadRow(BadRows.quarantine()).load().migrate();

            TableResult node = result.table("node").orElseThrow();
            assertThat(node.total()).isEqualTo(new RowCounts(NODES, NODES - 1, java.util.Map.of(), 1));
            assertThat(node.quarantined()).singleElement().satisfies(q -> {
                assertThat(q.key()).isEqualTo("id=1");
                assertThat(q.rule()).isEqualTo("database constraint");
            });
            assertThat(quarantineRows(target)).isEqualTo(1);
            assertThat(MigrationLedger.read(target.dataSource(), "tree").orElseThrow().quarantined())
                    .extracting(e -> e.state()).as("a bad row now, not waiting")
                    .containsExactly(QuarantineState.QUARANTINED);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aLedgerFromBeforeRowsCouldWaitGainsTheColumnTheyNeed(Engine engine) {
        try (TestDatabase source = engine.create("tree-src"); TestDatabase target = engine.create("tree-tgt")) {
            chain(source, target);
            String text = FixtureSql.longText(engine);
            // MariaDB's keys hold at most 3,072 bytes: its ledgers have shorter mapping names.
            boolean mariadb = engine == Engine.MARIADB;
            target.execute(String.format("CREATE TABLE ms_quarantine (migration VARCHAR(200) NOT NULL,"
                    + " mapping VARCHAR(%2$d) NOT NULL, chunk_no BIGINT NOT NULL, seq BIGINT NOT NULL, row_key %1$s,"
                    + " row_values %1$s, column_name VARCHAR(1000), rule %1$s, reason %1$s, run_id VARCHAR(100),"
                    + " recorded_at %3$s, PRIMARY KEY (migration, mapping, chunk_no, seq))", text, mariadb ? 500 : 1000,
                    mariadb ? "DATETIME(6)" : "TIMESTAMP(6)"));

            MigrationResult result = migrator(source, target, TREE).load().migrate();

            assertThat(result.total().loaded()).isEqualTo(NODES);
            assertThat(quarantineRows(target)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void twoTablesThatReferenceEachOtherAreBothLoadedWhole(Engine engine) {
        try (TestDatabase source = engine.create("teams-src"); TestDatabase target = engine.create("teams-tgt")) {
            source.execute("CREATE TABLE team (id INT PRIMARY KEY, name VARCHAR(20), captain_id INT)",
                    "CREATE TABLE player (id INT PRIMARY KEY, name VARCHAR(20), team_id INT)",
                    // Each team's captain plays for the next team: no row waits for itself through the other.
                    "INSERT INTO team VALUES (1, 'Reds', 21), (2, 'Blues', 31), (3, 'Greens', NULL)",
                    "INSERT INTO player VALUES (11, 'Ann', 1), (21, 'Bo', 2), (22, 'Cy', 2), (31, 'Di', 3),"
                            + " (32, 'Ed', 3), (40, 'Flo', NULL)");
            target.execute("CREATE TABLE team (id INT PRIMARY KEY, name VARCHAR(20), captain_id INT)",
                    "CREATE TABLE player (id INT PRIMARY KEY, name VARCHAR(20), team_id INT REFERENCES team (id))",
                    "ALTER TABLE team ADD CONSTRAINT team_captain FOREIGN KEY (captain_id) REFERENCES player (id)");
            MappingSpec league = MappingSpec.builder("league")
                    .table("team", t -> t.key("id").field("name").field("captain_id"))
                    .table("player", t -> t.key("id").field("name").field("team_id"))
                    .build();

            MigrationResult result = migrator(source, target, league).load().migrate();

            assertThat(result.total().loaded()).isEqualTo(9);
            assertThat(result.total().quarantined()).isZero();
            for (String table : List.of("team", "player")) {
                String sql = "SELECT * FROM " + table + " ORDER BY id";
                assertThat(rows(target, sql)).as(table).isEqualTo(rows(source, sql));
            }
        }
    }
}
