package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.FixtureSql;
import dev.migrationstudio.testing.TestDatabase;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Casts PostgreSQL performs as the core cast does pass through COPY from PostgreSQL to PostgreSQL: a
 * narrowing integer cast, integer to text and a widening one. A value the cast refuses makes the target
 * refuse its range, which then goes through the Java path, and the row ends quarantined with its key,
 * as on the Java path (which H2 and MariaDB take).
 */
class PassthroughCastsTest {
    private static final int ROWS = 2_345;
    /** Beyond the canary's sample: the canary proves the projection on rows the cast loads. */
    private static final int REFUSED = 1_700;

    private static MappingSpec spec() {
        return MappingSpec.builder("casts").table("stock").to("stock_copy", t -> t
                .key("id")
                .field("qty").cast("INTEGER")
                .field("code").cast("TEXT")
                .field("small").cast("BIGINT")).build();
    }

    private static void create(TestDatabase source, TestDatabase target) {
        source.execute("CREATE TABLE stock (id INTEGER PRIMARY KEY, qty BIGINT, code INTEGER, small SMALLINT)");
        source.execute("INSERT INTO stock SELECT x, x * 1000, x, MOD(x, 100) FROM "
                + FixtureSql.series(source.engine(), ROWS));
        source.execute("UPDATE stock SET qty = 3000000000 WHERE id = " + REFUSED);
        source.execute("UPDATE stock SET qty = NULL, code = NULL WHERE id = 3");
        target.execute("CREATE TABLE stock_copy (id INTEGER PRIMARY KEY, qty INTEGER, code VARCHAR(20), small BIGINT)");
    }

    private static JdbcMigrator.Configuration migrator(CountingDataSource source, TestDatabase target) {
        return JdbcMigrator.configure().source(source).target(target.dataSource()).spec(spec()).chunkSize(500)
                .logProgress(false);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void integerCastsPassThroughAndAValueTheCastRefusesIsQuarantinedWithItsKey(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            create(source, target);
            CountingDataSource counted = new CountingDataSource(source.dataSource());

            MigrationResult result = migrator(counted, target).onBadRow(BadRows.quarantine()).load().migrate();

            TableResult stock = result.table("stock").orElseThrow();
            assertThat(stock.thisRun()).isEqualTo(new RowCounts(ROWS, ROWS - 1, Map.of(), 1));
            assertThat(stock.quarantined()).singleElement().satisfies(q -> {
                assertThat(q.key()).isEqualTo("id=" + REFUSED);
                assertThat(q.column()).isEqualTo("qty");
                assertThat(q.rule()).isEqualTo("cast to INTEGER");
            });
            Map<Integer, String> expected = new TreeMap<>();
            for (int id = 1; id <= ROWS; id++) {
                if (id != REFUSED) {
                    expected.put(id, id == 3 ? "null null 3" : id * 1000 + " " + id + " " + id % 100);
                }
            }
            Map<Integer, String> actual = new TreeMap<>();
            for (Object[] row : target.query("SELECT id, qty, code, small FROM stock_copy")) {
                actual.put(((Number) row[0]).intValue(), row[1] + " " + row[2] + " " + row[3]);
            }
            assertThat(actual).isEqualTo(expected);
            // The statements that find a passthrough chunk's last key: one writer on the Java path runs none.
            assertThat(counted.count(" offset ") > 0).as(engine.name()).isEqualTo(engine == Engine.POSTGRES);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void dryRunSaysWhichCastsAreWrittenInSqlAndWhyOthersAreNot(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            create(source, target);
            CountingDataSource counted = new CountingDataSource(source.dataSource());

            String text = writePath(migrator(counted, target));
            String binary = writePath(migrator(counted, target).passthrough(Passthrough.BINARY));
            String fromText = writePath(migrator(counted, target).spec(MappingSpec.builder("from-text")
                    .table("stock").to("stock_copy", t -> t.key("id").field("code").to("qty").cast("TEXT")
                            .cast("INTEGER")).build()));

            if (engine == Engine.POSTGRES) {
                assertThat(text).startsWith("COPY passthrough (text), casts in SQL: qty int8 -> int4 (read by the "
                        + "target's COPY, which refuses what the cast refuses), code int4 -> text, small int2 -> int8; "
                        + "the canary agrees: COPY (select ");
                assertThat(binary).isEqualTo("Java path: column qty: cast to INTEGER is done in Java: narrowing int8 "
                        + "to int4 would fail in the source's binary COPY, where text leaves it to the target");
                assertThat(fromText).isEqualTo("Java path: column qty: rule 'cast to INTEGER' after a cast is not "
                        + "written in SQL");
            } else {
                assertThat(text).startsWith("Java path: COPY passthrough needs PostgreSQL");
            }
            assertThat(target.queryValue("SELECT COUNT(*) FROM stock_copy")).isEqualTo(0L);
        }
    }

    private static String writePath(JdbcMigrator.Configuration configuration) {
        return configuration.dryRun(true).load().migrate().plan().orElseThrow().tables().get(0).writePath();
    }
}
