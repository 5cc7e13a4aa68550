package dev.migrationstudio.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.jdbc.BadRows;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Rows the engine quarantined because the target refused them, accounted for through its ledger. */
class LedgerVerificationTest {

    private static MappingSpec spec(String targetColumn) {
        return MappingSpec.builder("members")
                .table("member", t -> t.key("id").field("name").to(targetColumn))
                .build();
    }

    /** Six members; the target's name is too short for member 4, so the database refuses that row. */
    private static void migrateWithOneRefusedRow(TestDatabase source, TestDatabase target, String ledgerSchema) {
        source.execute("CREATE TABLE member (id INT PRIMARY KEY, name VARCHAR(50))",
                "INSERT INTO member VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Barbara'), (4, 'Bartholomew-Alexander'),"
                        + " (5, 'Linus'), (6, 'Kay')");
        target.execute("CREATE TABLE member (id INT PRIMARY KEY, full_name VARCHAR(10))");
        JdbcMigrator.Configuration migrator = JdbcMigrator.configure().source(source.dataSource())
                .target(target.dataSource()).spec(spec("full_name")).onBadRow(BadRows.quarantine());
        if (!ledgerSchema.isEmpty()) {
            migrator.ledgerSchema(ledgerSchema).ledgerPrefix("audit_");
        }
        MigrationResult result = migrator.load().migrate();
        assertThat(result.total().quarantined()).isEqualTo(1);
    }

    /** A verifier of the migrated spec. */
    private static Verifier verifier(TestDatabase source, TestDatabase target) {
        return Verifier.between(source.dataSource(), target.dataSource()).spec(spec("full_name"));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRowTheTargetRefusedIsCountedAsQuarantinedByTheLoaderNotMissing(Engine engine) {
        try (TestDatabase source = engine.create("ledger-src"); TestDatabase target = engine.create("ledger-tgt")) {
            migrateWithOneRefusedRow(source, target, "");

            VerificationReport report = verifier(source, target).rowCounts().checksums().sample(10).verify();

            assertThat(report.failures()).isEmpty();
            RowReconciliation counts = report.table("member").orElseThrow().rowCounts().orElseThrow();
            assertThat(counts.sourceRows()).isEqualTo(6);
            assertThat(counts.expectedLoaded()).isEqualTo(5);
            assertThat(counts.expectedQuarantined()).isZero();
            assertThat(counts.quarantinedByLoader()).isEqualTo(1);
            assertThat(counts.targetRows()).isEqualTo(5);
            assertThat(counts.quarantineExamples()).singleElement().asString()
                    .startsWith("id=4: member").endsWith("(quarantined by the loader)");
            assertThat(counts.describe()).contains("+ quarantined by the loader 1");
            assertThat(report.settings().get("loader's ledger")).contains("1 quarantined rows recorded");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void withoutTheLedgerTheRefusedRowIsMissing(Engine engine) {
        try (TestDatabase source = engine.create("ledger-src"); TestDatabase target = engine.create("ledger-tgt")) {
            migrateWithOneRefusedRow(source, target, "");

            VerificationReport report = verifier(source, target).withoutLedger().verify();

            assertThat(report.passed()).isFalse();
            assertThat(report.table("member").orElseThrow().discrepancies()).extracting(Discrepancy::describe)
                    .containsExactly("member: missing row id=4");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aLedgerOfAnotherVersionOfTheSpecIsIgnoredAndSaysSo(Engine engine) {
        try (TestDatabase source = engine.create("ledger-src"); TestDatabase target = engine.create("ledger-tgt")) {
            migrateWithOneRefusedRow(source, target, "");
            MappingSpec changed = MappingSpec.builder("members")
                    .table("member", t -> t.key("id").field("name").to("full_name").cast("VARCHAR(10)"))
                    .build();

            VerificationReport report = Verifier.between(source.dataSource(), target.dataSource())
                    .spec(changed).verify();

            // The changed spec rejects member 4 itself: expected in quarantine by the mapping, not the ledger.
            RowReconciliation counts = report.table("member").orElseThrow().rowCounts().orElseThrow();
            assertThat(counts.expectedQuarantined()).isEqualTo(1);
            assertThat(counts.quarantinedByLoader()).isZero();
            assertThat(report.settings().get("loader's ledger")).startsWith("ignored").contains("another version");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aLedgerElsewhereIsFoundWhereTheVerifierIsToldItIs(Engine engine) {
        try (TestDatabase source = engine.create("ledger-src"); TestDatabase target = engine.create("ledger-tgt")) {
            migrateWithOneRefusedRow(source, target, "migration_audit");

            VerificationReport byDefault = verifier(source, target).verify();
            VerificationReport told = verifier(source, target).ledger("migration_audit", "audit_").verify();

            assertThat(byDefault.passed()).isFalse();
            assertThat(byDefault.settings().get("loader's ledger")).startsWith("no ledger");
            assertThat(told.failures()).isEmpty();
            assertThat(told.table("member").orElseThrow().rowCounts().orElseThrow().quarantinedByLoader()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void inATableWithoutKeyAsManyCopiesAsTheLoaderQuarantinedAreAccountedFor(Engine engine) {
        try (TestDatabase source = engine.create("ledger-src"); TestDatabase target = engine.create("ledger-tgt")) {
            // The target keeps one copy of (1, 'red') and refuses the other; it refuses both copies of the
            // tag too long for it.
            source.execute("CREATE TABLE tag (item INT, label VARCHAR(20))",
                    "INSERT INTO tag VALUES (1, 'red'), (1, 'red'), (2, 'ultraviolet'), (2, 'ultraviolet'),"
                            + " (3, 'blue')");
            target.execute("CREATE TABLE tag (item INT, label VARCHAR(10), UNIQUE (item, label))");
            MappingSpec tags = MappingSpec.builder("tags")
                    .table("tag", t -> t.withoutKey("tags repeat").field("item").field("label"))
                    .build();
            JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource()).spec(tags)
                    .onBadRow(BadRows.quarantine()).load().migrate();
            target.execute("INSERT INTO tag VALUES (2, 'ultra')");

            VerificationReport report = Verifier.between(source.dataSource(), target.dataSource()).spec(tags)
                    .verify();

            TableVerification tag = report.table("tag").orElseThrow();
            RowReconciliation counts = tag.rowCounts().orElseThrow();
            assertThat(counts.quarantinedByLoader()).isEqualTo(3);
            assertThat(counts.expectedLoaded()).isEqualTo(2);
            assertThat(tag.discrepancies()).extracting(Discrepancy::describe)
                    .containsExactly("tag: extra row {item=2, label='ultra'}");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aQuarantinedRowThatIsInTheTargetAfterAllIsAnExtraRow(Engine engine) {
        try (TestDatabase source = engine.create("ledger-src"); TestDatabase target = engine.create("ledger-tgt")) {
            migrateWithOneRefusedRow(source, target, "");
            target.execute("INSERT INTO member VALUES (4, 'Bart')");

            VerificationReport report = verifier(source, target).verify();

            assertThat(report.passed()).isFalse();
            assertThat(report.table("member").orElseThrow().discrepancies()).extracting(Discrepancy::describe)
                    .containsExactly("member: extra row id=4");
        }
    }
}
