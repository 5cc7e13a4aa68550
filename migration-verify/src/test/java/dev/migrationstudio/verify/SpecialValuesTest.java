package dev.migrationstudio.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.jdbc.BadRows;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.MigrationFailedException;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.jdbc.QuarantinedRow;
import dev.migrationstudio.jdbc.TableResult;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PostgreSQL's numeric NaN and infinities and its date/time infinities, read from a PostgreSQL source:
 * they travel as themselves to PostgreSQL and the verifier compares them; a target that cannot hold
 * them (H2, MariaDB, which has them in no type at all, or a cast to DECIMAL(p, s)) makes them bad rows
 * named by key and column.
 */
class SpecialValuesTest {

    /** Rows with a special value, by key, and the target column that holds it. */
    private static final Map<String, String> SPECIAL = Map.of(
            "id=2", "amount", "id=3", "amount", "id=4", "amount",
            "id=5", "taken", "id=6", "taken", "id=7", "on_day", "id=8", "on_day", "id=9", "stamped");

    private static final MappingSpec SPEC = MappingSpec.builder("readings")
            .table("reading", t -> t.key("id").field("amount").field("taken").field("on_day").field("stamped")
                    .field("label"))
            .build();

    /** Ten readings on PostgreSQL: 1 and 10 finite (10 with NULLs), 2 to 9 with one special value each. */
    private static void readings(TestDatabase source) {
        source.execute("CREATE TABLE reading (id INT PRIMARY KEY, amount NUMERIC, taken TIMESTAMP, on_day DATE,"
                        + " stamped TIMESTAMPTZ, label VARCHAR(20))",
                "INSERT INTO reading VALUES"
                        + " (1, 12.50, '2024-01-31 13:45:00.123456', '2024-01-31', '2024-01-31 13:45:00+01', 'finite'),"
                        + " (2, 'NaN', '2024-02-01 00:00:00', '2024-02-01', '2024-02-01 00:00:00Z', 'nan'),"
                        + " (3, 'Infinity', '2024-02-02 00:00:00', '2024-02-02', '2024-02-02 00:00:00Z', 'plus'),"
                        + " (4, '-Infinity', '2024-02-03 00:00:00', '2024-02-03', '2024-02-03 00:00:00Z', 'minus'),"
                        + " (5, 1, 'infinity', '2024-02-04', '2024-02-04 00:00:00Z', 'late'),"
                        + " (6, 2, '-infinity', '2024-02-05', '2024-02-05 00:00:00Z', 'early'),"
                        + " (7, 3, '2024-02-06 00:00:00', 'infinity', '2024-02-06 00:00:00Z', 'late day'),"
                        + " (8, 4, '2024-02-07 00:00:00', '-infinity', '2024-02-07 00:00:00Z', 'early day'),"
                        + " (9, 5, '2024-02-08 00:00:00', '2024-02-08', 'infinity', 'late instant'),"
                        + " (10, NULL, NULL, NULL, NULL, 'nulls')");
    }

    private static void readingTarget(TestDatabase target) {
        target.execute(switch (target.engine()) {
            case POSTGRES -> "CREATE TABLE reading (id INT PRIMARY KEY, amount NUMERIC, taken TIMESTAMP, on_day DATE,"
                    + " stamped TIMESTAMPTZ, label VARCHAR(20))";
            case H2 -> "CREATE TABLE reading (id INT PRIMARY KEY, amount NUMERIC(20, 4), taken TIMESTAMP, on_day DATE,"
                    + " stamped TIMESTAMP WITH TIME ZONE, label VARCHAR(20))";
            // MariaDB's point in time is TIMESTAMP; its wall-clock time is DATETIME.
            case MARIADB -> "CREATE TABLE reading (id INT PRIMARY KEY, amount DECIMAL(20, 4), taken DATETIME(6),"
                    + " on_day DATE, stamped TIMESTAMP(6) NULL, label VARCHAR(20))";
        });
    }

