package dev.migrationstudio.jdbc.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.jdbc.BadRows;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.jdbc.RowCounts;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The read-only view of a migration's ledger shows what the migrator recorded. */
class MigrationLedgerTest {

    /** Ten members, every third inactive (filtered); member 5's name is too long for the target. */
    private static final MappingSpec CLUB = MappingSpec.builder("club")
            .table("member", t -> t.key("id").field("name")
                    .filter("active members", List.of("active"), row -> Boolean.TRUE.equals(row.get("active")))
                    .drop("active", "only active members move"))
            .table("tag", t -> t.withoutKey("tags repeat").field("item").field("label"))
            .build();

    private static void club(TestDatabase source, TestDatabase target) {
        source.execute("CREATE TABLE member (id INT PRIMARY KEY, name VARCHAR(50), active BOOLEAN)",
                "INSERT INTO member VALUES (1, 'Ada', TRUE), (2, 'Grace', TRUE), (3, 'Kay', FALSE), (4, 'Linus', TRUE),"
                        + " (5, 'Bartholomew', TRUE), (6, 'Edsger', FALSE), (7, 'Barbara', TRUE), (8, 'Ken', TRUE),"
                        + " (9, 'Dennis', FALSE), (10, 'Frances', TRUE)",
                "CREATE TABLE tag (item INT, label VARCHAR(20))",
                "INSERT INTO tag VALUES (1, 'red'), (1, 'red'), (2, 'blue')");
        target.execute("CREATE TABLE member (id INT PRIMARY KEY, name VARCHAR(8))",
                "CREATE TABLE tag (item INT, label VARCHAR(20))");
    }

    private static MigrationResult migrate(TestDatabase source, TestDatabase target) {
        return JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource()).spec(CLUB)
                .chunkSize(4).onBadRow(BadRows.quarantine()).logProgress(false).load().migrate();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void showsTheFingerprintTheChunksOfEachMappingAndTheQuarantinedRows(Engine engine) {
        try (TestDatabase source = engine.create("view-src"); TestDatabase target = engine.create("view-tgt")) {
            club(source, target);
            MigrationResult result = migrate(source, target);

            MigrationLedger ledger = MigrationLedger.read(target.dataSource(), "club").orElseThrow();

            assertThat(ledger.migration()).isEqualTo("club");
            assertThat(ledger.fingerprint()).isEqualTo(CLUB.fingerprint());
            assertThat(ledger.mappings()).extracting(MappingProgress::mapping)
                    .containsExactly("member -> member", "tag -> tag");
            MappingProgress member = ledger.mapping("member -> member").orElseThrow();
            assertThat(member.chunks()).extracting(LedgerChunk::number).containsExactly(1L, 2L, 3L);
            assertThat(member.chunks()).extracting(LedgerChunk::lastKey)
                    .containsExactly(Optional.of(List.of(4)), Optional.of(List.of(8)), Optional.of(List.of(10)));
            assertThat(member.chunks().get(1).counts())
                    .isEqualTo(new RowCounts(4, 2, Map.of("active members", 1L), 1));
            assertThat(member.total()).isEqualTo(result.table("member").orElseThrow().total())
                    .isEqualTo(new RowCounts(10, 6, Map.of("active members", 3L), 1));
            assertThat(member.lastKey()).contains(List.of(10));
            assertThat(member.complete()).as("a keyed table is never complete: a re-run reads on").isFalse();
            MappingProgress tag = ledger.mapping("tag -> tag").orElseThrow();
            assertThat(tag.complete()).isTrue();
            assertThat(tag.chunks()).singleElement().satisfies(chunk -> {
                assertThat(chunk.lastKey()).isEmpty();
                assertThat(chunk.counts()).isEqualTo(new RowCounts(3, 3, Map.of(), 0));
            });
            assertThat(ledger.quarantined()).singleElement().satisfies(entry -> {
                assertThat(entry.state()).isEqualTo(QuarantineState.QUARANTINED);
                assertThat(entry.waitsForParent()).isFalse();
                assertThat(entry.row().mapping()).isEqualTo("member -> member");
                assertThat(entry.row().chunk()).isEqualTo(2);
                assertThat(entry.row().key()).isEqualTo("id=5");
                assertThat(entry.row().values()).containsEntry("name", "'Bartholomew'");
                assertThat(entry.row().rule()).isEqualTo("database constraint");
                assertThat(entry.row().reason()).isNotBlank();
            });
            assertThat(ledger.quarantined(QuarantineState.WAITING_FOR_PARENT)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void isEmptyWithoutALedgerOrWithoutARecordOfTheMigration(Engine engine) {
        try (TestDatabase source = engine.create("view-src"); TestDatabase target = engine.create("view-tgt")) {
            club(source, target);

            assertThat(MigrationLedger.exists(target.dataSource(), LedgerTables.defaults())).isFalse();
            assertThat(MigrationLedger.read(target.dataSource(), "club")).isEmpty();

            migrate(source, target);

            assertThat(MigrationLedger.exists(target.dataSource(), LedgerTables.defaults())).isTrue();
            assertThat(MigrationLedger.read(target.dataSource(), "another migration")).isEmpty();
            assertThat(MigrationLedger.exists(target.dataSource(), new LedgerTables("", "audit_"))).isFalse();
        }
    }
}
