package dev.migrationstudio.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.jdbc.NamedSources;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.FixtureSql;
import dev.migrationstudio.testing.TestDatabase;
import dev.migrationstudio.verify.VerificationFailedException;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Flyway base class against real Flyway: dry run, migrate and gate inside {@code flyway migrate}. */
class SpecMigrationTest {

    static MappingSpec spec(String origin) {
        return MappingSpec.builder("items-to-products")
                .table("item").to("product", t -> t
                        .key("id").to("product_id")
                        .field("name").to("title")
                        .constant("origin", origin))
                .build();
    }

    /** Creates the target table (and, when asked, a row the source does not have). */
    static final class V1__Create_product extends BaseJavaMigration {
        private final boolean strayRow;

        V1__Create_product(boolean strayRow) {
            this.strayRow = strayRow;
        }

        @Override
        public void migrate(Context context) throws Exception {
            try (Statement statement = context.getConnection().createStatement()) {
                statement.execute("CREATE TABLE product (product_id INTEGER PRIMARY KEY, title VARCHAR(50) NOT NULL,"
                        + " origin VARCHAR(10) NOT NULL)");
                if (strayRow) {
                    statement.execute("INSERT INTO product VALUES (999999, 'not from the source', 'manual')");
                }
            }
        }
    }

    static class V2__Load_products extends SpecMigration {
        private final String origin;

        V2__Load_products(String origin) {
            this.origin = origin;
        }

        @Override
        protected MappingSpec spec() {
            return SpecMigrationTest.spec(origin);
        }

        @Override
        protected String source() {
            return "legacy";
        }
    }

    /** The same migration inside Flyway's transaction. */
    static final class V2__Load_products_joined extends V2__Load_products {
        V2__Load_products_joined() {
            super("legacy");
        }

        @Override
        public boolean canExecuteInTransaction() {
            return true;
        }
    }

    private static TestDatabase source(Engine engine) {
        TestDatabase source = engine.create("legacy");
        source.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL)",
                "INSERT INTO item SELECT x, CONCAT('item ', x) FROM " + FixtureSql.series(engine, 1_200));
        NamedSources.register("legacy", source.dataSource());
        return source;
    }

    private static Flyway flyway(TestDatabase target, JavaMigration... migrations) {
        return Flyway.configure().dataSource(target.dataSource()).locations("classpath:none")
                .javaMigrations(migrations).load();
    }

    @AfterEach
    void forgetSources() {
        NamedSources.unregister("legacy");
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"H2", "POSTGRES"})
    void loadsAndVerifiesInsideFlywayWithTheLedgerInItsOwnSchema(Engine engine) {
        try (TestDatabase source = source(engine); TestDatabase target = engine.create("app")) {
            var result = flyway(target, new V1__Create_product(false), new V2__Load_products("legacy")).migrate();

            assertThat(result.migrationsExecuted).isEqualTo(2);
            assertThat(target.queryValue("SELECT COUNT(*) FROM product WHERE origin = 'legacy'")).isEqualTo(1_200L);
            assertThat(target.queryValue("SELECT COUNT(*) FROM migration_ledger.ms_migration")).isEqualTo(1L);
            assertThat(target.queryValue("SELECT COUNT(*) FROM migration_ledger.ms_chunk")).isNotEqualTo(0L);
            assertThat(target.queryValue("SELECT checksum FROM flyway_schema_history WHERE version = '2'"))
                    .isEqualTo((int) Long.parseLong(spec("legacy").fingerprint().substring(0, 8), 16));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"H2", "POSTGRES"})
    void anEditedSpecFailsFlywayValidation(Engine engine) {
        try (TestDatabase source = source(engine); TestDatabase target = engine.create("app")) {
            flyway(target, new V1__Create_product(false), new V2__Load_products("legacy")).migrate();

            var validation = flyway(target, new V1__Create_product(false), new V2__Load_products("v2")).validateWithResult();

            assertThat(validation.validationSuccessful).isFalse();
            assertThat(validation.getAllErrorMessages()).contains("checksum");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"H2", "POSTGRES"})
    void aFailedGateFailsTheFlywayMigrationAndKeepsCommittedChunksForTheNextTry(Engine engine) {
        try (TestDatabase source = source(engine); TestDatabase target = engine.create("app")) {
            Flyway flyway = flyway(target, new V1__Create_product(true), new V2__Load_products("legacy"));

            assertThatThrownBy(flyway::migrate).hasRootCauseInstanceOf(VerificationFailedException.class)
                    .rootCause().hasMessageContaining("product");
            assertThat(target.queryValue("SELECT COUNT(*) FROM product")).isEqualTo(1_201L);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = "POSTGRES")
    void joinedInFlywaysTransactionAFailedGateRollsRowsAndLedgerBack(Engine engine) {
        try (TestDatabase source = source(engine); TestDatabase target = engine.create("app")) {
            Flyway flyway = flyway(target, new V1__Create_product(true), new V2__Load_products_joined());

            assertThatThrownBy(flyway::migrate).hasRootCauseInstanceOf(VerificationFailedException.class);

            assertThat(target.queryValue("SELECT COUNT(*) FROM product")).isEqualTo(1L);
            assertThat(target.queryValue("SELECT COUNT(*) FROM information_schema.schemata "
                    + "WHERE schema_name = 'migration_ledger'")).isEqualTo(0L);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = "H2")
    void refusesFlywaysTransactionWhereDdlCommitsIt(Engine engine) {
        try (TestDatabase source = source(engine); TestDatabase target = engine.create("app")) {
            Flyway flyway = flyway(target, new V1__Create_product(false), new V2__Load_products_joined());

            assertThatThrownBy(flyway::migrate).hasStackTraceContaining("canExecuteInTransaction()");
            assertThat(target.queryValue("SELECT COUNT(*) FROM product")).isEqualTo(0L);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = "H2")
    void findsAnUnregisteredSourceThroughFlywayPlaceholders(Engine engine) {
        try (TestDatabase source = source(engine); TestDatabase target = engine.create("app")) {
            NamedSources.unregister("legacy");
            Flyway flyway = Flyway.configure().dataSource(target.dataSource()).locations("classpath:none")
                    .placeholders(Map.of("legacy.url", source.jdbcUrl(), "legacy.user", source.user(),
                            "legacy.password", source.password()))
                    .javaMigrations(new V1__Create_product(false), new V2__Load_products("legacy")).load();

            flyway.migrate();

            assertThat(target.queryValue("SELECT COUNT(*) FROM product")).isEqualTo(1_200L);
        }
    }
}
