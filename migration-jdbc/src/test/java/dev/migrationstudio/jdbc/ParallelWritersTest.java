package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code writersPerTable(n)} on the Java path (a filter and a cast, which SQL does not write): key
 * ranges read, mapped and streamed by several connections at once give the target, the counts, the
 * quarantine and the ledger that one writer gives, on every engine.
 */
class ParallelWritersTest {
    private static final int ROWS = 2_345;

    private static JdbcMigrator.Configuration migrator(TestDatabase source, TestDatabase target, int writers) {
        return JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource())
                .spec(ItemFixture.spec()).chunkSize(500).writersPerTable(writers).logProgress(false);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void severalWritersFilterQuarantineAndCountAsOneWriterDoes(Engine engine) {
        for (int writers : List.of(1, 3)) {
            try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
                ItemFixture.createSource(source, ROWS);
                // Refused by the target (a check), and a title too long for it: bad rows in four ranges.
                ItemFixture.createTarget(target);
                target.execute("ALTER TABLE product ADD CONSTRAINT not_seven CHECK (MOD(product_id, 500) <> 7)");
                source.execute("UPDATE item SET name = CONCAT(name, REPEAT('x', 60)) WHERE id = 1234");

                MigrationResult result = migrator(source, target, writers).onBadRow(BadRows.quarantine()).load()
                        .migrate();

                TableResult item = result.table("item").orElseThrow();
                assertThat(item.thisRun()).as(writers + " writers")
                        .isEqualTo(new RowCounts(ROWS, ROWS - 234 - 6, Map.of("active only", 234L), 6));
                assertThat(item.quarantined()).extracting(QuarantinedRow::key)
                        .containsExactlyInAnyOrder("id=7", "id=507", "id=1007", "id=1234", "id=1507", "id=2007");
                assertThat(item.chunksDone()).isGreaterThanOrEqualTo(5);
                Map<Integer, List<Object>> expected = ItemFixture.expected(source, ItemFixture.spec());
                expected.keySet().removeIf(id -> id % 500 == 7 || id == 1234);
                assertThat(ItemFixture.actual(target)).isEqualTo(expected);
                assertThat(((Number) target.queryValue("SELECT SUM(rows_read) FROM ms_chunk")).longValue())
                        .isEqualTo(ROWS);
                assertThat(((Number) target.queryValue("SELECT SUM(rows_quarantined) FROM ms_chunk")).longValue())
                        .isEqualTo(6);
            }
        }
    }

    /**
     * Two ranges written at once holding the same value of a unique column: the writer of the later
     * range, waiting for its turn with that row uncommitted, would hold up the earlier one forever; it
     * rolls back and writes again in its turn, where the row is refused as with one writer.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aUniqueValueInTwoRangesWrittenAtOnceQuarantinesTheLaterRowAsOneWriterDoes(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, ROWS);
            ItemFixture.createTarget(target);
            target.execute("ALTER TABLE product ADD CONSTRAINT unique_title UNIQUE (title)");
            source.execute("UPDATE item SET name = ' item 499 ' WHERE id = 501");

            MigrationResult result = migrator(source, target, 2).onBadRow(BadRows.quarantine()).load().migrate();

            TableResult item = result.table("item").orElseThrow();
            assertThat(item.thisRun()).isEqualTo(new RowCounts(ROWS, ROWS - 234 - 1, Map.of("active only", 234L), 1));
            assertThat(item.quarantined()).extracting(QuarantinedRow::key).containsExactly("id=501");
            assertThat(target.queryValue("SELECT product_id FROM product WHERE title = 'item 499'")).isEqualTo(499);
        }
    }

    /** Ranges commit in key order, so a failed run leaves a prefix of the table, and the next run resumes there. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aFailedRunWithSeveralWritersResumesAfterItsLastCommittedChunk(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, ROWS);
            ItemFixture.createTarget(target);
            AtomicInteger chunks = new AtomicInteger();

            assertThatThrownBy(() -> migrator(source, target, 3).progress(p -> {
                if (chunks.incrementAndGet() == 3) {
                    throw new IllegalStateException("stopped after chunk 3");
                }
            }).load().migrate()).isInstanceOf(MigrationFailedException.class);
            assertThat(target.queryValue("SELECT MAX(product_id) FROM product")).isEqualTo(1_499);
            assertThat(target.queryValue("SELECT COUNT(*) FROM product")).isEqualTo(1_350L);

            MigrationResult resumed = migrator(source, target, 3).load().migrate();

            TableResult item = resumed.table("item").orElseThrow();
            assertThat(item.chunksSkipped()).isEqualTo(3);
            assertThat(item.total()).isEqualTo(new RowCounts(ROWS, ROWS - 234, Map.of("active only", 234L), 0));
            assertThat(ItemFixture.actual(target)).isEqualTo(ItemFixture.expected(source, ItemFixture.spec()));
            assertThat(target.queryValue("SELECT COUNT(DISTINCT chunk_no) FROM ms_chunk")).isEqualTo(5L);
        }
    }
}
