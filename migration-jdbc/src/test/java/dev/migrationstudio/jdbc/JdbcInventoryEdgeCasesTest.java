package dev.migrationstudio.jdbc;

import static dev.migrationstudio.inventory.SqlType.decimal;
import static dev.migrationstudio.inventory.SqlType.integer;
import static dev.migrationstudio.inventory.SqlType.timestamp;
import static dev.migrationstudio.inventory.SqlType.varchar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.ForeignKeyInfo;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.KeyInfo;
import dev.migrationstudio.inventory.Reference;
import dev.migrationstudio.inventory.SequenceInfo;
import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.inventory.ViewInfo;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Schemas built for the hard cases round-trip: what the scan reports equals the schema written by
 * hand, on every engine. Quoted mixed-case names, names with spaces, reserved words, composite keys,
 * self and mutual references, a table without a primary key, views, an empty table, another schema.
 */
class JdbcInventoryEdgeCasesTest {

    /**
     * The other schema. On MariaDB a schema is a database of the server, shared by every test: it gets
     * a name of its own there, and {@link #dropSales} removes it.
     */
    private static String sales(TestDatabase db) {
        return db.engine() == Engine.MARIADB ? db.name() + "_sales data" : "Sales Data";
    }

    private static void dropSales(TestDatabase db) {
        if (db.engine() == Engine.MARIADB) {
            // "user" references the other schema, which MariaDB would refuse to drop under it.
            db.execute("DROP TABLE IF EXISTS \"user\"", "DROP DATABASE IF EXISTS \"" + sales(db) + "\"");
        }
    }

    /** The PostgreSQL TIMESTAMP (a local date-time, microseconds) is MariaDB's DATETIME(6). */
    private static String timestampType(Engine engine) {
        return engine == Engine.MARIADB ? "DATETIME(6)" : "TIMESTAMP";
    }

    /** The name of a primary key: MariaDB names every primary key PRIMARY. */
    private static String pk(Engine engine, String name) {
        return engine == Engine.MARIADB ? "PRIMARY" : name;
    }

    /** Drops what a fixture made outside its test database. */
    private interface Cleanup extends AutoCloseable {
        @Override
        void close();
    }

