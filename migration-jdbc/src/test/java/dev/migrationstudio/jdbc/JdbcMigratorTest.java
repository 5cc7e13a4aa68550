package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine's contract on every engine: counts add up, runs are idempotent and resumable. */
class JdbcMigratorTest {

    private static JdbcMigrator.Configuration migrator(TestDatabase source, TestDatabase target, MappingSpec spec) {
        return JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource()).spec(spec)
                .chunkSize(1_000).batchSize(300).logProgress(false);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void migratesEveryRowAndTheCountsAddUp(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 4_321);
            ItemFixture.createTarget(target);
            List<Progress> progress = new ArrayList<>();

            MigrationResult result = migrator(source, target, ItemFixture.spec()).progress(progress::add).load().migrate();

            TableResult item = result.table("item").orElseThrow();
            assertThat(item.status()).isEqualTo(TableResult.Status.COMPLETED);
            assertThat(item.sourceRows()).isEqualTo(4_321);
            assertThat(item.thisRun().read()).isEqualTo(4_321);
            assertThat(item.thisRun().filteredByRule()).containsEntry("active only", 432L);
            assertThat(item.thisRun().loaded()).isEqualTo(3_889);
            assertThat(item.thisRun().quarantined()).isZero();
            assertThat(result.isBalanced()).isTrue();
            assertThat(item.chunksDone()).isEqualTo(5);
            assertThat(progress).hasSize(5).last().satisfies(p -> assertThat(p.rowsDone()).isEqualTo(4_321));
            assertThat(ItemFixture.actual(target)).isEqualTo(ItemFixture.expected(source, ItemFixture.spec()));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aSecondRunChangesNothingAndSkipsEveryChunk(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 2_500);
            ItemFixture.createTarget(target);
            migrator(source, target, ItemFixture.spec()).load().migrate();

            MigrationResult again = migrator(source, target, ItemFixture.spec()).load().migrate();

            TableResult item = again.table("item").orElseThrow();
            assertThat(item.chunksDone()).isZero();
            assertThat(item.chunksSkipped()).isEqualTo(3);
            assertThat(item.thisRun().read()).isZero();
            assertThat(item.total().read()).isEqualTo(2_500);
            assertThat(item.total().isBalanced()).isTrue();
            assertThat(target.queryValue("SELECT COUNT(*) FROM product")).isEqualTo(2_250L);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRerunPicksUpRowsAddedBeyondTheLastKey(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 1_000);
            ItemFixture.createTarget(target);
            migrator(source, target, ItemFixture.spec()).load().migrate();
            source.execute("INSERT INTO item VALUES (5000, 'late', 1.00, TRUE, NULL)");

            MigrationResult delta = migrator(source, target, ItemFixture.spec()).load().migrate();

            assertThat(delta.table("item").orElseThrow().thisRun().loaded()).isEqualTo(1);
            assertThat(ItemFixture.actual(target)).isEqualTo(ItemFixture.expected(source, ItemFixture.spec()));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aChangedSpecIsRefusedUnlessAskedToStartOver(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 500);
            ItemFixture.createTarget(target);
            migrator(source, target, ItemFixture.spec("legacy")).load().migrate();
            MappingSpec changed = ItemFixture.spec("v1");

            assertThatThrownBy(() -> migrator(source, target, changed).load().migrate())
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("the spec 'items-to-products' changed since it last ran against this target")
                    .hasMessageContaining("startOver(true)");

            MigrationResult restarted = migrator(source, target, changed).startOver(true).load().migrate();

            assertThat(restarted.table("item").orElseThrow().total().read()).isEqualTo(500);
            assertThat(ItemFixture.actual(target)).isEqualTo(ItemFixture.expected(source, changed));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void rowsPresentOnlyInTheTargetSurviveAResume(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 1_500);
            ItemFixture.createTarget(target);
            target.execute("INSERT INTO product VALUES (900000, 'kept', 1.00, NULL, 'manual')");

            migrator(source, target, ItemFixture.spec()).load().migrate();
            migrator(source, target, ItemFixture.spec()).load().migrate();

            Map<Integer, List<Object>> actual = ItemFixture.actual(target);
            assertThat(actual).containsKey(900000);
            actual.remove(900000);
            assertThat(actual).isEqualTo(ItemFixture.expected(source, ItemFixture.spec()));
        }
    }
}
