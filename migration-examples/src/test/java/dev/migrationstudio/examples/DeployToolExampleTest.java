package dev.migrationstudio.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.jdbc.NamedSources;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The README's deploy-tool examples run against real Flyway and Liquibase. */
class DeployToolExampleTest {

    @AfterEach
    void forgetSources() {
        NamedSources.unregister("legacy");
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"H2", "POSTGRES"})
    void flywayCreatesLoadsAndVerifiesTheShop(Engine engine) {
        try (TestDatabase legacy = engine.create("shop"); TestDatabase v2 = engine.create("shop-v2")) {
            MigrateExampleTest.createLegacyShop(legacy);

            DeployToolExample.flyway(legacy.dataSource(), v2.dataSource());

            assertThat(v2.queryValue("SELECT display_name FROM client WHERE client_id = 1")).isEqualTo("Ada Lovelace");
            assertThat(v2.queryValue("SELECT COUNT(*) FROM flyway_schema_history WHERE version IS NOT NULL AND success")).isEqualTo(2L);
            assertThat(v2.queryValue("SELECT COUNT(*) FROM migration_ledger.ms_migration")).isEqualTo(1L);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = "POSTGRES")
    void liquibaseCreatesLoadsAndVerifiesTheShop(Engine engine) throws Exception {
        try (TestDatabase legacy = engine.create("shop"); TestDatabase v2 = engine.create("shop-v2")) {
            MigrateExampleTest.createLegacyShop(legacy);

            DeployToolExample.liquibase(legacy.dataSource(), v2.dataSource());

            assertThat(v2.queryValue("SELECT COUNT(*) FROM invoice")).isEqualTo(2L);
            assertThat(v2.queryValue("SELECT COUNT(*) FROM databasechangelog")).isEqualTo(2L);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = "POSTGRES")
    void theCallerCommitsAJoinedMigration(Engine engine) throws Exception {
        try (TestDatabase legacy = engine.create("shop"); TestDatabase v2 = engine.create("shop-v2");
             Connection connection = v2.dataSource().getConnection()) {
            MigrateExampleTest.createShop(legacy, v2);

            DeployToolExample.inCallersTransaction(legacy.dataSource(), connection, QuickStartPlan.plan().mapping());

            assertThat(v2.queryValue("SELECT COUNT(*) FROM client")).isEqualTo(2L);
        }
    }

    @Test
    void theReadmeShowsTheDeployToolExamplesAsCompiled() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        String main = "src/main/java/dev/migrationstudio/examples/";
        String runs = Files.readString(Path.of(main + "DeployToolExample.java"));

        assertThat(readme)
                .contains(ReadmeSnippets.region(Files.readString(Path.of(main + "flyway/V2__Load_clients.java")), "flyway"))
                .contains(ReadmeSnippets.region(runs, "flyway-run"))
                .contains(ReadmeSnippets.region(Files.readString(Path.of(main + "liquibase/ShopSpec.java")),
                        "liquibase-spec"))
                .contains(ReadmeSnippets.region(runs, "liquibase-run"))
                .contains(ReadmeSnippets.region(runs, "join"))
                .contains(changeSet(Files.readString(Path.of(
                        "src/main/resources/dev/migrationstudio/examples/liquibase/changelog.xml"))));
    }

    /** The changelog's load change set, as the README shows it. */
    private static String changeSet(String changelog) {
        int start = changelog.indexOf("    <changeSet id=\"load-v2\"");
        return changelog.substring(start, changelog.indexOf("</changeSet>", start) + "</changeSet>".length());
    }
}
