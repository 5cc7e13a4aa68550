package dev.migrationstudio.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.jdbc.NamedSources;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.FixtureSql;
import dev.migrationstudio.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.Liquibase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Liquibase change against real Liquibase: dry run, migrate and gate inside {@code update}. */
class SpecChangeTest {
    private static final String CHANGELOG = "dev/migrationstudio/liquibase/changelog.xml";

    private static TestDatabase source(Engine engine) {
        TestDatabase source = engine.create("legacy");
        source.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL)",
                "INSERT INTO item SELECT x, CONCAT('item ', x) FROM " + FixtureSql.series(engine, 1_200));
        NamedSources.register("legacy", source.dataSource());
        return source;
    }

    /**
     * The application's database. On H2 a default one (names fold to upper case): Liquibase does not
     * find its own tables again in an H2 that folds them to lower case, as the other tests' H2 does.
     */
    private static DataSource target(Engine engine, TestDatabase postgres) {
        if (engine == Engine.POSTGRES) {
            return postgres.dataSource();
        }
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:app-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }

    private static void update(DataSource target, String contexts) throws SQLException, LiquibaseException {
        try (Connection connection = target.getConnection()) {
            new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), new JdbcConnection(connection))
                    .update(new Contexts(contexts));
        }
    }

    private static long count(DataSource target, String sql) throws SQLException {
        try (Connection connection = target.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @AfterEach
    void reset() {
        NamedSources.unregister("legacy");
        ProductSpec.origin = "legacy";
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"H2", "POSTGRES"})
    void loadsAndVerifiesInsideLiquibaseWithTheLedgerInItsOwnSchema(Engine engine) throws Exception {
        try (TestDatabase source = source(engine); TestDatabase app = engine.create("app")) {
            DataSource target = target(engine, app);
            update(target, "normal");

            assertThat(count(target, "SELECT COUNT(*) FROM product WHERE origin = 'legacy'")).isEqualTo(1_200);
            assertThat(count(target, "SELECT COUNT(*) FROM \"migration_ledger\".\"ms_migration\"")).isEqualTo(1);
            assertThat(count(target, "SELECT COUNT(*) FROM databasechangelog")).isEqualTo(2);

            update(target, "normal");
            assertThat(count(target, "SELECT COUNT(*) FROM product")).isEqualTo(1_200);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"H2", "POSTGRES"})
    void anEditedSpecFailsLiquibaseValidation(Engine engine) throws Exception {
        try (TestDatabase source = source(engine); TestDatabase app = engine.create("app")) {
            DataSource target = target(engine, app);
            update(target, "normal");
            ProductSpec.origin = "v2";

            assertThatThrownBy(() -> update(target, "normal")).hasMessageContaining("check sum")
                    .hasMessageContaining("load-products");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"H2", "POSTGRES"})
    void aFailedGateFailsTheChangeSet(Engine engine) throws Exception {
        try (TestDatabase source = source(engine); TestDatabase app = engine.create("app")) {
            DataSource target = target(engine, app);
            assertThatThrownBy(() -> update(target, "normal, stray")).hasStackTraceContaining("VerificationFailedException");

            assertThat(count(target, "SELECT COUNT(*) FROM databasechangelog WHERE id = 'load-products'"))
                    .isEqualTo(0);
            // PostgreSQL: joined, the change set's rows and ledger rolled back with Liquibase's transaction.
            // H2: committed chunk by chunk, they stay for the next try.
            assertThat(count(target, "SELECT COUNT(*) FROM product"))
                    .isEqualTo(engine == Engine.POSTGRES ? 1 : 1_201);
        }
    }
}
