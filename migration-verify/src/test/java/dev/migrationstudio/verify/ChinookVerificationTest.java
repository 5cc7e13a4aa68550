package dev.migrationstudio.verify;

import static dev.migrationstudio.verify.TargetEdits.both;
import static dev.migrationstudio.verify.TargetEdits.delete;
import static dev.migrationstudio.verify.TargetEdits.insert;
import static dev.migrationstudio.verify.TargetEdits.set;
import static dev.migrationstudio.verify.TargetEdits.sql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.testing.Engine;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Chinook migrated through a realistic spec, verified clean across engines, then corrupted one way
 * at a time: each corruption must fail the report and name the exact row. Each engine pair is
 * loaded once; every corruption is undone after its verification.
 */
class ChinookVerificationTest {

    /** The engine pairs the verification must work across (numeric scales and timestamp types differ). */
    enum Pair {
        H2_TO_H2(Engine.H2, Engine.H2),
        H2_TO_POSTGRES(Engine.H2, Engine.POSTGRES),
        POSTGRES_TO_H2(Engine.POSTGRES, Engine.H2);

        final Engine from;
        final Engine to;

        Pair(Engine from, Engine to) {
            this.from = from;
            this.to = to;
        }
    }

    private static final Map<Pair, ChinookV2.Migrated> MIGRATED = new EnumMap<>(Pair.class);

    private static synchronized ChinookV2.Migrated migrated(Pair pair) {
        return MIGRATED.computeIfAbsent(pair, p -> new ChinookV2.Migrated(p.from, p.to));
    }

    @AfterAll
    static void dropDatabases() {
        MIGRATED.values().forEach(ChinookV2.Migrated::close);
        MIGRATED.clear();
    }

    private static VerificationReport verify(ChinookV2.Migrated db) {
        return Verifier.between(db.sourcePool, db.targetPool)
                .spec(ChinookV2.spec())
                .rowCounts().checksums().sample(200).constraints()
                .intendedTarget(ChinookV2.intendedTarget())
                .chunkSize(500).bisectionLeafRows(16)
                .parity(ParityCheck.of("revenue by country",
                        "SELECT billing_country, SUM(total) FROM invoice GROUP BY billing_country",
                        "SELECT billing_country, SUM(total) FROM invoice GROUP BY billing_country"))
                .parity(ParityCheck.of("top clients",
                        "SELECT customer_id, SUM(total) AS spent FROM invoice GROUP BY customer_id"
                                + " ORDER BY spent DESC, customer_id LIMIT 5",
                        "SELECT client_id, SUM(total) AS spent FROM invoice GROUP BY client_id"
                                + " ORDER BY spent DESC, client_id LIMIT 5").ordered())
                .verify();
    }

    @ParameterizedTest
    @EnumSource(Pair.class)
    void aCleanMigrationPassesWithNoFalseAlarm(Pair pair) {
        VerificationReport report = verify(migrated(pair));

        assertThat(report.failures()).as(report.summary()).isEmpty();
        assertThat(report.tables()).hasSize(11);
        TableVerification lines = report.table("invoice_line").orElseThrow();
        RowReconciliation counts = lines.rowCounts().orElseThrow();
        assertThat(counts.sourceRows()).isEqualTo(2240);
        assertThat(counts.filteredByRule()).containsOnlyKeys(ChinookV2.VIDEO_FILTER);
        assertThat(counts.expectedLoaded() + counts.filtered()).isEqualTo(2240);
        assertThat(counts.filtered()).isPositive();
        assertThat(counts.targetRows()).isEqualTo(counts.expectedLoaded());
        assertThat(report.table("client").orElseThrow().sample().orElseThrow().checked()).isEqualTo(59);
        assertThat(report.table("track").orElseThrow().sample().orElseThrow().checked()).isEqualTo(200);
        assertThat(report.table("playlist_track").orElseThrow().keyless()).isTrue();
        assertThat(report.table("album").orElseThrow().integrity())
                .anyMatch(c -> c.kind() == IntegrityCheck.Kind.FOREIGN_KEY && c.outcome() == IntegrityCheck.Outcome.PASSED);
        assertThat(report.parity()).allMatch(ParityResult::passed).hasSize(2);
    }

