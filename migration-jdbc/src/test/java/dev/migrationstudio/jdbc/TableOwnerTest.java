package dev.migrationstudio.jdbc;

import static dev.migrationstudio.mapping.Transforms.trim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The run lock is per migration name; a target table is owned by the first migration that writes it,
 * so a second migration with another name is refused before it writes anything.
 */
class TableOwnerTest {

    /** Another migration writing the same target table, loading every item (not only active ones). */
    private static final MappingSpec SECOND = MappingSpec.builder("all-items-to-products")
            .table("item").to("product", t -> t
                    .key("id").to("product_id")
                    .field("name").to("title").transform(trim())
                    .field("price").cast("DECIMAL(12,2)")
                    .field("created").to("created_at")
                    .constant("origin", "second"))
            .build();

    private static JdbcMigrator.Configuration migrator(TestDatabase source, TestDatabase target, MappingSpec spec) {
        return JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource())
                .spec(spec).chunkSize(500).logProgress(false);
    }

    private static void assertSecondRefused(TestDatabase source, TestDatabase target) {
        assertThatThrownBy(() -> migrator(source, target, SECOND).load().migrate())
                .isInstanceOf(MigrationException.class)
                // MariaDB names a table by its database, as PostgreSQL and H2 by their schema.
                .hasMessageContaining("target table " + (target.engine() == Engine.MARIADB ? target.name() : "public")
                        + ".product is written by migration 'items-to-products' (claimed ")
                .hasMessageContaining("a second migration may not write it");
        assertThat(target.queryValue("SELECT COUNT(*) FROM product")).isEqualTo(900L);
        assertThat(target.queryValue("SELECT COUNT(*) FROM product WHERE origin = 'second'")).isEqualTo(0L);
        assertThat(target.queryValue("SELECT COUNT(*) FROM ms_chunk WHERE migration = 'all-items-to-products'"))
                .isEqualTo(0L);
        assertThat(target.queryValue("SELECT COUNT(*) FROM ms_migration WHERE migration = 'all-items-to-products'"))
                .isEqualTo(0L);
        assertThat(target.queryValue("SELECT COUNT(*) FROM ms_table_owner WHERE migration = 'all-items-to-products'"))
                .isEqualTo(0L);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aSecondMigrationWritingAnOwnedTableIsRefusedUntilTheOwnerIsReset(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 1_000);
            ItemFixture.createTarget(target);
            assertThat(migrator(source, target, ItemFixture.spec()).load().migrate().isComplete()).isTrue();

            assertSecondRefused(source, target);

            assertThat(migrator(source, target, ItemFixture.spec()).load().migrate().isComplete()).isTrue();
            assertThat(target.queryValue("SELECT COUNT(*) FROM product")).isEqualTo(900L);

            migrator(source, target, ItemFixture.spec()).load().reset();
            assertThat(migrator(source, target, SECOND).load().migrate().isComplete()).isTrue();
            assertThat(target.queryValue("SELECT COUNT(*) FROM product WHERE origin = 'second'")).isEqualTo(1_000L);
            assertThat(target.queryValue("SELECT migration FROM ms_table_owner")).isEqualTo("all-items-to-products");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aLedgerWithoutOwnersGainsThemOnTheNextRun(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 1_000);
            ItemFixture.createTarget(target);
            migrator(source, target, ItemFixture.spec()).load().migrate();
            // As a ledger written before target tables had owners.
            target.execute("DROP TABLE ms_table_owner");

            assertThat(migrator(source, target, ItemFixture.spec()).load().migrate().isComplete()).isTrue();

            assertThat(target.queryValue("SELECT migration FROM ms_table_owner")).isEqualTo("items-to-products");
            assertSecondRefused(source, target);
        }
    }
}
