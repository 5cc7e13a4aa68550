package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run that loses its lock while it is paused (its lease taken over on H2, its advisory-lock session
 * terminated on PostgreSQL) commits nothing more: its next commit fails with "lost the run lock", and
 * the target holds every row exactly once, written by one run at a time.
 */
class LostLockTest {
    private static final int KEYED_ROWS = 300;
    private static final int KEYLESS_ROWS = 50;
    private static final int CHUNK = 100;

    /** A keyed table first, then a keyless one (tables run one at a time, in this order). */
    private static final MappingSpec SPEC = MappingSpec.builder("fenced")
            .table("kv", t -> t.key("id").field("v"))
            .table("log", t -> t.withoutKey("append-only").field("n").field("v"))
            .build();

    private static JdbcMigrator.Configuration migrator(TestDatabase source, TestDatabase target) {
        return JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource()).spec(SPEC)
                .chunkSize(CHUNK).parallelism(1).logProgress(false);
    }

    private static void createTables(TestDatabase source, TestDatabase target) {
        source.execute("CREATE TABLE kv (id INT PRIMARY KEY, v VARCHAR(20))", "CREATE TABLE log (n INT, v VARCHAR(20))");
        source.execute(IntStream.rangeClosed(1, KEYED_ROWS)
                .mapToObj(i -> "INSERT INTO kv VALUES (" + i + ", 'k" + i + "')").toArray(String[]::new));
        source.execute(IntStream.rangeClosed(1, KEYLESS_ROWS)
                .mapToObj(i -> "INSERT INTO log VALUES (" + i + ", 'l" + i + "')").toArray(String[]::new));
        target.execute("CREATE TABLE kv (id INT PRIMARY KEY, v VARCHAR(20))", "CREATE TABLE log (n INT, v VARCHAR(20))");
    }

    /**
     * Where the first run pauses: after its first keyed chunk (its next commit is a keyed chunk), or
     * after its last one (its next commit is the keyless table's).
     */
    static Stream<Arguments> pauses() {
        return Stream.of(Engine.values()).flatMap(engine -> Stream.of(
                Arguments.of(engine, CHUNK), Arguments.of(engine, KEYED_ROWS)));
    }

    @ParameterizedTest(name = "{0}, paused after {1} keyed rows")
    @MethodSource("pauses")
    void aRunThatLostItsLockWhilePausedWritesNothingMoreAndAnotherRunCompletes(Engine engine, int pauseAfter)
            throws Exception {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            createTables(source, target);
            CountDownLatch paused = new CountDownLatch(1);
            CountDownLatch resume = new CountDownLatch(1);
            AtomicBoolean once = new AtomicBoolean();
            CompletableFuture<MigrationResult> first = CompletableFuture.supplyAsync(() -> migrator(source, target)
                    .lease(Duration.ofMinutes(5))
                    .progress(p -> {
                        if (p.rowsDone() == pauseAfter && once.compareAndSet(false, true)) {
                            paused.countDown();
                            await(resume);
                        }
                    }).load().migrate());
            assertThat(paused.await(60, TimeUnit.SECONDS)).isTrue();

            MigrationResult second;
            try {
                loseTheLock(target);
                second = migrator(source, target).lockWait(Duration.ofSeconds(30)).load().migrate();
            } finally {
                resume.countDown();
            }

            assertThat(second.isComplete()).isTrue();
            assertThatThrownBy(() -> getCause(first)).isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("migration 'fenced' lost the run lock to ")
                    .hasMessageContaining("rolled back its open chunk");
            assertExactlyOnce(target);
            assertThat(target.queryValue("SELECT COUNT(*) FROM ms_lock")).as("the lock was released").isEqualTo(0L);
            MigrationResult third = migrator(source, target).load().migrate();
            assertThat(third.chunksDone()).as("nothing left to do").isZero();
            assertExactlyOnce(target);
        }
    }

    @Test
    void aPostgresRunWhoseLockSessionIsTerminatedStopsEvenWhenNoOtherRunTakesTheLock() throws Exception {
        try (TestDatabase source = Engine.POSTGRES.create("src"); TestDatabase target = Engine.POSTGRES.create("tgt")) {
            createTables(source, target);
            CountDownLatch paused = new CountDownLatch(1);
            CountDownLatch resume = new CountDownLatch(1);
            AtomicBoolean once = new AtomicBoolean();
            CompletableFuture<MigrationResult> first = CompletableFuture.supplyAsync(() -> migrator(source, target)
                    .progress(p -> {
                        if (once.compareAndSet(false, true)) {
                            paused.countDown();
                            await(resume);
                        }
                    }).load().migrate());
            assertThat(paused.await(60, TimeUnit.SECONDS)).isTrue();
            Object key;
            try {
                // pg_locks shows a 64-bit advisory key as its high and low 32 bits.
                key = target.queryValue("SELECT (classid::bigint << 32) | objid::bigint FROM pg_locks "
                        + "WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database "
                        + "WHERE datname = current_database())");
                loseTheLock(target);
            } finally {
                resume.countDown();
            }

            assertThatThrownBy(() -> getCause(first)).isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("lost the run lock to no session: the session holding PostgreSQL "
                            + "advisory lock " + key + " ended");
            assertThat(target.queryValue("SELECT COUNT(*) FROM kv")).as("only the first chunk").isEqualTo((long) CHUNK);
            assertThat(target.queryValue("SELECT COUNT(*) FROM log")).isEqualTo(0L);
            MigrationResult resumed = migrator(source, target).load().migrate();
            assertThat(resumed.table("kv").orElseThrow().chunksSkipped()).isEqualTo(1);
            assertExactlyOnce(target);
        }
    }

    /**
     * H2: the holder's lease looks expired (as if it had stopped for longer than its lease). PostgreSQL
     * and MariaDB: its lock session ends (MariaDB's lock named as the dry run's plan names it).
     */
    private static void loseTheLock(TestDatabase target) {
        if (target.engine() == Engine.H2) {
            target.execute("UPDATE ms_lock SET heartbeat_at = TIMESTAMP '2020-01-01 00:00:00', lease_ms = 1");
        } else if (target.engine() == Engine.MARIADB) {
            Object holder = target.queryValue("SELECT IS_USED_LOCK('migration-studio:"
                    + com.google.common.hash.Hashing.murmur3_128().hashString("migration-studio:fenced",
                            java.nio.charset.StandardCharsets.UTF_8).asLong() + "')");
            assertThat(holder).as("the session holding the run lock").isNotNull();
            target.execute("KILL CONNECTION " + holder);
        } else {
            assertThat(target.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
                    + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")).hasSize(1);
        }
    }

    /** Every source row once in the target, and a ledger that counts each once. */
    private static void assertExactlyOnce(TestDatabase target) {
        assertThat(target.queryValue("SELECT COUNT(*) FROM kv")).isEqualTo((long) KEYED_ROWS);
        assertThat(target.queryValue("SELECT COUNT(DISTINCT id) FROM kv")).isEqualTo((long) KEYED_ROWS);
        assertThat(target.queryValue("SELECT COUNT(*) FROM log")).isEqualTo((long) KEYLESS_ROWS);
        assertThat(target.queryValue("SELECT COUNT(DISTINCT n) FROM log")).isEqualTo((long) KEYLESS_ROWS);
        assertThat(target.queryValue("SELECT SUM(rows_loaded) FROM ms_chunk WHERE mapping LIKE 'kv%'"))
                .isEqualTo(java.math.BigDecimal.valueOf(KEYED_ROWS));
        assertThat(target.queryValue("SELECT SUM(rows_loaded) FROM ms_chunk WHERE mapping LIKE 'log%'"))
                .isEqualTo(java.math.BigDecimal.valueOf(KEYLESS_ROWS));
        assertThat(target.queryValue("SELECT COUNT(*) FROM ms_completed_table")).isEqualTo(1L);
    }

    private static MigrationResult getCause(CompletableFuture<MigrationResult> run) throws Throwable {
        try {
            return run.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
