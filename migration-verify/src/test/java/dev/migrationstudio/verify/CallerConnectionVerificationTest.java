package dev.migrationstudio.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.TargetTransaction;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The verifier reads through a caller's connection: what that transaction sees, without ending it. */
class CallerConnectionVerificationTest {

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = "POSTGRES")
    void verifiesRowsAJoinedMigrationWroteBeforeTheCallerCommits(Engine engine) throws SQLException {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt");
             Connection connection = target.dataSource().getConnection()) {
            Orders.create(source);
            Orders.fill(source, 700);
            Orders.create(target);
            connection.setAutoCommit(false);

            JdbcMigrator.configure().source(source.dataSource()).target(connection, TargetTransaction.JOIN)
                    .spec(Orders.spec()).chunkSize(200).logProgress(false).load().migrate();
            VerificationReport inside = Verifier.between(source.dataSource(), connection).spec(Orders.spec()).verify();
            VerificationReport outside = Verifier.between(source.dataSource(), target.dataSource()).spec(Orders.spec())
                    .verify();

            assertThat(inside.passed()).as(inside.summary()).isTrue();
            assertThat(outside.passed()).isFalse();
            connection.commit();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void findsADifferenceThroughConnectionsAndLeavesThemAsTheyWere(Engine engine) throws SQLException {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt");
             Connection from = source.dataSource().getConnection();
             Connection to = target.dataSource().getConnection()) {
            Orders.create(source);
            Orders.fill(source, 300);
            Orders.create(target);
            Orders.fill(target, 300);
            try (Statement statement = to.createStatement()) {
                statement.execute("UPDATE orders SET note = 'edited' WHERE order_no = 42");
            }

            VerificationReport report = Verifier.between(from, to).spec(Orders.spec()).verify();

            assertThat(report.passed()).isFalse();
            assertThat(from.getAutoCommit()).isTrue();
            assertThat(to.getAutoCommit()).isTrue();
            assertThat(to.isClosed()).isFalse();
            assertThatThrownBy(() -> Verifier.between(from, to).spec(Orders.spec()).parallelism(3).verify())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("parallelism(3)");
        }
    }
}
