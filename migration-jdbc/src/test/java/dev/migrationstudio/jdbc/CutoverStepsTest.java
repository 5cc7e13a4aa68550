package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.cutover.Cutover;
import dev.migrationstudio.cutover.CutoverResult;
import dev.migrationstudio.cutover.GateDecision;
import dev.migrationstudio.cutover.RollbackPlan;
import dev.migrationstudio.cutover.Runbook;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The ready-made database steps inside real cutovers, on every engine. */
class CutoverStepsTest {

    private static JdbcMigrator migrator(TestDatabase legacy, TestDatabase v2) {
        return JdbcMigrator.configure().source(legacy.dataSource()).target(v2.dataSource()).spec(ItemFixture.spec())
                .chunkSize(500).logProgress(false).load();
    }

    private static Runbook runbook(TestDatabase legacy, JdbcMigrator migrator, GateDecision verification) {
        return Runbook.named("v2 cutover")
                .step("block writes").owner("ops")
                        .run(CutoverSteps.execute(legacy.dataSource(), "UPDATE app_settings SET writes_enabled = FALSE"))
                .step("snapshot legacy").owner("dba").run(CutoverSteps.snapshot(legacy.dataSource(), "before_v2", "item"))
                .step("mark items migrated").owner("dba")
                        .run(CutoverSteps.execute(legacy.dataSource(), "UPDATE item SET name = CONCAT(name, ' [moved]')"))
                .step("final delta").owner("data").run(CutoverSteps.migrate(migrator))
                .gate("verification green", ctx -> verification)
                .step("switch reads to v2").owner("ops").pointOfNoReturn().run(ctx -> { })
                .build();
    }

    private static RollbackPlan rollback(TestDatabase legacy, JdbcMigrator migrator) {
        return RollbackPlan.named("back to legacy").rto(Duration.ofMinutes(15))
                .step("restore legacy").owner("dba").run(CutoverSteps.restore(legacy.dataSource(), "before_v2", "item"))
                .step("empty v2").owner("dba").run(CutoverSteps.resetTarget(migrator))
                .step("unblock writes").owner("ops")
                        .run(CutoverSteps.execute(legacy.dataSource(), "UPDATE app_settings SET writes_enabled = TRUE"))
                .step("drop snapshot").owner("dba").run(CutoverSteps.dropSnapshot(legacy.dataSource(), "before_v2", "item"))
                .build();
    }

    private static void prepare(TestDatabase legacy, TestDatabase v2) {
        ItemFixture.createSource(legacy, 2_000);
        legacy.execute("CREATE TABLE app_settings (writes_enabled BOOLEAN NOT NULL)",
                "INSERT INTO app_settings VALUES (TRUE)");
        ItemFixture.createTarget(v2);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aNoGoBeforeThePointOfNoReturnRollsBackAndLeavesTheSourceExactlyAsItWas(Engine engine) {
        try (TestDatabase legacy = engine.create("legacy"); TestDatabase v2 = engine.create("v2")) {
            prepare(legacy, v2);
            String before = legacy.dump();
            JdbcMigrator migrator = migrator(legacy, v2);

            CutoverResult result = Cutover.of(runbook(legacy, migrator, GateDecision.noGo("1 row differs")),
                    rollback(legacy, migrator)).execute();

            assertThat(result.outcome()).isEqualTo(CutoverResult.Outcome.ROLLED_BACK);
            assertThat(result.entries().get(3).evidence()).singleElement().asString()
                    .startsWith("Migration 'items-to-products': 1 table, 2,000 read = 1,800 loaded + 200 filtered");
            assertThat(legacy.dump()).isEqualTo(before);
            assertThat(v2.queryValue("SELECT COUNT(*) FROM product")).isEqualTo(0L);
            assertThat(v2.queryValue("SELECT COUNT(*) FROM ms_chunk")).isEqualTo(0L);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRehearsalRunsForwardThenRehearsesTheRollbackWithinItsRto(Engine engine) {
        try (TestDatabase legacy = engine.create("legacy"); TestDatabase v2 = engine.create("v2")) {
            prepare(legacy, v2);
            String before = legacy.dump();
            JdbcMigrator migrator = migrator(legacy, v2);

            CutoverResult rehearsal = Cutover.of(runbook(legacy, migrator, GateDecision.go("clean")),
                    rollback(legacy, migrator)).rehearse();

            assertThat(rehearsal.outcome()).isEqualTo(CutoverResult.Outcome.COMPLETED);
            assertThat(rehearsal.goNoGo().go()).isTrue();
            assertThat(rehearsal.rollback().orElseThrow().withinRto()).isTrue();
            assertThat(legacy.dump()).isEqualTo(before);
            assertThat(v2.queryValue("SELECT COUNT(*) FROM product")).isEqualTo(0L);
        }
    }
}
