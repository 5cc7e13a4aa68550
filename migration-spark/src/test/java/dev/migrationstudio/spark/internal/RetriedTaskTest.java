package dev.migrationstudio.spark.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.jdbc.BadRows;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.spark.ItemsFixture;
import dev.migrationstudio.testing.Engine;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A task that fails after its range committed is run again by Spark, and loads nothing twice. */
class RetriedTaskTest {
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2,3]").appName("retried-task-test")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @AfterEach
    void dropDatabases() {
        RangeTask.afterCopy = range -> { };
        ItemsFixture.close();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aTaskRetriedAfterItsCommitLoadsNothingTwiceAndCountsItsRowsOnce(Engine engine) {
        ItemsFixture.create(engine, "spark-retry", c -> c.onBadRow(BadRows.quarantine()));
        AtomicInteger failures = new AtomicInteger();
        // The range after key 500 fails once, after its chunks committed; Spark runs its task again.
        RangeTask.afterCopy = range -> {
            if (range.after() != null && range.after().equals(java.util.List.of(500))
                    && failures.getAndIncrement() == 0) {
                throw new IllegalStateException("the test fails the task after its commit");
            }
        };

        MigrationResult result = ItemsFixture.migrate(spark);

        assertThat(failures).hasValue(2);
        assertThat(result.isBalanced()).isTrue();
        assertThat(result.thisRun().read()).isEqualTo(ItemsFixture.ROWS);
        assertThat(result.thisRun().loaded()).isEqualTo(ItemsFixture.ACTIVE - ItemsFixture.tooLong());
        ItemsFixture.assertLoadedOnce();
    }
}
