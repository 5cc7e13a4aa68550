package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One run at a time; a dead run's lock does not block for good. */
class RunLockTest {

    private static JdbcMigrator.Configuration migrator(TestDatabase source, TestDatabase target) {
        return JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource())
                .spec(ItemFixture.spec()).chunkSize(500).logProgress(false);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aSecondConcurrentRunIsRefusedWhileTheFirstCompletes(Engine engine) throws Exception {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 2_000);
            ItemFixture.createTarget(target);
            CountDownLatch firstIsRunning = new CountDownLatch(1);
            CountDownLatch secondWasRefused = new CountDownLatch(1);
            CompletableFuture<MigrationResult> first = CompletableFuture.supplyAsync(() -> migrator(source, target)
                    .progress(p -> {
                        firstIsRunning.countDown();
                        await(secondWasRefused);
                    }).load().migrate());
            assertThat(firstIsRunning.await(60, TimeUnit.SECONDS)).isTrue();

            try {
                assertThatThrownBy(() -> migrator(source, target).load().migrate())
                        .isInstanceOf(MigrationException.class)
                        .hasMessageContaining("migration 'items-to-products' is already running against this target");
            } finally {
                secondWasRefused.countDown();
            }

            assertThat(first.get(60, TimeUnit.SECONDS).isComplete()).isTrue();
            assertThat(target.queryValue("SELECT COUNT(*) FROM product")).isEqualTo(1_800L);
        }
    }

    /** Waits for a latch from a run's progress listener, at most a minute. */
    static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aLeaseWhoseHeartbeatStoppedIsTakenOver() {
        try (TestDatabase source = Engine.H2.create("src"); TestDatabase target = Engine.H2.create("tgt")) {
            ItemFixture.createSource(source, 100);
            ItemFixture.createTarget(target);
            migrator(source, target).load().migrate();
            target.execute("INSERT INTO ms_lock (migration, owner, acquired_at, heartbeat_at, lease_ms) VALUES ('items-to-products', 'crashed-host/pid 1/x', "
                    + "TIMESTAMP '2020-01-01 00:00:00', TIMESTAMP '2020-01-01 00:00:00', 30000)");

            MigrationResult result = migrator(source, target).load().migrate();

            assertThat(result.isComplete()).isTrue();
            assertThat(target.queryValue("SELECT COUNT(*) FROM ms_lock")).isEqualTo(0L);
        }
    }

    @Test
    void aLiveLeaseRefusesAndTheWaitOptionWaitsForItToExpire() {
        try (TestDatabase source = Engine.H2.create("src"); TestDatabase target = Engine.H2.create("tgt")) {
            ItemFixture.createSource(source, 100);
            ItemFixture.createTarget(target);
            migrator(source, target).load().migrate();
            target.execute("INSERT INTO ms_lock (migration, owner, acquired_at, heartbeat_at, lease_ms) VALUES ('items-to-products', 'other-host/pid 2/y', "
                    + "LOCALTIMESTAMP, LOCALTIMESTAMP, 500)");

            assertThatThrownBy(() -> migrator(source, target).load().migrate())
                    .hasMessageContaining("lease held by other-host/pid 2/y");

            MigrationResult result = migrator(source, target).lockWait(Duration.ofSeconds(30)).load().migrate();
            assertThat(result.isComplete()).isTrue();
        }
    }
}
