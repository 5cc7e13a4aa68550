package dev.migrationstudio.examples;

import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.jdbc.NamedSources;
import dev.migrationstudio.jdbc.TargetTransaction;
import dev.migrationstudio.mapping.MappingSpec;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.Liquibase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.flywaydb.core.Flyway;

/** Running a spec inside the deploy tools teams already have, as shown in the README. */
public final class DeployToolExample {

    private DeployToolExample() {
    }

    /** Flyway: V1 creates the v2 tables, V2 ({@code V2__Load_clients}) loads and verifies them. */
    public static void flyway(DataSource legacy, DataSource v2) {
        // snippet:start flyway-run
        NamedSources.register("legacy", legacy);
        Flyway.configure().dataSource(v2)
            .locations("classpath:dev/migrationstudio/examples/flyway")
            .load().migrate();                     // the ledger lands in the schema migration_ledger
        // snippet:end flyway-run
    }

    /** Liquibase: the changelog creates the v2 tables, then its custom change loads and verifies them. */
    public static void liquibase(DataSource legacy, DataSource v2) throws SQLException, LiquibaseException {
        // snippet:start liquibase-run
        NamedSources.register("legacy", legacy);
        try (Connection connection = v2.getConnection()) {
            new Liquibase("dev/migrationstudio/examples/liquibase/changelog.xml", new ClassLoaderResourceAccessor(),
                new JdbcConnection(connection)).update(new Contexts());
        }
        // snippet:end liquibase-run
    }

    /** The migrator inside a transaction the caller opened (PostgreSQL), committed or rolled back by the caller. */
    public static MigrationResult inCallersTransaction(DataSource legacy, Connection v2, MappingSpec spec)
            throws SQLException {
        // snippet:start join
        v2.setAutoCommit(false);
        MigrationResult result = JdbcMigrator.configure()
            .source(legacy)
            .target(v2, TargetTransaction.JOIN)    // chunks end at savepoints; nothing is committed
            .spec(spec).ledgerSchema("migration_ledger")
            .load().migrate();
        v2.commit();                               // rows and ledger together; rollback() forgets both
        // snippet:end join
        return result;
    }
}
