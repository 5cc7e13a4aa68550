package dev.migrationstudio.spark;

import static dev.migrationstudio.spark.ItemsFixture.ACTIVE;
import static dev.migrationstudio.spark.ItemsFixture.ROWS;
import static dev.migrationstudio.spark.ItemsFixture.assertLoadedOnce;
import static dev.migrationstudio.spark.ItemsFixture.tooLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.jdbc.BadRows;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.MigrationFailedException;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.jdbc.TableResult;
import dev.migrationstudio.jdbc.ledger.MigrationLedger;
import dev.migrationstudio.testing.Engine;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The engine's correctness cases on Spark: every row loaded, filtered or quarantined once, whatever
 * fails; the ledger shared with {@link JdbcMigrator}, which resumes what a Spark run left.
 */
class SparkMigratorTest {
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSessions.local();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @AfterEach
    void dropDatabases() {
        ItemsFixture.close();
    }

    private static MigrationResult migrate() {
        return ItemsFixture.migrate(spark);
    }

    private static long targetRows() {
        return ((Number) ItemsFixture.target().queryValue("SELECT COUNT(*) FROM product")).longValue();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void loadsFiltersAndQuarantinesEveryRowOnceAndASecondRunIsANoOp(Engine engine) {
        ItemsFixture.create(engine, "spark-balance", c -> c.onBadRow(BadRows.quarantine()));

        MigrationResult first = migrate();

        assertThat(first.isComplete()).isTrue();
        assertThat(first.isBalanced()).isTrue();
        TableResult table = first.table("item").orElseThrow();
        assertThat(table.thisRun().read()).isEqualTo(ROWS);
        assertThat(table.thisRun().filteredByRule()).containsEntry("active only", (long) ROWS - ACTIVE);
        assertThat(table.thisRun().quarantined()).isEqualTo(tooLong());
        assertThat(table.quarantined()).extracting(q -> q.key()).contains("id=97");
        assertThat(table.chunksDone()).isGreaterThanOrEqualTo(ROWS / 250);
        assertLoadedOnce();

        MigrationResult second = migrate();
        assertThat(second.thisRun().read()).isZero();
        assertThat(second.total().read()).isEqualTo(ROWS);
        MigrationResult sequential = ItemsFixture.migrateInJvm();
        assertThat(sequential.thisRun().read()).isZero();
        assertLoadedOnce();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aKilledJobResumesWithoutLoadingAnyRowTwice(Engine engine) {
        ItemsFixture.create(engine, "spark-resume", c -> c.onBadRow(BadRows.quarantine()));
        // The first range's last active row fails every attempt: the job dies while other ranges commit.
        ItemsFixture.FAIL_AT.set(249);

        assertThatThrownBy(SparkMigratorTest::migrate).isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("item -> product").hasMessageContaining("the test fails item 249");
        long loadedBefore = targetRows();
        assertThat(loadedBefore).isLessThan(ACTIVE - tooLong());

        ItemsFixture.FAIL_AT.set(0);
        MigrationResult resumed = migrate();

        assertThat(resumed.isBalanced()).isTrue();
        assertThat(resumed.total().read()).isEqualTo(ROWS);
        assertThat(resumed.total().loaded()).isEqualTo(ACTIVE - tooLong());
        assertLoadedOnce();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void jdbcMigratorFinishesWhatAKilledSparkJobLeft(Engine engine) {
        ItemsFixture.create(engine, "spark-handover", c -> c.onBadRow(BadRows.quarantine()));
        ItemsFixture.FAIL_AT.set(249);
        assertThatThrownBy(SparkMigratorTest::migrate).isInstanceOf(MigrationFailedException.class);

        ItemsFixture.FAIL_AT.set(0);
        MigrationResult finished = ItemsFixture.migrateInJvm();

        assertThat(finished.isBalanced()).isTrue();
        assertThat(finished.total().read()).isEqualTo(ROWS);
        assertLoadedOnce();
        MigrationLedger ledger = MigrationLedger.read(ItemsFixture.target().dataSource(), "spark-items").orElseThrow();
        assertThat(ledger.mapping("item -> product").orElseThrow().total().read()).isEqualTo(ROWS);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void failFastStopsTheRunNamingTheRow(Engine engine) {
        ItemsFixture.create(engine, "spark-failfast", c -> c);

        // Ranges run in parallel: whichever too long name comes first stops the run.
        assertThatThrownBy(SparkMigratorTest::migrate).isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("bad row in item -> product, id=")
                .satisfies(e -> assertThat(Integer.parseInt(e.getMessage().replaceAll("(?s).*, id=(\\d+):.*", "$1")) % 97)
                        .isZero());
        assertThat(ItemsFixture.target().query("SELECT product_id FROM product WHERE MOD(product_id, 97) = 0")).isEmpty();
    }
}
