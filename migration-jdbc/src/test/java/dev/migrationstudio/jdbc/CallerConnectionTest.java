package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A connection the caller owns: who commits, what a rollback of the caller's transaction leaves, what is refused. */
class CallerConnectionTest {

    private static JdbcMigrator.Configuration migrator(TestDatabase source) {
        return JdbcMigrator.configure().source(source.dataSource()).spec(ItemFixture.spec())
                .chunkSize(100).batchSize(50).logProgress(false);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void commitsChunkByChunkOnAConnectionInAutoCommitAndGivesItBackAsItWas(Engine engine) throws SQLException {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt");
             Connection connection = target.dataSource().getConnection()) {
            ItemFixture.createSource(source, 450);
            ItemFixture.createTarget(target);

            MigrationResult result = migrator(source).target(connection, TargetTransaction.COMMIT_CHUNKS).load().migrate();

            assertThat(result.table("item").orElseThrow().thisRun().read()).isEqualTo(450);
            assertThat(result.table("item").orElseThrow().thisRun().isBalanced()).isTrue();
            assertThat(connection.isClosed()).isFalse();
            assertThat(connection.getAutoCommit()).isTrue();
            // Committed: another session sees rows and ledger.
            assertThat(ItemFixture.actual(target)).isEqualTo(ItemFixture.expected(source, ItemFixture.spec()));
            assertThat(target.queryValue("SELECT COUNT(*) FROM ms_chunk")).isEqualTo(5L);

            MigrationResult again = migrator(source).target(connection, TargetTransaction.COMMIT_CHUNKS).load().migrate();
            assertThat(again.table("item").orElseThrow().thisRun().loaded()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = "POSTGRES")
    void joinsTheCallersTransactionSoThatItsRollbackTakesRowsAndLedgerAway(Engine engine) throws SQLException {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt");
             Connection connection = target.dataSource().getConnection()) {
            ItemFixture.createSource(source, 250);
            ItemFixture.createTarget(target);
            connection.setAutoCommit(false);

            migrator(source).target(connection, TargetTransaction.JOIN).load().migrate();

            long loaded = ItemFixture.expected(source, ItemFixture.spec()).size();
            assertThat(count(connection, "product")).isEqualTo(loaded);
            assertThat(target.queryValue("SELECT COUNT(*) FROM product")).isEqualTo(0L);
            connection.rollback();
            assertThat(count(connection, "product")).isZero();

            // Nothing of the rolled-back run is remembered: the next run loads everything, and commits with the caller.
            MigrationResult result = migrator(source).target(connection, TargetTransaction.JOIN).load().migrate();
            assertThat(result.table("item").orElseThrow().thisRun().loaded()).isEqualTo(loaded);
            connection.commit();
            assertThat(ItemFixture.actual(target)).isEqualTo(ItemFixture.expected(source, ItemFixture.spec()));
            assertThat(connection.getAutoCommit()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = "POSTGRES")
    void aRefusedChunkInAJoinedTransactionIsNarrowedWithoutLosingTheCallersWork(Engine engine) throws SQLException {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt");
             Connection connection = target.dataSource().getConnection()) {
            ItemFixture.createSource(source, 300);
            ItemFixture.createTarget(target);
            source.execute("UPDATE item SET name = CONCAT(name, REPEAT('x', 60)) WHERE id = 151");
            target.execute("CREATE TABLE deploy_note (note VARCHAR(20))");
            connection.setAutoCommit(false);
            connection.createStatement().execute("INSERT INTO deploy_note VALUES ('before the load')");

            MigrationResult result = migrator(source).target(connection, TargetTransaction.JOIN)
                    .onBadRow(BadRows.quarantine()).load().migrate();

            assertThat(result.table("item").orElseThrow().thisRun().quarantined()).isEqualTo(1);
            connection.commit();
            assertThat(target.queryValue("SELECT COUNT(*) FROM deploy_note")).isEqualTo(1L);
            assertThat(target.queryValue("SELECT COUNT(*) FROM product"))
                    .isEqualTo(ItemFixture.expected(source, ItemFixture.spec()).size() - 1L);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void readsTheSourceThroughACallersConnectionWithoutEndingItsTransaction(Engine engine) throws SQLException {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt");
             Connection reading = source.dataSource().getConnection()) {
            ItemFixture.createSource(source, 120);
            ItemFixture.createTarget(target);
            reading.setAutoCommit(false);
            reading.createStatement().execute("UPDATE item SET name = 'seen inside' WHERE id = 7");

            JdbcMigrator.configure().source(reading).target(target.dataSource()).spec(ItemFixture.spec())
                    .logProgress(false).load().migrate();

            assertThat(target.queryValue("SELECT title FROM product WHERE product_id = 7")).isEqualTo("seen inside");
            reading.rollback();
            assertThat(source.queryValue("SELECT name FROM item WHERE id = 7")).isNotEqualTo("seen inside");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void refusesWhatOneConnectionCannotDo(Engine engine) throws SQLException {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt");
             Connection connection = target.dataSource().getConnection()) {
            ItemFixture.createSource(source, 10);
            ItemFixture.createTarget(target);

            assertThatThrownBy(() -> migrator(source).target(connection, TargetTransaction.COMMIT_CHUNKS)
                    .parallelism(4).load())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("parallelism(4)").hasMessageContaining("one table at a time");
            assertThatThrownBy(() -> JdbcMigrator.configure().source(connection)
                    .target(connection, TargetTransaction.COMMIT_CHUNKS).spec(ItemFixture.spec()).load())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the same connection");
            assertThatThrownBy(() -> migrator(source).target(connection, TargetTransaction.JOIN).load().migrate())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(engine == Engine.POSTGRES ? "no transaction to join" : "CREATE TABLE");

            connection.setAutoCommit(false);
            assertThatThrownBy(() -> migrator(source).target(connection, TargetTransaction.COMMIT_CHUNKS).load().migrate())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("would commit the caller's work");
            assertThat(count(connection, "product")).isZero();
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (var statement = connection.createStatement(); var rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
