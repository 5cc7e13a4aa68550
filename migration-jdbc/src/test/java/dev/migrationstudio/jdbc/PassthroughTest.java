package dev.migrationstudio.jdbc;

import static dev.migrationstudio.mapping.Transforms.upperCase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * From PostgreSQL to PostgreSQL, a table whose rules SQL can write passes through COPY, chunk by
 * chunk, with the same ledger, counts, quarantine and resume as the Java path; H2 and MariaDB take the
 * Java path.
 */
class PassthroughTest {
    private static final int ROWS = 2_345;

    private static JdbcMigrator.Configuration migrator(CountingDataSource source, TestDatabase target) {
        return JdbcMigrator.configure().source(source).target(target.dataSource())
                .spec(ItemFixture.passthroughSpec()).chunkSize(500).logProgress(false);
    }

    /** The canary's reads of the projection (the spec trims): run by passthrough only. */
    private static long passthroughReads(CountingDataSource source) {
        return source.count("btrim");
    }

    /** The statements that find a range's last key: run by passthrough, and by several writers on any path. */
    private static long rangeEnds(CountingDataSource source) {
        return source.count(" offset ");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void copiesEveryChunkThroughCopyBetweenPostgresDatabasesAndThroughJavaElsewhere(Engine engine) {
        for (Passthrough format : List.of(Passthrough.TEXT, Passthrough.BINARY)) {
            try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
                ItemFixture.createSource(source, ROWS);
                source.execute("UPDATE item SET price = NULL WHERE id = 4");
                ItemFixture.createTarget(target);
                CountingDataSource counted = new CountingDataSource(source.dataSource());

                // Binary with several writers at once.
                MigrationResult result = migrator(counted, target).passthrough(format)
                        .writersPerTable(format == Passthrough.BINARY ? 2 : 1).load().migrate();

                TableResult item = result.table("item").orElseThrow();
                assertThat(item.thisRun()).isEqualTo(new RowCounts(ROWS, ROWS, Map.of(), 0));
                assertThat(item.chunksDone()).isEqualTo(5);
                assertThat(ItemFixture.actual(target)).isEqualTo(ItemFixture.expected(source, ItemFixture.passthroughSpec()));
                assertThat(target.queryValue("SELECT COUNT(*) FROM ms_chunk")).isEqualTo(5L);
                assertThat(((Number) target.queryValue("SELECT SUM(rows_loaded) FROM ms_chunk")).longValue())
                        .isEqualTo(ROWS);
                assertThat(passthroughReads(counted) > 0).as(format + " on " + engine)
                        .isEqualTo(engine == Engine.POSTGRES);
                assertThat(rangeEnds(counted)).as(format + " on " + engine)
                        .isEqualTo(engine == Engine.POSTGRES || format == Passthrough.BINARY ? 6L : 0L);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void dryRunShowsEachTablesPathAndWhy(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, ROWS);
            ItemFixture.createTarget(target);
            CountingDataSource counted = new CountingDataSource(source.dataSource());

            String passing = writePath(migrator(counted, target).spec(ItemFixture.passthroughSpec()));
            String filtered = writePath(migrator(counted, target).spec(ItemFixture.spec()));
            String upper = writePath(migrator(counted, target).spec(MappingSpec.builder("upper").table("item")
                    .to("product", t -> t.key("id").to("product_id").field("name").to("title").transform(upperCase())
                            .constant("origin", "x")).build()));

            if (engine == Engine.POSTGRES) {
                assertThat(passing).startsWith("COPY passthrough (text); the canary agrees: COPY (select ")
                        .contains("\"btrim\"(\"name\", ").contains(") TO STDOUT").contains("piped into COPY \"public\".\"product\"");
                // Java upper-cases "Straße" to "STRASSE"; PostgreSQL does not, so the values would differ.
                assertThat(upper).startsWith("Java path: the passthrough canary differs: the database's upper case of");
            } else {
                assertThat(passing).isEqualTo("Java path: COPY passthrough needs PostgreSQL on both sides, written with COPY");
                assertThat(upper).startsWith("Java path: COPY passthrough needs PostgreSQL");
            }
            assertThat(filtered).startsWith(engine == Engine.POSTGRES ? "Java path: filter 'active only' is Java code"
                    : "Java path: COPY passthrough needs PostgreSQL");
            assertThat(writePath(migrator(counted, target).passthrough(Passthrough.OFF)))
                    .isEqualTo("Java path: passthrough(OFF)");
            assertThat(target.queryValue("SELECT COUNT(*) FROM product")).isEqualTo(0L);
        }
    }

    private static String writePath(JdbcMigrator.Configuration configuration) {
        MigrationResult result = configuration.dryRun(true).load().migrate();
        assertThat(result.toMarkdown()).contains("Path: ");
        return result.plan().orElseThrow().tables().get(0).writePath();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aChunkTheTargetRefusesIsWrittenAgainThroughJavaAndItsBadRowsQuarantinedWithTheirKeys(Engine engine) {
        for (int writers : List.of(1, 3)) {
            refusedChunks(engine, writers);
        }
    }

    private static void refusedChunks(Engine engine, int writers) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, ROWS);
            ItemFixture.createTarget(target);
            target.execute("ALTER TABLE product ADD CONSTRAINT not_seven CHECK (MOD(product_id, 500) <> 7)");
            CountingDataSource counted = new CountingDataSource(source.dataSource());

            MigrationResult result = migrator(counted, target).onBadRow(BadRows.quarantine()).writersPerTable(writers)
                    .load().migrate();

            TableResult item = result.table("item").orElseThrow();
            assertThat(item.thisRun()).isEqualTo(new RowCounts(ROWS, ROWS - 5, Map.of(), 5));
            assertThat(item.quarantined()).extracting(QuarantinedRow::key)
                    .containsExactly("id=7", "id=507", "id=1007", "id=1507", "id=2007");
            assertThat(target.queryValue("SELECT COUNT(*) FROM product")).isEqualTo((long) ROWS - 5);
            assertThat(((Number) target.queryValue("SELECT SUM(rows_read) FROM ms_chunk")).longValue()).isEqualTo(ROWS);
            assertThat(((Number) target.queryValue("SELECT SUM(rows_quarantined) FROM ms_chunk")).longValue())
                    .isEqualTo(5);
            Map<Integer, List<Object>> expected = ItemFixture.expected(source, ItemFixture.passthroughSpec());
            expected.keySet().removeIf(id -> id % 500 == 7);
            assertThat(ItemFixture.actual(target)).isEqualTo(expected);
            assertThat(passthroughReads(counted) > 0).isEqualTo(engine == Engine.POSTGRES);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aFailedRunResumesAfterItsLastCommittedChunk(Engine engine) {
        for (int writers : List.of(1, 3)) {
            resumed(engine, writers);
        }
    }

    /** With several writers too: ranges commit in key order, so the ledger holds a prefix of the table. */
    private static void resumed(Engine engine, int writers) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, ROWS);
            ItemFixture.createTarget(target);
            CountingDataSource counted = new CountingDataSource(source.dataSource());
            AtomicInteger chunks = new AtomicInteger();

            assertThatThrownBy(() -> migrator(counted, target).writersPerTable(writers).progress(p -> {
                if (chunks.incrementAndGet() == 3) {
                    throw new IllegalStateException("stopped after chunk 3");
                }
            }).load().migrate()).isInstanceOf(MigrationFailedException.class);
            assertThat(target.queryValue("SELECT COUNT(*) FROM product")).isEqualTo(1_500L);

            MigrationResult resumed = migrator(counted, target).writersPerTable(writers).load().migrate();

            TableResult item = resumed.table("item").orElseThrow();
            assertThat(item.chunksSkipped()).isEqualTo(3);
            assertThat(item.thisRun()).isEqualTo(new RowCounts(ROWS - 1_500, ROWS - 1_500, Map.of(), 0));
            assertThat(item.total()).isEqualTo(new RowCounts(ROWS, ROWS, Map.of(), 0));
            assertThat(ItemFixture.actual(target)).isEqualTo(ItemFixture.expected(source, ItemFixture.passthroughSpec()));
            assertThat(target.queryValue("SELECT COUNT(DISTINCT chunk_no) FROM ms_chunk")).isEqualTo(5L);
        }
    }
}