    private static Cleanup createSchema(TestDatabase db) {
        String sales = sales(db);
        Cleanup cleanup = () -> dropSales(db);
        db.execute(
                // Foreign keys need the character set and collation of the test database on both sides.
                "CREATE SCHEMA \"" + sales + "\"" + (db.engine() == Engine.MARIADB
                        ? " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin" : ""),
                "CREATE TABLE \"" + sales + "\".region (code CHAR(2) NOT NULL, name VARCHAR(40),"
                        + " CONSTRAINT region_pk PRIMARY KEY (code))",
                "CREATE TABLE \"Order Lines\" (\"Order Id\" INT NOT NULL, \"select\" VARCHAR(10) DEFAULT 'x' NOT NULL,"
                        + " \"Amount\" NUMERIC(12,3), CONSTRAINT \"Order Lines PK\" PRIMARY KEY (\"Order Id\", \"select\"))",
                "CREATE TABLE \"MixedCase\" (\"Id\" INT NOT NULL, \"order\" INT, \"Select Ref\" VARCHAR(10),"
                        + " CONSTRAINT \"MixedCase_pk\" PRIMARY KEY (\"Id\"),"
                        + " CONSTRAINT \"MixedCase to Order Lines\" FOREIGN KEY (\"order\", \"Select Ref\")"
                        + " REFERENCES \"Order Lines\" (\"Order Id\", \"select\"))",
                "CREATE TABLE node (id INT NOT NULL, parent_id INT, CONSTRAINT node_pk PRIMARY KEY (id),"
                        + " CONSTRAINT node_parent_fk FOREIGN KEY (parent_id) REFERENCES node (id))",
                "CREATE TABLE a (id INT NOT NULL, b_id INT, CONSTRAINT a_pk PRIMARY KEY (id))",
                "CREATE TABLE b (id INT NOT NULL, a_id INT, CONSTRAINT b_pk PRIMARY KEY (id),"
                        + " CONSTRAINT b_a_fk FOREIGN KEY (a_id) REFERENCES a (id))",
                "ALTER TABLE a ADD CONSTRAINT a_b_fk FOREIGN KEY (b_id) REFERENCES b (id)",
                "CREATE TABLE log_entry (message VARCHAR(200), logged_at " + timestampType(db.engine()) + ")",
                "CREATE TABLE empty_table (id INT NOT NULL, CONSTRAINT empty_table_pk PRIMARY KEY (id))",
                "CREATE TABLE \"user\" (id INT NOT NULL, email VARCHAR(60) NOT NULL, region CHAR(2),"
                        + " CONSTRAINT user_pk PRIMARY KEY (id), CONSTRAINT user_email_uq UNIQUE (email),"
                        + " CONSTRAINT user_region_fk FOREIGN KEY (region) REFERENCES \"" + sales + "\".region (code))",
                "CREATE VIEW \"Big Orders\" AS SELECT ol.\"Order Id\", ol.\"Amount\" FROM \"Order Lines\" ol"
                        + " WHERE ol.\"Amount\" > 100",
                "CREATE VIEW user_emails AS SELECT email FROM \"user\"",
                "CREATE TABLE ms_runs (id INT NOT NULL, CONSTRAINT ms_runs_pk PRIMARY KEY (id))",
                "CREATE TABLE audit_log (id INT NOT NULL, CONSTRAINT audit_log_pk PRIMARY KEY (id))",
                // MariaDB reserves 1,000 values per session by default: the scan would report the reserved range.
                db.engine() == Engine.MARIADB ? "CREATE SEQUENCE order_seq NOCACHE" : "CREATE SEQUENCE order_seq",
                "CREATE SEQUENCE unused_seq",
                "INSERT INTO \"Order Lines\" VALUES (1, 'a', 120.500), (2, 'b', NULL)",
                "INSERT INTO \"MixedCase\" VALUES (1, 1, 'a')",
                "INSERT INTO node VALUES (1, NULL), (2, 1), (3, 2)",
                "INSERT INTO log_entry VALUES ('started', TIMESTAMP '2024-01-31 13:45:00')",
                "INSERT INTO \"user\" VALUES (1, 'ada@example.com', NULL)");
        db.queryValue(db.engine() == Engine.POSTGRES ? "SELECT nextval('order_seq')" : "SELECT NEXT VALUE FOR order_seq");
        return cleanup;
    }

