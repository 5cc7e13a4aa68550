package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.FixtureSql;
import dev.migrationstudio.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An edited spec: the refusal says what changed, and re-applying it keeps the data and rewrites only what differs. */
class ChangedSpecTest {

    /** The fixture's spec without its filter: the inactive items it filtered out now belong in the target. */
    private static MappingSpec everyItem() {
        return ItemFixture.spec("legacy", "DECIMAL(12,2)", false);
    }

    /** The fixture's spec with a narrower price. */
    private static MappingSpec narrowPrice() {
        return ItemFixture.spec("legacy", "DECIMAL(6,2)", true);
    }

    /** A SUM, whose type differs between engines. */
    private static long sum(TestDatabase db, String sql) {
        return ((Number) db.queryValue(sql)).longValue();
    }

    private static JdbcMigrator.Configuration migrator(TestDatabase source, TestDatabase target, MappingSpec spec) {
        return JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource()).spec(spec)
                .chunkSize(100).batchSize(50).logProgress(false);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theRefusalOfAChangedSpecSaysWhatChanged(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 300);
            ItemFixture.createTarget(target);
            migrator(source, target, ItemFixture.spec("legacy")).load().migrate();

            assertThatThrownBy(() -> migrator(source, target, ItemFixture.spec("v2")).load().migrate())
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("table \"item\" -> \"product\": field - -> origin: was \"| constant 'legacy'\", "
                            + "now \"| constant 'v2'\"")
                    .hasMessageContaining("reapplyChangedSpec(true)");
            assertThatThrownBy(() -> migrator(source, target, everyItem()).load().migrate())
                    .hasMessageContaining("removed filter 'active only'")
                    .hasMessageContaining("added drop active");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void reapplyingAChangedSpecRewritesOnlyTheRowsItAffectsAndKeepsTheRest(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 450);
            ItemFixture.createTarget(target);
            migrator(source, target, ItemFixture.spec()).load().migrate();

            MigrationResult result = migrator(source, target, everyItem()).reapplyChangedSpec(true).load().migrate();

            assertThat(ItemFixture.actual(target)).isEqualTo(ItemFixture.expected(source, everyItem()));
            assertThat(sum(target, "SELECT SUM(rows_inserted) FROM ms_catchup")).isEqualTo(45L);
            assertThat(sum(target, "SELECT SUM(rows_updated) + SUM(rows_deleted) FROM ms_catchup")).isEqualTo(0L);
            assertThat(sum(target, "SELECT SUM(rows_unchanged) FROM ms_catchup")).isEqualTo(405L);
            assertThat(result.fingerprint()).isEqualTo(everyItem().fingerprint());

            // The new spec is now the recorded one: the load goes on with it, and nothing is written twice.
            source.execute("INSERT INTO item SELECT x, CONCAT(' item ', x, ' '), x * 1.25, MOD(x, 10) <> 0, NULL FROM "
                    + FixtureSql.series(engine, 470) + " WHERE x > 450");
            MigrationResult next = migrator(source, target, everyItem()).load().migrate();
            assertThat(next.table("item").orElseThrow().thisRun().loaded()).isEqualTo(20);
            assertThat(ItemFixture.actual(target)).isEqualTo(ItemFixture.expected(source, everyItem()));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void reapplyingChangedValuesUpdatesEveryLoadedRowInChunks(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 250);
            ItemFixture.createTarget(target);
            migrator(source, target, ItemFixture.spec("legacy")).load().migrate();

            migrator(source, target, ItemFixture.spec("v2")).reapplyChangedSpec(true).load().migrate();

            assertThat(ItemFixture.actual(target)).isEqualTo(ItemFixture.expected(source, ItemFixture.spec("v2")));
            assertThat(sum(target, "SELECT SUM(rows_updated) FROM ms_catchup")).isEqualTo(225L);
            assertThat(target.queryValue("SELECT COUNT(*) FROM ms_catchup")).isEqualTo(3L);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aReapplicationThatStopsResumesAfterItsLastCommittedChunk(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 250);
            ItemFixture.createTarget(target);
            migrator(source, target, ItemFixture.spec()).load().migrate();
            source.execute("UPDATE item SET price = 12345.67 WHERE id = 151");

            assertThatThrownBy(() -> migrator(source, target, narrowPrice()).reapplyChangedSpec(true).load().migrate())
                    .hasMessageContaining("id=151");
            assertThat(target.queryValue("SELECT COUNT(*) FROM ms_catchup")).isEqualTo(1L);

            source.execute("UPDATE item SET price = 1.00 WHERE id = 151");
            migrator(source, target, narrowPrice()).reapplyChangedSpec(true).load().migrate();

            assertThat(ItemFixture.actual(target)).isEqualTo(ItemFixture.expected(source, narrowPrice()));
            assertThat(target.query("SELECT pass_no, chunk_no FROM ms_catchup ORDER BY chunk_no"))
                    .extracting(r -> ((Number) r[0]).longValue() + "/" + ((Number) r[1]).longValue())
                    .containsExactly("1/1", "1/2", "1/3");
        }
    }
}
