package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.jdbc.ledger.LedgerTables;
import dev.migrationstudio.jdbc.ledger.MigrationLedger;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Catch-up by comparison: the target made equal to what the spec makes of a source that changed after the load. */
class CatchUpTest {

    private static JdbcMigrator.Configuration migrator(TestDatabase source, TestDatabase target, MappingSpec spec) {
        return JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource())
                .spec(spec).chunkSize(300).onBadRow(BadRows.quarantine()).logProgress(false);
    }

    /** Creates the item and product tables and loads {@code rows} items. */
    private static void loadItems(TestDatabase source, TestDatabase target, int rows) {
        ItemFixture.createSource(source, rows);
        ItemFixture.createTarget(target);
        migrator(source, target, ItemFixture.spec()).load().migrate();
    }

    /** Updates, a key update, deletes, inserts and rows crossing the filter both ways. */
    static void change(TestDatabase source) {
        source.execute("UPDATE item SET price = price + 1 WHERE MOD(id, 7) = 0",
                "UPDATE item SET id = 100000 WHERE id = 3",
                "DELETE FROM item WHERE MOD(id, 13) = 0",
                "UPDATE item SET active = NOT active WHERE MOD(id, 11) = 0",
                "INSERT INTO item VALUES (100001, ' new ', 2.50, TRUE, NULL), (100002, 'hidden', 1.00, FALSE, NULL)");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void writesExactlyTheDifferingRowsAndASecondRunNothing(Engine engine) {
        try (TestDatabase source = engine.create("cu-src"); TestDatabase target = engine.create("cu-tgt")) {
            loadItems(source, target, 2_000);
            change(source);

            CatchUpResult result = migrator(source, target, ItemFixture.spec()).load().catchUp();

            assertThat(ItemFixture.actual(target)).isEqualTo(ItemFixture.expected(source, ItemFixture.spec()));
            ChangeCounts counts = result.table("item -> product").orElseThrow().counts();
            assertThat(counts.isBalanced()).as(counts.describe()).isTrue();
            assertThat(counts.read()).isEqualTo((Long) source.queryValue("SELECT COUNT(*) FROM item"));
            assertThat(counts.filtered()).isEqualTo((Long) source.queryValue("SELECT COUNT(*) FROM item WHERE NOT active"));
            // 100001, 100000 (3 under its new key), and the inactive rows of multiples of 11 that became active.
            assertThat(counts.inserted()).isEqualTo(2 + (Long) source.queryValue(
                    "SELECT COUNT(*) FROM item WHERE MOD(id, 11) = 0 AND MOD(id, 10) = 0 AND id < 100000"));
            assertThat(counts.deleted()).isPositive();
            assertThat(counts.kept()).isZero();
            assertThat(result.table("item -> product").orElseThrow().chunksRepaired()).isPositive();

            CatchUpResult again = migrator(source, target, ItemFixture.spec()).load().catchUp();
            assertThat(again.total().changed()).as(again.summary()).isZero();
            assertThat(again.total().unchanged()).isEqualTo(counts.inserted() + counts.updated() + counts.unchanged());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void writesMadeDuringTheLoadAreCaughtUpExactly(Engine engine) {
        try (TestDatabase source = engine.create("cu-src"); TestDatabase target = engine.create("cu-tgt")) {
            ItemFixture.createSource(source, 3_000);
            ItemFixture.createTarget(target);
            // A writer changes the source while the load runs, after its second chunk: some of the rows it
            // touches were copied already, others are still to come.
            java.util.concurrent.atomic.AtomicInteger chunks = new java.util.concurrent.atomic.AtomicInteger();
            MigrationResult load = migrator(source, target, ItemFixture.spec()).progress(progress -> {
                if (chunks.incrementAndGet() == 2) {
                    change(source);
                }
            }).load().migrate();
            assertThat(chunks.get()).isGreaterThan(2);
            assertThat(load.isBalanced()).isTrue();

            CatchUpResult result = migrator(source, target, ItemFixture.spec()).load().catchUp();

            assertThat(ItemFixture.actual(target)).isEqualTo(ItemFixture.expected(source, ItemFixture.spec()));
            assertThat(result.isBalanced()).as(result.summary()).isTrue();
            assertThat(result.total().changed()).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void keepsTargetRowsThisMigrationNeverLoaded(Engine engine) {
        try (TestDatabase source = engine.create("cu-src"); TestDatabase target = engine.create("cu-tgt")) {
            loadItems(source, target, 500);
            target.execute("INSERT INTO product VALUES (9000, 'theirs', 1.00, NULL, 'other')");
            source.execute("DELETE FROM item WHERE id = 7");

            CatchUpResult result = migrator(source, target, ItemFixture.spec()).load().catchUp();

            CatchUpResult.Table item = result.table("item -> product").orElseThrow();
            assertThat(item.counts().deleted()).isEqualTo(1);
            assertThat(item.counts().kept()).isEqualTo(1);
            assertThat(item.warnings()).singleElement().asString().contains("product_id=9000");
            assertThat(target.queryValue("SELECT COUNT(*) FROM product WHERE product_id = 9000")).isEqualTo(1L);

            migrator(source, target, ItemFixture.spec()).deleteUnloaded(true).load().catchUp();
            assertThat(target.queryValue("SELECT COUNT(*) FROM product WHERE product_id = 9000")).isEqualTo(0L);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aDryRunLeavesTheTargetByteForByteUntouchedAndListsTheChanges(Engine engine) {
        try (TestDatabase source = engine.create("cu-src"); TestDatabase target = engine.create("cu-tgt")) {
            loadItems(source, target, 1_000);
            change(source);
            String before = target.dump();

            CatchUpResult planned = migrator(source, target, ItemFixture.spec()).dryRun(true).load().catchUp();

            assertThat(target.dump()).isEqualTo(before);
            assertThat(planned.dryRun()).isTrue();
            CatchUpResult.Table item = planned.table("item -> product").orElseThrow();
            String table = "[\"`][^\"`]+[\"`]\\.[\"`]product[\"`]";
            assertThat(item.statements()).anyMatch(s -> s.matches("delete from " + table + " where .*"))
                    .anyMatch(s -> s.matches("update " + table + " set .*"))
                    .anyMatch(s -> s.matches("insert into " + table + " .*"));
            assertThat(item.examples()).anyMatch(e -> e.startsWith("INSERT")).anyMatch(e -> e.startsWith("UPDATE"))
                    .anyMatch(e -> e.startsWith("DELETE"));
            CatchUpResult real = migrator(source, target, ItemFixture.spec()).load().catchUp();
            assertThat(real.total()).isEqualTo(planned.total());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aQuarantinedRowWhoseSourceWasRepairedIsLoadedAndLeavesTheQuarantine(Engine engine) {
        try (TestDatabase source = engine.create("cu-src"); TestDatabase target = engine.create("cu-tgt")) {
            ItemFixture.createSource(source, 100);
            ItemFixture.createTarget(target);
            // Longer than the target's 50 characters: the database refuses it and the load quarantines it.
            source.execute("UPDATE item SET name = '" + "x".repeat(60) + "' WHERE id = 42");
            MigrationResult loaded = migrator(source, target, ItemFixture.spec()).load().migrate();
            assertThat(loaded.total().quarantined()).isEqualTo(1);
            source.execute("UPDATE item SET name = 'repaired' WHERE id = 42");

            CatchUpResult result = migrator(source, target, ItemFixture.spec()).load().catchUp();

            assertThat(result.total().inserted()).isEqualTo(1);
            assertThat(result.total().quarantined()).isZero();
            assertThat(target.queryValue("SELECT title FROM product WHERE product_id = 42")).isEqualTo("repaired");
            MigrationLedger ledger = MigrationLedger.read(target.dataSource(), LedgerTables.defaults(),
                    "items-to-products").orElseThrow();
            assertThat(ledger.quarantined()).isEmpty();
            assertThat(ItemFixture.actual(target)).isEqualTo(ItemFixture.expected(source, ItemFixture.spec()));

            // The other way: a loaded row whose update the target refuses is quarantined and leaves the target.
            source.execute("UPDATE item SET name = '" + "y".repeat(60) + "' WHERE id = 43");
            CatchUpResult refused = migrator(source, target, ItemFixture.spec()).load().catchUp();
            assertThat(refused.total().quarantined()).isEqualTo(1);
            assertThat(refused.total().deleted()).isEqualTo(1);
            assertThat(refused.isBalanced()).isTrue();
            assertThat(target.queryValue("SELECT COUNT(*) FROM product WHERE product_id = 43")).isEqualTo(0L);
            assertThat(MigrationLedger.read(target.dataSource(), LedgerTables.defaults(), "items-to-products")
                    .orElseThrow().quarantined()).singleElement().satisfies(e -> assertThat(e.row().key())
                            .isEqualTo("id=43"));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aTableWithoutAKeyIsComparedAsAMultisetAndReloadedWholeWhenItDiffers(Engine engine) {
        try (TestDatabase source = engine.create("cu-src"); TestDatabase target = engine.create("cu-tgt")) {
            source.execute("CREATE TABLE event (kind VARCHAR(20), amount INTEGER)",
                    "INSERT INTO event VALUES ('a', 1), ('a', 1), ('b', 2)");
            target.execute("CREATE TABLE event (kind VARCHAR(20), amount INTEGER)");
            MappingSpec spec = MappingSpec.builder("events")
                    .table("event", t -> t.withoutKey("append-only log").field("kind").field("amount")).build();
            migrator(source, target, spec).load().migrate();

            CatchUpResult same = migrator(source, target, spec).load().catchUp();
            assertThat(same.total()).isEqualTo(new ChangeCounts(3, 0, 0, 3, 0, 0, 0, 0));

            // One of two identical rows goes: only a multiset comparison sees it.
            source.execute("DELETE FROM event WHERE kind = 'b'", "INSERT INTO event VALUES ('c', 3)");
            source.execute(engine != Engine.POSTGRES ? "DELETE FROM event WHERE kind = 'a' LIMIT 1"
                    : "DELETE FROM event WHERE ctid IN (SELECT ctid FROM event WHERE kind = 'a' LIMIT 1)");
            CatchUpResult reloaded = migrator(source, target, spec).load().catchUp();

            assertThat(reloaded.total()).isEqualTo(new ChangeCounts(2, 2, 0, 0, 0, 0, 3, 0));
            assertThat(target.query("SELECT kind, amount FROM event ORDER BY kind")).containsExactly(
                    new Object[] {"a", 1}, new Object[] {"c", 3});
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aCatchUpByWatermarkReadsOnlyTheRowsChangedSinceTheLastMark(Engine engine) {
        try (TestDatabase source = engine.create("cu-src"); TestDatabase target = engine.create("cu-tgt")) {
            loadItems(source, target, 500);
            source.execute("ALTER TABLE item ADD COLUMN updated_at TIMESTAMP",
                    "UPDATE item SET updated_at = TIMESTAMP '2024-06-01 00:00:00'",
                    // The highest value: the first catch-up's mark, read again by the next within its lag.
                    "UPDATE item SET updated_at = TIMESTAMP '2025-01-01 00:00:00' WHERE id = 499");
            JdbcMigrator.Configuration byWatermark = migrator(source, target, ItemFixture.spec())
                    .watermark("item", "updated_at", java.time.Duration.ofMinutes(1));
            CatchUpResult first = byWatermark.load().catchUp();
            assertThat(first.total().read()).as("the first catch-up compares everything").isEqualTo(500);
            assertThat(first.table("item -> product").orElseThrow().warnings())
                    .anyMatch(w -> w.contains("has no index that starts with it"));

            source.execute("UPDATE item SET price = 99, updated_at = TIMESTAMP '2025-01-02 00:00:00' WHERE id IN (5, 6)",
                    "INSERT INTO item VALUES (100001, 'new', 1.00, TRUE, NULL, TIMESTAMP '2025-01-02 00:00:00')",
                    // Not maintained by this write: a catch-up by watermark cannot see it.
                    "UPDATE item SET price = 77 WHERE id = 7");
            CatchUpResult since = migrator(source, target, ItemFixture.spec())
                    .watermark("item", "updated_at", java.time.Duration.ofMinutes(1)).load().catchUp();

            assertThat(since.total().read()).as(since.summary()).isEqualTo(4);
            assertThat(since.total().updated()).isEqualTo(2);
            assertThat(since.total().inserted()).isEqualTo(1);
            assertThat(since.total().unchanged()).as("row 499, at the mark, read again within the lag").isEqualTo(1);
            assertThat(since.isBalanced()).isTrue();
            assertThat(((Number) target.queryValue("SELECT price FROM product WHERE product_id = 7")).intValue())
                    .isNotEqualTo(77);
            CatchUpResult compared = migrator(source, target, ItemFixture.spec()).load().catchUp();
            assertThat(compared.total().updated()).as("a comparison sees what the watermark missed").isEqualTo(1);
            assertThat(ItemFixture.actual(target)).isEqualTo(ItemFixture.expected(source, ItemFixture.spec()));
        }
    }
}
