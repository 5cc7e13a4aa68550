package dev.migrationstudio.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.jdbc.TableResult;
import dev.migrationstudio.verify.VerificationReport;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The README's migration example runs the README's plan on every engine. */
class MigrateExampleTest {

    /** The quick-start shop: two customers and three invoices in legacy, empty tables in v2. */
    static void createShop(TestDatabase legacy, TestDatabase v2) {
        createLegacyShop(legacy);
        v2.execute("CREATE TABLE client (client_id INTEGER PRIMARY KEY, given_name VARCHAR(40) NOT NULL,"
                        + " family_name VARCHAR(20) NOT NULL, email VARCHAR(60) NOT NULL,"
                        + " display_name VARCHAR(61) NOT NULL, status VARCHAR(10) NOT NULL)",
                "CREATE TABLE invoice (invoice_id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL"
                        + " REFERENCES client, total NUMERIC(12,2) NOT NULL)");
    }

    /** The legacy half of the shop. */
    static void createLegacyShop(TestDatabase legacy) {
        legacy.execute("CREATE TABLE customer (customer_id INTEGER PRIMARY KEY, first_name VARCHAR(40) NOT NULL,"
                        + " last_name VARCHAR(20) NOT NULL, email VARCHAR(60) NOT NULL, fax VARCHAR(24))",
                "CREATE TABLE invoice (invoice_id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL"
                        + " REFERENCES customer, total NUMERIC(10,2) NOT NULL)",
                "INSERT INTO customer VALUES (1, ' Ada ', 'Lovelace', 'ADA@EXAMPLE.COM', NULL),"
                        + " (2, 'Alan', 'Turing', 'alan@example.com', '+44 1')",
                "INSERT INTO invoice VALUES (10, 1, 12.50), (11, 2, 0.00), (12, 2, 3.99)");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void migratesTheQuickStartShop(Engine engine) {
        try (TestDatabase legacy = engine.create("shop"); TestDatabase v2 = engine.create("shop-v2")) {
            createShop(legacy, v2);

            MigrationResult result = MigrateExample.migrate(legacy.dataSource(), v2.dataSource(),
                    QuickStartPlan.plan().mapping());

            assertThat(result.tables()).extracting(TableResult::mapping)
                    .containsExactly("customer -> client", "invoice -> invoice");
            assertThat(result.table("invoice").orElseThrow().thisRun().filteredByRule())
                    .containsEntry("no zero invoices", 1L);
            assertThat(v2.queryValue("SELECT display_name FROM client WHERE client_id = 1")).isEqualTo("Ada Lovelace");
            assertThat(v2.queryValue("SELECT email FROM client WHERE client_id = 1")).isEqualTo("ada@example.com");
            assertThat(MigrateExample.ledgerSummary(v2.dataSource(), QuickStartPlan.plan().mapping()))
                    .containsExactly("customer -> client: 1 chunk, " + result.table("customer").orElseThrow()
                                    .total().describe(),
                            "invoice -> invoice: 1 chunk, " + result.table("invoice").orElseThrow().total().describe());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void keepsTheLedgerInASchemaOfItsOwn(Engine engine) {
        try (TestDatabase legacy = engine.create("shop"); TestDatabase v2 = engine.create("shop-v2")) {
            createShop(legacy, v2);
            try {
                VerificationReport report = MigrateExample.migrateWithOwnLedgerSchema(legacy.dataSource(),
                        v2.dataSource(), QuickStartPlan.plan().mapping());

                assertThat(report.passed()).as(report.summary()).isTrue();
                assertThat(v2.queryValue("SELECT COUNT(*) FROM migration_ledger.ms_chunk")).hasToString("2");
                assertThat(v2.queryValue("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'ms_chunk'"
                        + " AND table_schema <> 'migration_ledger'")).hasToString("0");
            } finally {
                if (engine == Engine.MARIADB) {
                    v2.execute("DROP DATABASE IF EXISTS migration_ledger");   // a schema is a database there
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void migratesTheShopWithSeveralWritersPerTable(Engine engine) {
        try (TestDatabase legacy = engine.create("shop"); TestDatabase v2 = engine.create("shop-v2")) {
            createShop(legacy, v2);

            MigrationResult result = MigrateExample.severalWritersPerTable(legacy.dataSource(), v2.dataSource(),
                    QuickStartPlan.plan().mapping());

            assertThat(result.isComplete()).isTrue();
            assertThat(result.isBalanced()).isTrue();
            assertThat(v2.queryValue("SELECT COUNT(*) FROM invoice")).hasToString("2");
            assertThat(v2.queryValue("SELECT display_name FROM client WHERE client_id = 1")).isEqualTo("Ada Lovelace");
        }
    }

    @org.junit.jupiter.api.Test
    void theReadmeShowsTheMigrationExampleAsCompiled() throws IOException {
        String source = Files.readString(Path.of("src/main/java/dev/migrationstudio/examples/MigrateExample.java"));

        assertThat(Files.readString(Path.of("../README.md"))).contains(ReadmeSnippets.region(source, "migrate"))
                .contains(ReadmeSnippets.region(source, "ledger"))
                .contains(ReadmeSnippets.region(source, "reapply"))
                .contains(ReadmeSnippets.region(source, "ledger-schema"))
                .contains(ReadmeSnippets.region(source, "passthrough"))
                .contains(ReadmeSnippets.region(source, "writers"));
    }
}
