package dev.migrationstudio.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.jdbc.JdbcInventory;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.mapping.MappingSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Names as users write them, on an H2 left at its defaults (no {@code DATABASE_TO_LOWER}): unquoted
 * names are stored in upper case, and a spec saying {@code legacy.customer} must still find
 * {@code LEGACY.CUSTOMER}, schema included.
 */
class DefaultH2NamesTest {

    private JdbcDataSource database;
    private Connection keeper;

    @BeforeEach
    void createSchemas() throws SQLException {
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:default-names-" + System.nanoTime());
        keeper = database.getConnection();
        try (Statement statement = keeper.createStatement()) {
            statement.execute("CREATE SCHEMA legacy");
            statement.execute("CREATE TABLE legacy.customer (customer_id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)");
            statement.execute("INSERT INTO legacy.customer VALUES (1, 'Ann'), (2, 'Bob')");
            statement.execute("CREATE SCHEMA v2");
            statement.execute("CREATE TABLE v2.client (client_id INT PRIMARY KEY, full_name VARCHAR(40) NOT NULL)");
        }
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        keeper.close();
    }

    private static MappingSpec spec(TableId source, TableId target) {
        return MappingSpec.builder("default-h2").table(source).to(target, t -> t
                .key("customer_id").to("client_id")
                .field("name").to("full_name")).build();
    }

    @Test
    void migratesAndVerifiesTablesNamedInLowerCaseInUpperCaseSchemas() {
        MappingSpec spec = spec(TableId.of("legacy", "customer"), TableId.of("v2", "client"));

        MigrationResult result = JdbcMigrator.configure().source(database).target(database).spec(spec)
                .logProgress(false).load().migrate();
        VerificationReport report = Verifier.between(database, database).spec(spec).rowCounts().checksums().verify();

        assertThat(result.total().loaded()).isEqualTo(2);
        assertThat(report.passed()).as(report.summary()).isTrue();
    }

    @Test
    void scansASchemaNamedInAnotherCase() {
        Inventory inventory = JdbcInventory.configure().schemas("legacy").scan(database);

        assertThat(inventory.tables()).extracting(t -> t.id().toString()).containsExactly("LEGACY.CUSTOMER");
        assertThatThrownBy(() -> JdbcInventory.configure().schemas("legasy").scan(database))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema(s) [legasy (did you mean LEGACY?)] not found");
    }

    @Test
    void aMissingTableNamesTheTablesItsNameIsClose() {
        MappingSpec misspelt = spec(TableId.of("legacy", "custmer"), TableId.of("v2", "client"));
        MappingSpec wrongSchema = spec(TableId.of("legacy", "customer"), TableId.of("v3", "client"));

        assertThatThrownBy(() -> JdbcMigrator.configure().source(database).target(database).spec(misspelt)
                .logProgress(false).load().migrate())
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("source table legacy.custmer does not exist; did you mean LEGACY.CUSTOMER?");
        assertThatThrownBy(() -> JdbcMigrator.configure().source(database).target(database).spec(wrongSchema)
                .logProgress(false).load().migrate())
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("target table v3.client does not exist; did you mean V2.CLIENT?");
        assertThat(Verifier.between(database, database).spec(misspelt).rowCounts().verify().summary())
                .contains("source table legacy.custmer does not exist in the source database; did you mean LEGACY.CUSTOMER?");
    }
}
