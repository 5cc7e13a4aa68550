package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A target connection lost in the middle of a chunk: the run fails cleanly, and a resume completes exactly. */
class ConnectionLossTest {

    private static JdbcMigrator.Configuration migrator(TestDatabase source, DataSource target) {
        return JdbcMigrator.configure().source(source.dataSource()).target(target).spec(ItemFixture.spec())
                .chunkSize(1_000).batchSize(100).logProgress(false);
    }

    @Test
    void postgresBackendTerminatedMidChunk() throws Exception {
        try (TestDatabase source = Engine.POSTGRES.create("src"); TestDatabase target = Engine.POSTGRES.create("tgt");
             TestDatabase admin = Engine.POSTGRES.create("admin")) {
            ItemFixture.createSource(source, 10_000);
            ItemFixture.createTarget(target);
            // Row 3501 makes the writer wait inside the fourth chunk's transaction, so the kill lands mid-chunk.
            target.execute("CREATE FUNCTION stall() RETURNS trigger AS $$ BEGIN IF NEW.product_id = 3501 THEN "
                            + "PERFORM pg_sleep(120); END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
                    "CREATE TRIGGER stall BEFORE INSERT ON product FOR EACH ROW EXECUTE FUNCTION stall()");

            killedMidChunkThenResumed(source, target, runEnded -> terminateStalledWriter(admin, target, runEnded),
                    "DROP TRIGGER stall ON product");
        }
    }

    @Test
    void mariadbConnectionKilledMidChunk() throws Exception {
        try (TestDatabase source = Engine.MARIADB.create("src"); TestDatabase target = Engine.MARIADB.create("tgt")) {
            ItemFixture.createSource(source, 10_000);
            ItemFixture.createTarget(target);
            // Row 3501 makes the load wait inside the fourth chunk's transaction, so the kill lands mid-chunk.
            target.execute("CREATE TRIGGER stall BEFORE INSERT ON product FOR EACH ROW BEGIN "
                    + "IF NEW.product_id = 3501 THEN DO SLEEP(120); END IF; END");

            killedMidChunkThenResumed(source, target, runEnded -> {
                String stalled = "SELECT id FROM information_schema.processlist WHERE db = '" + target.name()
                        + "' AND state = 'User sleep'";
                while (!runEnded.get()) {
                    List<Object[]> ids = target.query(stalled);
                    if (!ids.isEmpty()) {
                        ids.forEach(id -> target.execute("KILL CONNECTION " + id[0]));
                        return ids.size();
                    }
                    Thread.onSpinWait();
                }
                return 0;
            }, "DROP TRIGGER stall");
        }
    }

    /**
     * Runs a migration whose writer stalls inside its fourth chunk while {@code kill} ends the writer's
     * session (returning how many it ended); then checks that only the first three chunks stayed and
     * that a resume, once {@code dropTrigger} removed the stall, completes exactly.
     */
    private static void killedMidChunkThenResumed(TestDatabase source, TestDatabase target,
                                                  java.util.function.Function<AtomicBoolean, Integer> kill,
                                                  String dropTrigger) throws Exception {
        AtomicBoolean runEnded = new AtomicBoolean();
        CompletableFuture<Integer> killed = CompletableFuture.supplyAsync(() -> kill.apply(runEnded));

        try {
            assertThatThrownBy(() -> migrator(source, target.dataSource()).load().migrate())
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("committed chunks stay; run it again to resume");
        } finally {
            runEnded.set(true);
        }

        assertThat(killed.get()).isEqualTo(1);
        assertThat(target.queryValue("SELECT COUNT(*) FROM product")).isEqualTo(2_700L);
        assertThat(target.queryValue("SELECT COUNT(*) FROM product WHERE product_id > 3000")).isEqualTo(0L);
        target.execute(dropTrigger);
        MigrationResult resumed = migrator(source, target.dataSource()).load().migrate();
        assertThat(resumed.table("item").orElseThrow().chunksSkipped()).isEqualTo(3);
        assertThat(resumed.table("item").orElseThrow().total().read()).isEqualTo(10_000);
        assertThat(ItemFixture.actual(target)).isEqualTo(ItemFixture.expected(source, ItemFixture.spec()));
    }

    /**
     * Waits until the target's writer is stalled inside its transaction, then terminates its session;
     * returns how many sessions it terminated (0 if the run ended first).
     */
    private static int terminateStalledWriter(TestDatabase admin, TestDatabase target, AtomicBoolean runEnded) {
        String stalled = "SELECT pid FROM pg_stat_activity WHERE datname = '" + target.name() + "' "
                + "AND wait_event = 'PgSleep' AND backend_xid IS NOT NULL";
        while (!runEnded.get()) {
            List<Object[]> pids = admin.query(stalled);
            if (!pids.isEmpty()) {
                for (Object[] pid : pids) {
                    admin.query("SELECT pg_terminate_backend(" + pid[0] + ")");
                }
                return pids.size();
            }
            Thread.onSpinWait();
        }
        return 0;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void connectionLostWhileWritingAChunk(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 5_000);
            ItemFixture.createTarget(target);
            // The 16th statement prepared on a target connection fails as a lost connection would:
            // past the ledger's preparation (which claims the target table), inside the chunks' writes.
            DataSource failing = failingAfter(target.dataSource(), 16);

            assertThatThrownBy(() -> migrator(source, failing).postgresCopy(false).load().migrate())
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("connection lost (simulated)");

            long committed = (Long) target.queryValue("SELECT COUNT(*) FROM product");
            assertThat(committed % 900).as("only whole chunks were committed").isZero();
            MigrationResult resumed = migrator(source, target.dataSource()).load().migrate();
            assertThat(resumed.table("item").orElseThrow().total().read()).isEqualTo(5_000);
            assertThat(ItemFixture.actual(target)).isEqualTo(ItemFixture.expected(source, ItemFixture.spec()));
        }
    }

    /** A data source whose connections fail on the n-th statement prepared through any of them. */
    private static DataSource failingAfter(DataSource real, int n) {
        AtomicInteger prepared = new AtomicInteger();
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (result instanceof Connection) {
                        Connection connection = (Connection) result;
                        InvocationHandler handler = (p, m, a) -> {
                            if (m.getName().equals("prepareStatement") && prepared.incrementAndGet() == n) {
                                connection.close();
                                throw new SQLTransientConnectionException("connection lost (simulated)", "08006");
                            }
                            return invoke(connection, m, a);
                        };
                        return Proxy.newProxyInstance(Connection.class.getClassLoader(),
                                new Class<?>[] {Connection.class}, handler);
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