    private static JdbcMigrator.Configuration migrator(TestDatabase source, TestDatabase target, MappingSpec spec) {
        return JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource()).spec(spec)
                .chunkSize(4).logProgress(false);
    }

    /** The rows as PostgreSQL prints them, so that NaN and infinities compare as themselves. */
    private static List<String> text(TestDatabase db) {
        return db.query("SELECT id, amount::text, taken::text, on_day::text, stamped AT TIME ZONE 'UTC', label"
                        + " FROM reading ORDER BY id").stream()
                .map(Arrays::toString).toList();
    }

    @Test
    void postgresToPostgresCarriesThemExactlyAndTheVerifierComparesThem() {
        try (TestDatabase source = Engine.POSTGRES.create("special-src");
             TestDatabase target = Engine.POSTGRES.create("special-tgt")) {
            readings(source);
            readingTarget(target);

            MigrationResult result = migrator(source, target, SPEC).onBadRow(BadRows.quarantine()).load().migrate();

            assertThat(result.table("reading").orElseThrow().thisRun().loaded()).isEqualTo(10);
            assertThat(result.total().quarantined()).isZero();
            assertThat(text(target)).isEqualTo(text(source));
            assertThat(target.queryValue("SELECT amount::text FROM reading WHERE id = 2")).isEqualTo("NaN");
            assertThat(target.queryValue("SELECT taken::text FROM reading WHERE id = 6")).isEqualTo("-infinity");

            VerificationReport report = Verifier.between(source.dataSource(), target.dataSource()).spec(SPEC)
                    .rowCounts().checksums().sample(10).verify();
            assertThat(report.failures()).isEmpty();
            assertThat(report.passed()).isTrue();

            target.execute("UPDATE reading SET amount = 0 WHERE id = 2",
                    "UPDATE reading SET taken = '294276-12-31 00:00:00' WHERE id = 5",
                    "UPDATE reading SET on_day = NULL WHERE id = 7");
            VerificationReport planted = Verifier.between(source.dataSource(), target.dataSource()).spec(SPEC)
                    .checksums().verify();
            assertThat(planted.passed()).isFalse();
            assertThat(planted.table("reading").orElseThrow().discrepancies()).extracting(Discrepancy::describe)
                    .hasSize(3)
                    .anySatisfy(d -> assertThat(d).contains("id=2").contains("amount").contains("NaN"))
                    .anySatisfy(d -> assertThat(d).contains("id=5").contains("taken").contains("Infinity"))
                    .anySatisfy(d -> assertThat(d).contains("id=7").contains("on_day").contains("Infinity"));
        }
    }

    @Test
    void aKeyThatIsInfinityIsReadOnAndResumedPastLikeAnyOther() {
        MappingSpec spec = MappingSpec.builder("events")
                .table("event", t -> t.key("at").field("amount")).build();
        try (TestDatabase source = Engine.POSTGRES.create("special-src");
             TestDatabase target = Engine.POSTGRES.create("special-tgt")) {
            for (TestDatabase db : List.of(source, target)) {
                db.execute("CREATE TABLE event (at TIMESTAMP PRIMARY KEY, amount NUMERIC)");
            }
            source.execute("INSERT INTO event VALUES ('-infinity', 'NaN'), ('2024-01-01', 1), ('2024-01-02', 2),"
                    + " ('infinity', '-Infinity')");

            MigrationResult result = JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource())
                    .spec(spec).chunkSize(1).logProgress(false).load().migrate();
            MigrationResult again = JdbcMigrator.configure().source(source.dataSource())
                    .target(target.dataSource()).spec(spec).chunkSize(1).logProgress(false).load().migrate();

            assertThat(result.table("event").orElseThrow().thisRun().loaded()).isEqualTo(4);
            assertThat(again.table("event").orElseThrow().thisRun().loaded()).isZero();
            assertThat(target.query("SELECT at::text, amount::text FROM event ORDER BY at").stream()
                    .map(Arrays::toString).toList())
                    .containsExactly("[-infinity, NaN]", "[2024-01-01 00:00:00, 1]", "[2024-01-02 00:00:00, 2]",
                            "[infinity, -Infinity]");
            VerificationReport report = Verifier.between(source.dataSource(), target.dataSource()).spec(spec)
                    .rowCounts().checksums().sample(4).verify();
            assertThat(report.failures()).isEmpty();
            assertThat(report.table("event").orElseThrow().discrepancies()).isEmpty();
            assertThat(report.passed()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aTargetThatCannotHoldThemQuarantinesExactlyThoseRowsNamingKeyAndColumn(Engine engine) {
        // A cast to DECIMAL(p, s) cannot hold NaN or infinity on any engine; H2 and MariaDB hold none of
        // them in these columns at all.
        MappingSpec spec = engine == Engine.POSTGRES
                ? MappingSpec.builder("readings").table("reading", t -> t.key("id").field("amount")
                        .cast("DECIMAL(20,4)").field("taken").field("on_day").field("stamped").field("label")).build()
                : SPEC;
        Map<String, String> expected = engine == Engine.POSTGRES
                ? Map.of("id=2", "amount", "id=3", "amount", "id=4", "amount") : SPECIAL;
        try (TestDatabase source = Engine.POSTGRES.create("special-src");
             TestDatabase target = engine.create("special-tgt")) {
            readings(source);
            readingTarget(target);

            MigrationResult result = migrator(source, target, spec).onBadRow(BadRows.quarantine()).load().migrate();

            TableResult reading = result.table("reading").orElseThrow();
            assertThat(reading.quarantined().stream().collect(Collectors.toMap(QuarantinedRow::key,
                    QuarantinedRow::column))).isEqualTo(expected);
            assertThat(reading.quarantined()).allSatisfy(row -> assertThat(row.reason()).containsAnyOf(
                    "NaN", "Infinity", "not a finite number"));
            if (engine == Engine.MARIADB) {
                // Refused before it is sent, naming the table, the column and the value.
                assertThat(reading.quarantined()).allSatisfy(row -> assertThat(row.reason()).contains("reading")
                        .contains("column " + row.column()).contains("on MariaDB or MySQL"));
                assertThat(reading.quarantined()).filteredOn(row -> row.key().equals("id=2")).singleElement()
                        .satisfies(row -> assertThat(row.reason()).contains("cannot hold NaN"));
                assertThat(reading.quarantined()).filteredOn(row -> row.key().equals("id=6")).singleElement()
                        .satisfies(row -> assertThat(row.reason()).contains("cannot hold -Infinity"));
            }
            assertThat(reading.thisRun().loaded()).isEqualTo(10 - expected.size());
            assertThat(reading.thisRun().read()).isEqualTo(10);
            assertThat(target.queryValue("SELECT COUNT(*) FROM reading")).isEqualTo((long) (10 - expected.size()));
            if (engine != Engine.POSTGRES) {
                // Nothing arrived as a far-future date in place of infinity.
                assertThat(target.queryValue("SELECT MAX(EXTRACT(YEAR FROM taken)) FROM reading").toString())
                        .isEqualTo("2024");
            } else {
                assertThat(target.queryValue("SELECT taken::text FROM reading WHERE id = 5")).isEqualTo("infinity");
            }

            VerificationReport report = Verifier.between(source.dataSource(), target.dataSource()).spec(spec)
                    .rowCounts().checksums().verify();
            RowReconciliation counts = report.table("reading").orElseThrow().rowCounts().orElseThrow();
            assertThat(counts.sourceRows()).isEqualTo(10);
            assertThat(counts.targetRows()).isEqualTo(10 - expected.size());
            assertThat(counts.expectedQuarantined() + counts.quarantinedByLoader()).isEqualTo(expected.size());
            assertThat(report.failures()).isEmpty();
        }
    }

    @Test
    void mariaDbHasNoNaNOrInfinityEvenInDoubleAndRefusesThemNamingTableColumnAndValue() {
        MappingSpec spec = MappingSpec.builder("gauges").table("gauge", t -> t.key("id").field("level")).build();
        try (TestDatabase source = Engine.POSTGRES.create("special-src");
             TestDatabase target = Engine.MARIADB.create("special-tgt")) {
            source.execute("CREATE TABLE gauge (id INT PRIMARY KEY, level DOUBLE PRECISION)",
                    "INSERT INTO gauge VALUES (1, 1.5), (2, 'NaN'), (3, 'Infinity'), (4, '-Infinity'), (5, NULL)");
            target.execute("CREATE TABLE gauge (id INT PRIMARY KEY, level DOUBLE)");

            MigrationResult result = migrator(source, target, spec).onBadRow(BadRows.quarantine()).load().migrate();

            TableResult gauge = result.table("gauge").orElseThrow();
            assertThat(gauge.quarantined().stream().collect(Collectors.toMap(QuarantinedRow::key,
                    row -> row.column() + ": " + row.reason().replaceAll(".*cannot hold (\\S+) on MariaDB.*", "$1"))))
                    .isEqualTo(Map.of("id=2", "level: NaN", "id=3", "level: Infinity", "id=4", "level: -Infinity"));
            assertThat(gauge.quarantined()).allSatisfy(row -> assertThat(row.reason()).contains("gauge"));
            assertThat(target.query("SELECT id, level FROM gauge ORDER BY id").stream().map(Arrays::toString).toList())
                    .containsExactly("[1, 1.5]", "[5, null]");

            VerificationReport report = Verifier.between(source.dataSource(), target.dataSource()).spec(spec)
                    .rowCounts().checksums().verify();
            assertThat(report.failures()).isEmpty();
            assertThat(report.table("gauge").orElseThrow().rowCounts().orElseThrow().quarantinedByLoader())
                    .isEqualTo(3);
        }
    }

    @Test
    void failFastNamesTheKeyOfTheFirstRowWithAValueTheTargetCannotHold() {
        try (TestDatabase source = Engine.POSTGRES.create("special-src");
             TestDatabase target = Engine.H2.create("special-tgt")) {
            readings(source);
            readingTarget(target);

            assertThatThrownBy(() -> migrator(source, target, SPEC).onBadRow(BadRows.failFast()).load().migrate())
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("bad row in reading")
                    .hasMessageContaining("id=2")
                    .hasMessageContaining("amount")
                    .hasMessageContaining("NaN");
        }
    }
}