    /** The same schema written by hand (default schema only). */
    private static List<TableInfo> expected(TestDatabase db) {
        String P = db.schema();
        Engine engine = db.engine();
        return List.of(
                TableInfo.builder(TableId.of(P, "Order Lines")).notNullColumn("Order Id", integer())
                        .column(ColumnInfo.of("select", varchar(10)).notNull().withDefault("'x'"))
                        .column("Amount", decimal(12, 3))
                        .primaryKey(new KeyInfo(pk(engine, "Order Lines PK"), List.of("Order Id", "select"))).rowCount(2).build(),
                TableInfo.builder(TableId.of(P, "MixedCase")).notNullColumn("Id", integer()).column("order", integer())
                        .column("Select Ref", varchar(10)).primaryKey(new KeyInfo(pk(engine, "MixedCase_pk"), List.of("Id")))
                        .foreignKey(new ForeignKeyInfo("MixedCase to Order Lines", List.of("order", "Select Ref"),
                                TableId.of(P, "Order Lines"), List.of("Order Id", "select")))
                        .rowCount(1).build(),
                TableInfo.builder(TableId.of(P, "node")).notNullColumn("id", integer()).column("parent_id", integer())
                        .primaryKey(new KeyInfo(pk(engine, "node_pk"), List.of("id")))
                        .foreignKey(new ForeignKeyInfo("node_parent_fk", List.of("parent_id"), TableId.of(P, "node"),
                                List.of("id")))
                        .rowCount(3).build(),
                TableInfo.builder(TableId.of(P, "a")).notNullColumn("id", integer()).column("b_id", integer())
                        .primaryKey(new KeyInfo(pk(engine, "a_pk"), List.of("id")))
                        .foreignKey(new ForeignKeyInfo("a_b_fk", List.of("b_id"), TableId.of(P, "b"), List.of("id")))
                        .rowCount(0).build(),
                TableInfo.builder(TableId.of(P, "b")).notNullColumn("id", integer()).column("a_id", integer())
                        .primaryKey(new KeyInfo(pk(engine, "b_pk"), List.of("id")))
                        .foreignKey(new ForeignKeyInfo("b_a_fk", List.of("a_id"), TableId.of(P, "a"), List.of("id")))
                        .rowCount(0).build(),
                TableInfo.builder(TableId.of(P, "log_entry")).column("message", varchar(200))
                        .column("logged_at", SqlType.parse("timestamp(6)")).rowCount(1).build(),
                TableInfo.builder(TableId.of(P, "empty_table")).notNullColumn("id", integer())
                        .primaryKey(new KeyInfo(pk(engine, "empty_table_pk"), List.of("id"))).rowCount(0).build(),
                TableInfo.builder(TableId.of(P, "user")).notNullColumn("id", integer())
                        .notNullColumn("email", varchar(60)).column("region", SqlType.character(2))
                        .primaryKey(new KeyInfo(pk(engine, "user_pk"), List.of("id")))
                        .unique(new KeyInfo("user_email_uq", List.of("email")))
                        .foreignKey(new ForeignKeyInfo("user_region_fk", List.of("region"),
                                TableId.of(sales(db), "region"), List.of("code")))
                        .rowCount(1).build());
    }

