package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DryRunTest {

    private static JdbcMigrator.Configuration migrator(TestDatabase source, TestDatabase target) {
        return JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource())
                .spec(ItemFixture.spec()).chunkSize(1_000).logProgress(false);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void leavesTheTargetByteForByteUntouchedAndReportsThePlan(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 2_345);
            ItemFixture.createTarget(target);
            String before = target.dump();

            MigrationResult result = migrator(source, target).dryRun(true).load().migrate();

            assertThat(target.dump()).isEqualTo(before);
            assertThat(result.dryRun()).isTrue();
            DryRunPlan plan = result.plan().orElseThrow();
            DryRunPlan.TablePlan item = plan.tables().get(0);
            assertThat(item.mapping()).isEqualTo("item -> product");
            assertThat(item.sourceRows()).isEqualTo(2_345);
            assertThat(item.chunksToRun()).isEqualTo(3);
            String q = engine == Engine.MARIADB ? "`" : "\"";
            assertThat(item.readSql()).contains(q + "item" + q)
                    .endsWith("where (" + q + "id" + q + ") > (?) order by " + q + "id" + q);
            assertThat(item.writeSql()).startsWith(engine == Engine.POSTGRES ? "COPY \"public\".\"product\""
                    : engine == Engine.MARIADB ? "LOAD DATA LOCAL INFILE 'rows' INTO TABLE `" + target.name() + "`.`product`"
                    : "insert into \"public\".\"product\"");
            assertThat(item.ledgerSql()).contains(q + "ms_chunk" + q);
            assertThat(item.sample()).hasSize(5).first().asString()
                    .contains("{id=1, name= item 1 ,").contains("load {product_id=1, title=item 1,");
            assertThat(item.measuredReadRowsPerSecond()).isPresent();
            assertThat(plan.estimatedDuration()).isPresent();
            // The key in full digits (LostLockTest checks a failure's against pg_locks), not a double's rendering.
            assertThat(plan.lock()).containsPattern(engine == Engine.POSTGRES ? "advisory lock -?[0-9]+ on the target"
                    : engine == Engine.MARIADB ? "user lock 'migration-studio:-?[0-9]+' on the target" : "lease row");
            assertThat(result.toMarkdown()).startsWith("# Dry run: ").doesNotContain("Migration result")
                    .contains("2,345 source rows, 3 chunks to run");
            assertThat(result.documents()).extracting(d -> d.fileName())
                    .containsExactly("dry-run.md", "dry-run.json", "dry-run.html");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void showsWhatARealRunWouldSkip(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 2_500);
            ItemFixture.createTarget(target);
            migrator(source, target).load().migrate();
            source.execute("INSERT INTO item VALUES (9000, 'late', 1.00, TRUE, NULL)");
            String before = target.dump();

            MigrationResult result = migrator(source, target).dryRun(true).load().migrate();

            DryRunPlan.TablePlan item = result.plan().orElseThrow().tables().get(0);
            assertThat(item.chunksAlreadyDone()).isEqualTo(3);
            assertThat(item.chunksToRun()).isEqualTo(1);
            assertThat(item.sample()).singleElement().asString().contains("id=9000");
            assertThat(target.dump()).isEqualTo(before);
        }
    }
}
