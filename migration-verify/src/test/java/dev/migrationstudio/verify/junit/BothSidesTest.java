package dev.migrationstudio.verify.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** A team's repository tests run on both sides, and a test whose outcome changes is named. */
class BothSidesTest {

    /** Legacy keeps e-mails as typed; v2 lower-cases them (and renames the table). */
    public static final class Shop implements DatabasePair, AutoCloseable {
        static volatile boolean closed;
        private final TestDatabase legacy = Engine.H2.create("both-sides-legacy");
        private final TestDatabase v2 = Engine.H2.create("both-sides-v2");

        public Shop() {
            closed = false;
            legacy.execute("CREATE TABLE customer (id INT PRIMARY KEY, email VARCHAR(60))",
                    "INSERT INTO customer VALUES (1, 'Ann@Example.com'), (2, 'bob@example.com')");
            v2.execute("CREATE TABLE client (id INT PRIMARY KEY, email VARCHAR(60))",
                    "INSERT INTO client VALUES (1, 'ann@example.com'), (2, 'bob@example.com')");
        }

        @Override
        public DataSource source() {
            return legacy.dataSource();
        }

        @Override
        public DataSource target() {
            return v2.dataSource();
        }

        @Override
        public void close() {
            legacy.close();
            v2.close();
            closed = true;
        }
    }

    /** The team's repository tests, unchanged but for the table each side reads. */
    @SourceAndTarget(Shop.class)
    static class CustomerRepositoryChecks {
        @BothSides
        void findsACustomerByTheEmailAsTyped(DataSource database, DatabaseSide side) throws SQLException {
            assertThat(idOf(database, side, "Ann@Example.com")).isEqualTo(1);
        }

        @BothSides
        void findsALowerCaseEmail(DataSource database, DatabaseSide side) throws SQLException {
            assertThat(idOf(database, side, "bob@example.com")).isEqualTo(2);
        }

        @BothSides
        void failsOnBothSides(DataSource database) {
            assertThat(database).isNull();
        }

        private static int idOf(DataSource database, DatabaseSide side, String email) throws SQLException {
            String table = side == DatabaseSide.SOURCE ? "customer" : "client";
            try (Connection connection = database.getConnection();
                 PreparedStatement query = connection.prepareStatement(
                         "SELECT id FROM " + table + " WHERE email = ?")) {
                query.setString(1, email);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? rows.getInt(1) : -1;
                }
            }
        }
    }

    @Test
    void eachTestRunsOnBothSidesAndADifferentOutcomeIsNamed() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(CustomerRepositoryChecks.class)).execute();
        Events tests = results.testEvents();

        assertThat(tests.started().count()).isEqualTo(6);
        assertThat(tests.succeeded().count()).isEqualTo(3);
        assertThat(tests.failed().count()).as("the e-mail as typed on the target, and both of the third")
                .isEqualTo(3);
        Throwable classFailure = results.containerEvents().failed().stream()
                .filter(e -> e.getTestDescriptor().getUniqueId().toString().endsWith("CustomerRepositoryChecks]"))
                .findFirst()
                .orElseThrow().getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        assertThat(classFailure).hasMessageContaining("1 test(s) of CustomerRepositoryChecks behave differently")
                .hasMessageContaining("findsACustomerByTheEmailAsTyped: passes on the source, fails on the target")
                .hasMessageNotContaining("failsOnBothSides").hasMessageNotContaining("findsALowerCaseEmail");
        assertThat(Shop.closed).as("the pair is closed after the class").isTrue();
    }
}
