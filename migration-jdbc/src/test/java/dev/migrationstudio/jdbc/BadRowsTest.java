package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bad rows are isolated and quarantined, or fail the run naming key and reason; never dropped. */
class BadRowsTest {

    /** Items whose names are too long for the target's VARCHAR(50) or whose price the spec cannot cast. */
    private static void seedBadRows(TestDatabase source) {
        source.execute("UPDATE item SET name = CONCAT(name, REPEAT('x', 60)) WHERE id IN (150, 1733)",
                "UPDATE item SET price = 12345.67 WHERE id = 777");
    }

    private static MappingSpec narrowPriceSpec() {
        return MappingSpec.builder("items-to-products")
                .table("item").to("product", t -> t
                        .key("id").to("product_id")
                        .field("name").to("title")
                        .field("price").cast("DECIMAL(6,2)")
                        .field("created").to("created_at")
                        .constant("origin", "legacy")
                        .drop("active", "every item is migrated"))
                .build();
    }

    private static JdbcMigrator.Configuration migrator(TestDatabase source, TestDatabase target) {
        return JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource()).spec(narrowPriceSpec())
                .chunkSize(500).batchSize(100).logProgress(false);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void quarantinesRowsTheMappingOrTheDatabaseRefusesAndLoadsTheRest(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 2_000);
            ItemFixture.createTarget(target);
            seedBadRows(source);

            MigrationResult result = migrator(source, target).onBadRow(BadRows.quarantine()).load().migrate();

            TableResult item = result.table("item").orElseThrow();
            assertThat(item.thisRun().read()).isEqualTo(2_000);
            assertThat(item.thisRun().quarantined()).isEqualTo(3);
            assertThat(item.thisRun().loaded()).isEqualTo(2_000 - item.thisRun().quarantined());
            assertThat(item.thisRun().isBalanced()).isTrue();
            assertThat(item.quarantined()).extracting(QuarantinedRow::key)
                    .contains("id=150", "id=777", "id=1733");
            QuarantinedRow tooLong = item.quarantined().stream().filter(r -> r.key().equals("id=150")).findFirst()
                    .orElseThrow();
            assertThat(tooLong.rule()).isEqualTo("database constraint");
            assertThat(tooLong.values()).containsKey("name");
            QuarantinedRow badCast = item.quarantined().stream().filter(r -> r.key().equals("id=777")).findFirst()
                    .orElseThrow();
            assertThat(badCast.column()).isEqualTo("price");
            assertThat(badCast.reason()).contains("cannot cast 12345.67 to DECIMAL(6,2): it has 5 integer digits");
            assertThat(target.queryValue("SELECT COUNT(*) FROM product")).isEqualTo(item.thisRun().loaded());
            assertThat(target.queryValue("SELECT COUNT(*) FROM ms_quarantine")).isEqualTo(item.thisRun().quarantined());
            assertThat(target.queryValue("SELECT COUNT(*) FROM product WHERE product_id IN (150, 777, 1733)")).isEqualTo(0L);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void failFastNamesTheKeyAndReasonAndKeepsEarlierChunks(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 1_000);
            ItemFixture.createTarget(target);
            source.execute("UPDATE item SET name = CONCAT(name, REPEAT('x', 60)) WHERE id = 733");

            assertThatThrownBy(() -> migrator(source, target).onBadRow(BadRows.failFast()).load().migrate())
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("bad row in item -> product, id=733")
                    .satisfies(e -> {
                        MigrationResult partial = ((MigrationFailedException) e).result();
                        assertThat(partial.table("item").orElseThrow().status()).isEqualTo(TableResult.Status.FAILED);
                        assertThat(partial.table("item").orElseThrow().thisRun().loaded()).isEqualTo(500);
                    });
            assertThat(target.queryValue("SELECT COUNT(*) FROM product")).isEqualTo(500L);

            source.execute("UPDATE item SET name = 'fixed' WHERE id = 733");
            MigrationResult resumed = migrator(source, target).onBadRow(BadRows.failFast()).load().migrate();

            assertThat(resumed.table("item").orElseThrow().chunksSkipped()).isEqualTo(1);
            assertThat(target.queryValue("SELECT COUNT(*) FROM product")).isEqualTo(1_000L);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void failsOnceTheQuarantineLimitIsExceeded(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 1_000);
            ItemFixture.createTarget(target);
            source.execute("UPDATE item SET price = 99999 WHERE MOD(id, 100) = 0");

            assertThatThrownBy(() -> migrator(source, target).onBadRow(BadRows.quarantine().upTo(5)).load().migrate())
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("rows quarantined in this run, more than the limit of 5");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aDeclaredKeyThatIsNotUniqueIsRefusedBeforeWriting(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            source.execute("CREATE TABLE tag (label VARCHAR(20), weight INTEGER)",
                    "INSERT INTO tag VALUES ('a', 1), ('b', 2), ('a', 3)");
            target.execute("CREATE TABLE tag (label VARCHAR(20) PRIMARY KEY, weight INTEGER)");
            MappingSpec spec = MappingSpec.builder("tags").table("tag", t -> t.key("label").field("weight")).build();

            assertThatThrownBy(() -> JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource())
                    .spec(spec).logProgress(false).load().migrate())
                    .hasMessageContaining("the declared key (label) is not unique in source table")
                    .hasMessageContaining("[a] appears 2 times");
            assertThat(target.queryValue("SELECT COUNT(*) FROM tag")).isEqualTo(0L);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void keylessTablesAreReloadedWholeOnceWithAWarning(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            source.execute("CREATE TABLE audit_log (message VARCHAR(100), level INTEGER)",
                    "INSERT INTO audit_log VALUES ('a', 1), ('a', 1), ('b', 2), ('too long for the target', 3)");
            target.execute("CREATE TABLE audit_log (message VARCHAR(10), level INTEGER)");
            MappingSpec spec = MappingSpec.builder("logs").table("audit_log", t -> t.field("message").field("level")
                    .withoutKey("append-only log")).build();
            JdbcMigrator.Configuration config = JdbcMigrator.configure().source(source.dataSource())
                    .target(target.dataSource()).spec(spec).onBadRow(BadRows.quarantine()).logProgress(false);

            MigrationResult first = config.load().migrate();
            MigrationResult second = JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource())
                    .spec(spec).onBadRow(BadRows.quarantine()).logProgress(false).load().migrate();

            TableResult log = first.table("audit_log").orElseThrow();
            assertThat(log.thisRun()).isEqualTo(new RowCounts(4, 3, java.util.Map.of(), 1));
            assertThat(log.warnings()).singleElement().asString().contains("no key: reloaded whole");
            assertThat(second.table("audit_log").orElseThrow().thisRun().read()).isZero();
            assertThat(target.queryValue("SELECT COUNT(*) FROM audit_log")).isEqualTo(3L);
            assertThat(List.of(target.query("SELECT COUNT(*) FROM audit_log WHERE message = 'a'").get(0)))
                    .containsExactly(2L);
        }
    }
}