    /** One corruption: how to make it, and what the report must then say. */
    record Corruption(String name, TargetEdits.Edit edit, Consumer<VerificationReport> expectation) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> corruptions() {
        List<Corruption> corruptions = List.of(
                new Corruption("a deleted row", delete("invoice_line", "invoice_line_id", 42),
                        r -> assertRow(r, "invoice_line", Discrepancy.Kind.MISSING, "invoice_line_id=42")),
                new Corruption("an extra row", insert("artist", 276, "Not In The Source"),
                        r -> assertRow(r, "artist", Discrepancy.Kind.EXTRA, "artist_id=276")),
                new Corruption("a duplicated row in a table without key", insert("playlist_track", 1, 3402),
                        r -> {
                            Discrepancy extra = only(r, "playlist_track");
                            assertThat(extra).isInstanceOf(Discrepancy.Extra.class);
                            assertThat(((Discrepancy.Extra) extra).actual()).containsEntry("playlist_id", 1)
                                    .containsEntry("track_id", 3402);
                        }),
                new Corruption("one changed character", set("client", "given_name", "Luis", "client_id", 1),
                        r -> assertChanged(r, "client", "client_id=1", "given_name", "Luís", "Luis")),
                new Corruption("a trailing space", set("album", "title", "For Those About To Rock We Salute You ",
                        "album_id", 1), r -> assertChanged(r, "album", "album_id=1", "title",
                        "For Those About To Rock We Salute You", "For Those About To Rock We Salute You ")),
                new Corruption("a decimal changed by 0.01", set("invoice", "total", new BigDecimal("1.99"),
                        "invoice_id", 1), r -> assertChangedText(r, "invoice", "invoice_id=1",
                        "total: expected 1.98, found 1.99")),
                new Corruption("a timestamp shifted by one second", sql(
                        "UPDATE invoice SET invoice_date = invoice_date + INTERVAL '1' SECOND WHERE invoice_id = 2",
                        "UPDATE invoice SET invoice_date = invoice_date - INTERVAL '1' SECOND WHERE invoice_id = 2"),
                        r -> assertChanged(r, "invoice", "invoice_id=2", "invoice_date",
                                LocalDateTime.parse("2021-01-02T00:00:00"), LocalDateTime.parse("2021-01-02T00:00:01"))),
                new Corruption("a timestamp shifted by one hour (time zone)", sql(
                        "UPDATE invoice SET invoice_date = invoice_date + INTERVAL '1' HOUR WHERE invoice_id = 3",
                        "UPDATE invoice SET invoice_date = invoice_date - INTERVAL '1' HOUR WHERE invoice_id = 3"),
                        r -> assertChanged(r, "invoice", "invoice_id=3", "invoice_date",
                                LocalDateTime.parse("2021-01-03T00:00:00"), LocalDateTime.parse("2021-01-03T01:00:00"))),
                new Corruption("NULL turned into an empty string", set("client", "company", "", "client_id", 2),
                        r -> assertChanged(r, "client", "client_id=2", "company", null, "")),
                new Corruption("a pair of values swapped between two rows", both(
                        set("track", "name", "Balls to the Wall", "track_id", 1),
                        set("track", "name", "For Those About To Rock (We Salute You)", "track_id", 2)),
                        r -> {
                            assertChanged(r, "track", "track_id=1", "name", "For Those About To Rock (We Salute You)",
                                    "Balls to the Wall");
                            assertChanged(r, "track", "track_id=2", "name", "Balls to the Wall",
                                    "For Those About To Rock (We Salute You)");
                        }),
                new Corruption("an orphaned foreign key", set("album", "artist_id", 9999, "album_id", 5),
                        r -> {
                            IntegrityCheck orphan = r.table("album").orElseThrow().integrity().stream()
                                    .filter(c -> c.kind() == IntegrityCheck.Kind.FOREIGN_KEY && c.failed())
                                    .findFirst().orElseThrow();
                            assertThat(orphan.violations()).isEqualTo(1);
                            assertThat(orphan.examples().get(0)).containsEntry("album_id", 5)
                                    .containsEntry("artist_id", 9999);
                            assertThat(r.summary()).contains("album_id=5");
                        }),
                new Corruption("a unique key violated", sql(
                        "UPDATE client SET email = 'luisg@embraer.com.br' WHERE client_id = 2",
                        "UPDATE client SET email = 'leonekohler@surfeu.de' WHERE client_id = 2"),
                        r -> {
                            IntegrityCheck unique = r.table("client").orElseThrow().integrity().stream()
                                    .filter(c -> c.kind() == IntegrityCheck.Kind.UNIQUE && c.failed())
                                    .findFirst().orElseThrow();
                            assertThat(unique.columns()).containsExactly("email");
                            assertThat(unique.examples().get(0)).containsEntry("email", "luisg@embraer.com.br")
                                    .containsEntry("copies", 2L);
                            assertRow(r, "client", Discrepancy.Kind.CHANGED, "client_id=2");
                        }));
        return Stream.of(Pair.values()).flatMap(p -> corruptions.stream().map(c -> Arguments.of(p, c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("corruptions")
    void everyCorruptionFailsTheReportAndNamesTheRow(Pair pair, Corruption corruption) {
        ChinookV2.Migrated db = migrated(pair);
        Runnable undo = TargetEdits.apply(db.target, corruption.edit());
        VerificationReport report;
        try {
            report = verify(db);
        } finally {
            undo.run();
        }

        assertThat(report.passed()).as("the report must fail after %s", corruption).isFalse();
        corruption.expectation().accept(report);
    }

    private static Discrepancy only(VerificationReport report, String table) {
        List<Discrepancy> found = report.table(table).orElseThrow().discrepancies();
        assertThat(found).as(report.summary()).hasSize(1);
        assertThat(report.discrepancies()).as("no other table differs: %s", report.summary()).hasSize(1);
        return found.get(0);
    }

    private static void assertRow(VerificationReport report, String table, Discrepancy.Kind kind, String key) {
        List<Discrepancy> found = report.table(table).orElseThrow().discrepancies();
        assertThat(found).as(report.summary()).anyMatch(d -> d.kind() == kind && d.keyText().equals(key));
        assertThat(report.summary()).contains(key);
        assertThat(report.discrepancies()).as("only the corrupted table differs").allMatch(d -> d.table().name().equals(table));
    }

    private static void assertChangedText(VerificationReport report, String table, String key, String text) {
        assertRow(report, table, Discrepancy.Kind.CHANGED, key);
        assertThat(report.summary()).contains(table + ": changed row " + key + ": " + text);
    }

    private static void assertChanged(VerificationReport report, String table, String key, String column,
                                      Object expected, Object actual) {
        assertRow(report, table, Discrepancy.Kind.CHANGED, key);
        Discrepancy.Changed changed = (Discrepancy.Changed) report.table(table).orElseThrow().discrepancies().stream()
                .filter(d -> d.keyText().equals(key)).findFirst().orElseThrow();
        assertThat(changed.columns()).extracting(ColumnDifference::column).containsExactly(column);
        if (expected != null || actual != null) {
            assertThat(changed.columns().get(0).expected()).isEqualTo(expected);
            assertThat(changed.columns().get(0).actual()).isEqualTo(actual);
        }
    }
}
