package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A chunk of the default size (50,000 rows) that the database refuses is written again without
 * holding a savepoint per row in one transaction (PostgreSQL runs out of shared memory for their
 * locks), and a chunk with thousands of bad rows records them all in the ledger (more bind values
 * than one statement may carry).
 */
class LargeChunkTest {
    private static final int ROWS = 50_000;

    private static MigrationResult migrate(TestDatabase source, TestDatabase target) {
        return JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource()).spec(ItemFixture.spec())
                .onBadRow(BadRows.quarantine()).logProgress(false).load().migrate();
    }

    private static void assertLoadedAsExpected(TestDatabase source, TestDatabase target, MigrationResult result,
                                               long bad) {
        TableResult item = result.table("item").orElseThrow();
        assertThat(item.total().read()).isEqualTo(ROWS);
        assertThat(item.total().quarantined()).isEqualTo(bad);
        assertThat(item.total().isBalanced()).isTrue();
        assertThat(((Number) target.queryValue("SELECT COUNT(*) FROM ms_quarantine")).longValue()).isEqualTo(bad);
        var expected = ItemFixture.expected(source, ItemFixture.spec());
        source.query("SELECT id FROM item WHERE LENGTH(name) > 50")
                .forEach(row -> expected.remove(((Number) row[0]).intValue()));
        assertThat(ItemFixture.actual(target)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void oneBadRowInALargeRefusedChunkIsIsolatedAndTheRestLoads(Engine engine) {
        try (TestDatabase source = engine.create("large-src"); TestDatabase target = engine.create("large-tgt")) {
            ItemFixture.createSource(source, ROWS);
            ItemFixture.createTarget(target);
            source.execute("UPDATE item SET name = CONCAT(name, REPEAT('x', 60)) WHERE id = 12345");

            MigrationResult result = migrate(source, target);

            assertLoadedAsExpected(source, target, result, 1);
            assertThat(result.table("item").orElseThrow().chunksDone()).as("written again in pieces").isGreaterThan(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void thousandsOfBadRowsInOneChunkAreAllQuarantined(Engine engine) {
        try (TestDatabase source = engine.create("large-src"); TestDatabase target = engine.create("large-tgt")) {
            ItemFixture.createSource(source, ROWS);
            ItemFixture.createTarget(target);
            source.execute("UPDATE item SET name = CONCAT(name, REPEAT('x', 60)) WHERE MOD(id, 3) = 0");
            long bad = ((Number) source.queryValue("SELECT COUNT(*) FROM item WHERE MOD(id, 3) = 0 AND active"))
                    .longValue();

            MigrationResult result = migrate(source, target);

            assertLoadedAsExpected(source, target, result, bad);
        }
    }
}