    /** The facts compared: everything but indexes (engines add their own), sizes and the spelling of defaults. */
    private static String facts(TableInfo table) {
        String columns = table.columns().stream().map(c -> c.name() + " " + c.type() + (c.nullable() ? "" : " NOT NULL")
                + (c.hasDefault() ? " DEFAULT" : "")).collect(Collectors.joining(", "));
        return table.id() + " (" + columns + ") pk=" + table.primaryKey() + " unique=" + table.uniqueKeys()
                + " fks=" + table.foreignKeys() + " rows=" + table.rowCount() + " estimated=" + table.rowCountEstimated();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theEdgeCaseSchemaRoundTrips(Engine engine) {
        try (TestDatabase db = engine.create("inventory-edge"); Cleanup sales = createSchema(db)) {
            String P = db.schema();

            Inventory inventory = JdbcInventory.configure().schemas(P).exclude("audit_log").scan(db.dataSource());

            assertThat(inventory.tables()).extracting(JdbcInventoryEdgeCasesTest::facts)
                    .containsExactlyInAnyOrderElementsOf(expected(db).stream().map(JdbcInventoryEdgeCasesTest::facts).toList());
            assertThat(inventory.table(TableId.of(P, "Order Lines")).orElseThrow().column("select").orElseThrow()
                    .defaultExpression().orElseThrow()).contains("'x'");
            assertThat(inventory.views()).extracting(ViewInfo::id)
                    .containsExactlyInAnyOrder(TableId.of(P, "Big Orders"), TableId.of(P, "user_emails"));
            assertThat(reads(inventory, "Big Orders")).containsExactlyInAnyOrder(
                    column(P, "Order Lines", "Order Id"), column(P, "Order Lines", "Amount"));
            assertThat(reads(inventory, "user_emails")).containsExactly(column(P, "user", "email"));
            assertThat(inventory.sequences()).containsExactlyInAnyOrder(
                    new SequenceInfo(TableId.of(P, "order_seq"), OptionalLong.of(1)),
                    new SequenceInfo(TableId.of(P, "unused_seq"), OptionalLong.empty()));

            assertThat(inventory.dependencyGraph().cycles()).extracting(c -> c.tables().toString())
                    .containsExactly("[" + P + ".a, " + P + ".b]", "[" + P + ".node]");
            assertThat(inventory.dependencyGraph().externalReferences()).singleElement()
                    .satisfies(r -> assertThat(r).startsWith(P + ".user.user_region_fk"));
            if (engine != Engine.H2) {
                assertThat(inventory.tables()).allSatisfy(t -> assertThat(t.sizeBytes()).isPresent());
            }
            assertThat(inventory.tables()).allSatisfy(t -> assertThat(t.storageEngine())
                    .isEqualTo(engine == Engine.MARIADB ? Optional.of("InnoDB") : Optional.empty()));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void scansEverySchemaButTheEnginesOwnAndLeavesOutBookkeepingTables(Engine engine) {
        try (TestDatabase db = engine.create("inventory-all"); Cleanup sales = createSchema(db)) {
            String P = db.schema();
            // On MariaDB the server's other databases are other applications: the scan reads the
            // connection's database unless schemas are named.
            JdbcInventory.Configuration every = engine == Engine.MARIADB
                    ? JdbcInventory.configure().schemas(P, sales(db)) : JdbcInventory.configure();

            Inventory inventory = every.scan(db.dataSource());

            Set<String> names = inventory.tables().stream().map(t -> t.id().toString()).collect(Collectors.toSet());
            assertThat(names).contains(sales(db) + ".region", P + ".audit_log", P + ".user")
                    .doesNotContain(P + ".ms_runs").hasSize(10);
            assertThat(inventory.dependencyGraph().externalReferences()).isEmpty();
            assertThat(every.bookkeepingTables("audit_").scan(db.dataSource()).tables())
                    .extracting(t -> t.id().toString()).contains(P + ".ms_runs").doesNotContain(P + ".audit_log");
            if (engine == Engine.MARIADB) {
                assertThat(JdbcInventory.scan(db.dataSource()).tables()).extracting(t -> t.id().schema())
                        .hasSize(9).containsOnly(P);
            }
            assertThatThrownBy(() -> JdbcInventory.configure().schemas("nope").scan(db.dataSource()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("schema(s) [nope] not found");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void usesTheEnginesEstimateForLargeTablesWhenAsked(Engine engine) {
        try (TestDatabase db = engine.create("inventory-estimate")) {
            db.execute("CREATE TABLE big (id INT NOT NULL, CONSTRAINT big_pk PRIMARY KEY (id))",
                    "CREATE TABLE small (id INT NOT NULL, CONSTRAINT small_pk PRIMARY KEY (id))",
                    engine == Engine.H2 ? "INSERT INTO big SELECT \"X\" FROM SYSTEM_RANGE(1, 5000)"
                            : engine == Engine.MARIADB ? "INSERT INTO big SELECT seq FROM seq_1_to_5000"
                            : "INSERT INTO big SELECT g FROM generate_series(1, 5000) g",
                    "INSERT INTO small VALUES (1), (2)", engine == Engine.MARIADB ? "ANALYZE TABLE big, small" : "ANALYZE");

            Inventory inventory = JdbcInventory.configure().estimatedCounts(true).estimateAbove(1_000)
                    .scan(db.dataSource());

            TableInfo big = inventory.table("big").orElseThrow();
            assertThat(big.rowCountEstimated()).isTrue();
            assertThat(big.rowCount().getAsLong()).isBetween(4_000L, 6_000L);
            TableInfo small = inventory.table("small").orElseThrow();
            assertThat(small.rowCountEstimated()).isFalse();
            assertThat(small.rowCount()).hasValue(2);
        }
    }

    private static List<Reference> reads(Inventory inventory, String view) {
        return inventory.views().stream().filter(v -> v.id().name().equals(view)).findFirst().orElseThrow().reads();
    }

    private static Reference column(String schema, String table, String column) {
        return new Reference(TableId.of(schema, table), Optional.of(column));
    }
}
