package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A renamed spec takes over its old name's ledger with {@code renamedFrom}: the data stays, nothing is copied twice. */
class RenamedSpecTest {
    private static final String OLD = "items-to-products";
    private static final String NEW = "catalogue-products";

    private static MappingSpec renamed() {
        return ItemFixture.spec(NEW, "legacy", "DECIMAL(12,2)", true);
    }

    private static JdbcMigrator.Configuration migrator(TestDatabase source, TestDatabase target, MappingSpec spec) {
        return JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource()).spec(spec)
                .chunkSize(100).batchSize(50).logProgress(false);
    }

    private static long count(TestDatabase db, String sql) {
        return ((Number) db.queryValue(sql)).longValue();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRenamedSpecRefusedForTheOldNamesTablesResumesWithRenamedFrom(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 450);
            ItemFixture.createTarget(target);
            migrator(source, target, ItemFixture.spec()).load().migrate();
            String before = recorded(target);

            assertThatThrownBy(() -> migrator(source, target, renamed()).load().migrate())
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("is written by migration '" + OLD + "'")
                    .hasMessageContaining("renamedFrom(\"" + OLD + "\")");
            assertThat(recorded(target)).isEqualTo(before);

            MigrationResult result = migrator(source, target, renamed()).renamedFrom(OLD).load().migrate();

            TableResult item = result.table("item").orElseThrow();
            assertThat(item.thisRun().read()).as("nothing copied again").isZero();
            assertThat(item.total().read()).isEqualTo(450);
            assertThat(item.total().loaded()).isEqualTo(405);
            assertThat(item.total().isBalanced()).as(item.total().toString()).isTrue();
            assertThat(result.fingerprint()).isEqualTo(renamed().fingerprint());
            assertThat(ItemFixture.actual(target)).isEqualTo(ItemFixture.expected(source, renamed()));
            for (String table : new String[] {"ms_migration", "ms_chunk", "ms_table_owner"}) {
                assertThat(count(target, "SELECT COUNT(*) FROM " + table + " WHERE migration = '" + OLD + "'"))
                        .as(table).isZero();
            }
            assertThat(count(target, "SELECT COUNT(*) FROM ms_chunk WHERE migration = '" + NEW + "'")).isEqualTo(5);
            assertThat(target.queryValue("SELECT fingerprint FROM ms_migration")).isEqualTo(renamed().fingerprint());

            // The option may stay: once the ledger moved, it does nothing more, and the load goes on.
            source.execute("INSERT INTO item VALUES (451, 'late', 1.00, TRUE, NULL)");
            MigrationResult next = migrator(source, target, renamed()).renamedFrom(OLD).load().migrate();
            assertThat(next.table("item").orElseThrow().thisRun().loaded()).isEqualTo(1);
            assertThat(ItemFixture.actual(target)).isEqualTo(ItemFixture.expected(source, renamed()));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRenamedAndEditedSpecIsRefusedForItsEditsAndReappliedOnRequest(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 450);
            ItemFixture.createTarget(target);
            migrator(source, target, ItemFixture.spec()).load().migrate();
            MappingSpec edited = ItemFixture.spec(NEW, "legacy", "DECIMAL(12,2)", false);

            assertThatThrownBy(() -> migrator(source, target, edited).renamedFrom(OLD).load().migrate())
                    .hasMessageContaining("the spec '" + NEW + "' changed since it last ran")
                    .hasMessageContaining("removed filter 'active only'")
                    .hasMessageNotContaining(OLD)
                    .hasMessageContaining("reapplyChangedSpec(true)");

            MigrationResult result = migrator(source, target, edited).renamedFrom(OLD).reapplyChangedSpec(true)
                    .load().migrate();

            assertThat(ItemFixture.actual(target)).isEqualTo(ItemFixture.expected(source, edited));
            assertThat(count(target, "SELECT SUM(rows_inserted) FROM ms_catchup WHERE migration = '" + NEW + "'"))
                    .isEqualTo(45);
            assertThat(count(target, "SELECT SUM(rows_unchanged) FROM ms_catchup")).isEqualTo(405);
            assertThat(result.fingerprint()).isEqualTo(edited.fingerprint());
            assertThat(result.table("item").orElseThrow().thisRun().read()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anOldNameWithoutALedgerIsRefusedWithTheNamesCloseToIt(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 150);
            ItemFixture.createTarget(target);
            migrator(source, target, ItemFixture.spec()).load().migrate();
            String before = recorded(target);

            assertThatThrownBy(() -> migrator(source, target, renamed()).renamedFrom("items-to-product").load().migrate())
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("cannot move the ledger of migration 'items-to-product' to '" + NEW + "'")
                    .hasMessageContaining("no migration 'items-to-product' is recorded")
                    .hasMessageContaining("did you mean " + OLD + "?");
            assertThat(recorded(target)).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aNewNameWithALedgerOfItsOwnIsRefused(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 150);
            ItemFixture.createTarget(target);
            target.execute("CREATE TABLE product_copy (product_id INTEGER PRIMARY KEY, title VARCHAR(50) NOT NULL,"
                    + " price NUMERIC(12,2), created_at TIMESTAMP, origin VARCHAR(10) NOT NULL)");
            migrator(source, target, ItemFixture.spec()).load().migrate();
            MappingSpec copies = MappingSpec.builder(NEW).table("item").to("product_copy", t -> t
                    .key("id").to("product_id").field("name").to("title").field("price").field("created")
                    .to("created_at").constant("origin", "copy").drop("active", "not kept")).build();
            migrator(source, target, copies).load().migrate();
            String before = recorded(target);

            assertThatThrownBy(() -> migrator(source, target, renamed()).renamedFrom(OLD).load().migrate())
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("migration '" + NEW + "' has a ledger of its own in this target too");
            assertThat(recorded(target)).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRunOfTheOldNameInProgressRefusesTheMove(Engine engine) throws Exception {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 1_000);
            ItemFixture.createTarget(target);
            CountDownLatch oldIsRunning = new CountDownLatch(1);
            CountDownLatch moveWasRefused = new CountDownLatch(1);
            CompletableFuture<MigrationResult> old = CompletableFuture.supplyAsync(() ->
                    migrator(source, target, ItemFixture.spec()).progress(p -> {
                        oldIsRunning.countDown();
                        RunLockTest.await(moveWasRefused);
                    }).load().migrate());
            assertThat(oldIsRunning.await(60, TimeUnit.SECONDS)).isTrue();
            try {
                assertThatThrownBy(() -> migrator(source, target, renamed()).renamedFrom(OLD).load().migrate())
                        .isInstanceOf(MigrationException.class)
                        .hasMessageContaining("cannot move the ledger of migration '" + OLD + "' to '" + NEW
                                + "' while a run of it may be writing")
                        .hasMessageContaining("migration '" + OLD + "' is already running against this target");
            } finally {
                moveWasRefused.countDown();
            }
            assertThat(old.get(60, TimeUnit.SECONDS).isComplete()).isTrue();
            assertThat(count(target, "SELECT COUNT(*) FROM ms_chunk WHERE migration = '" + NEW + "'")).isZero();

            MigrationResult moved = migrator(source, target, renamed()).renamedFrom(OLD).load().migrate();
            assertThat(moved.table("item").orElseThrow().thisRun().read()).isZero();
            assertThat(moved.table("item").orElseThrow().total().loaded()).isEqualTo(900);
        }
    }

    @Test
    void theFormerNameMustDifferFromTheSpecsAndNeedsALedger() {
        assertThatThrownBy(() -> JdbcMigrator.configure().source("jdbc:h2:mem:a", "sa", "").target("jdbc:h2:mem:b", "sa", "")
                .spec(renamed()).renamedFrom(NEW).load())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("names the spec's own name");
        assertThatThrownBy(() -> JdbcMigrator.configure().source("jdbc:h2:mem:a", "sa", "").target("jdbc:h2:mem:b", "sa", "")
                .spec(renamed()).renamedFrom(OLD).resumable(false).load())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("resumable(false) keeps none");
        assertThatThrownBy(() -> JdbcMigrator.configure().renamedFrom(" "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The target's rows and what the ledger records by name (lease rows left out: a refused run takes its own). */
    private static String recorded(TestDatabase db) {
        StringBuilder text = new StringBuilder();
        for (String sql : new String[] {"SELECT product_id, title, origin FROM product ORDER BY product_id",
                "SELECT migration, fingerprint FROM ms_migration ORDER BY migration",
                "SELECT migration, mapping, chunk_no, rows_read, rows_loaded FROM ms_chunk ORDER BY migration, chunk_no",
                "SELECT target_table, migration FROM ms_table_owner ORDER BY target_table"}) {
            db.query(sql).forEach(row -> text.append(java.util.Arrays.toString(row)).append('\n'));
        }
        return text.toString();
    }
}
