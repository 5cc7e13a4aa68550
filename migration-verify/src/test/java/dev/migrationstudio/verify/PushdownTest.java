package dev.migrationstudio.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Digests computed inside the databases are only an optimisation: used where both sides are
 * PostgreSQL, or H2 when asked for, and the table is copied as is (declined, with the reason in the
 * report, on MariaDB and by default on H2), and never the definition of equality.
 */
class PushdownTest {
    private static final MappingSpec SPEC = MappingSpec.builder("items")
            .table("items", t -> t.key("id").field("name").field("amount").field("created").field("flag").field("due"))
            .build();

    private static void items(TestDatabase db, String amount) {
        db.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(30), amount " + amount + ", created TIMESTAMP,"
                + " flag BOOLEAN, due DATE)");
        StringBuilder insert = new StringBuilder("INSERT INTO items VALUES ");
        for (int i = 1; i <= 3_000; i++) {
            insert.append(i > 1 ? ", " : "").append("(").append(i).append(", ")
                    .append(i % 10 == 0 ? "NULL" : "'item " + i + (i % 7 == 0 ? " é" : "") + "'").append(", ")
                    .append(i % 100).append(".").append(i % 10).append("0, TIMESTAMP '2024-01-01 10:00:00.")
                    .append(String.format("%06d", i * 7 % 1_000_000)).append("', ").append(i % 3 == 0 ? "NULL" : i % 2 == 0)
                    .append(", DATE '2024-02-").append(String.format("%02d", i % 28 + 1)).append("')");
        }
        db.execute(insert.toString());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void databasesComputeDigestsOnlyWherePostgresIsOnBothSidesAndDifferencesAreStillFoundInJava(Engine engine) {
        try (TestDatabase source = engine.create("push-source"); TestDatabase target = engine.create("push-target")) {
            items(source, "NUMERIC(10,2)");
            items(target, "NUMERIC(10,2)");
            target.execute("UPDATE items SET name = 'item 1234 ' WHERE id = 1234");

            VerificationReport report = Verifier.between(source.dataSource(), target.dataSource()).spec(SPEC)
                    .rowCounts().checksums().sample(50).pushdown(true).chunkSize(500).verify();

            TableVerification items = report.table("items").orElseThrow();
            assertThat(items.checksums().orElseThrow().pushdown()).isEqualTo(engine == Engine.POSTGRES);
            if (engine == Engine.POSTGRES) {
                assertThat(report.settings().get("pushdown")).isEqualTo("allowed");
            } else {
                // MariaDB and H2 are declined, and the report says so.
                assertThat(report.settings().get("pushdown")).startsWith("allowed, not used")
                        .contains(engine == Engine.MARIADB ? "MariaDB" : "H2").endsWith("is compared in Java");
            }
            assertThat(items.discrepancies()).extracting(Discrepancy::describe)
                    .containsExactly("items: changed row id=1234: name: expected 'item 1234', found 'item 1234 '");
            assertThat(items.rowCounts().orElseThrow().matches()).isTrue();
            assertThat(items.sample().orElseThrow().checked()).isEqualTo(50);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void differencesInvisibleToTheCanonicalEncodingAreNotReported(Engine engine) {
        try (TestDatabase source = engine.create("push-source"); TestDatabase target = engine.create("push-target")) {
            items(source, "NUMERIC(10,2)");
            items(target, "NUMERIC(12,4)");

            VerificationReport report = Verifier.between(source.dataSource(), target.dataSource()).spec(SPEC)
                    .checksums().pushdown(true).pushdownOnH2(true).chunkSize(500).verify();

            assertThat(report.failures()).isEmpty();
        }
    }

    /** Differences in the canary chunk, a middle chunk and the last one, and rows missing or extra: all found. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void noDifferenceHidesBehindTheFastHash(Engine engine) {
        try (TestDatabase source = engine.create("push-source"); TestDatabase target = engine.create("push-target")) {
            items(source, "NUMERIC(10,2)");
            items(target, "NUMERIC(10,2)");
            target.execute("UPDATE items SET amount = amount + 0.01 WHERE id = 3",
                    "UPDATE items SET due = DATE '2024-03-01' WHERE id = 1501",
                    "UPDATE items SET flag = NULL WHERE id = 2998", "DELETE FROM items WHERE id = 2000",
                    "INSERT INTO items VALUES (3001, 'extra', 1.00, TIMESTAMP '2024-01-01 00:00:00', TRUE, DATE '2024-01-01')");

            VerificationReport report = Verifier.between(source.dataSource(), target.dataSource()).spec(SPEC)
                    .checksums().pushdown(true).pushdownOnH2(true).chunkSize(500).verify();

            TableVerification items = report.table("items").orElseThrow();
            assertThat(items.checksums().orElseThrow().pushdown()).isEqualTo(engine != Engine.MARIADB);
            assertThat(items.discrepancies()).extracting(Discrepancy::describe).hasSize(5)
                    .anySatisfy(d -> assertThat(d).contains("id=3").contains("amount"))
                    .anySatisfy(d -> assertThat(d).contains("id=1501").contains("due"))
                    .anySatisfy(d -> assertThat(d).contains("id=2998").contains("flag"))
                    .anySatisfy(d -> assertThat(d).contains("id=2000"))
                    .anySatisfy(d -> assertThat(d).contains("id=3001"));
        }
    }

    /**
     * A date past the year 9999 is rendered by the databases without the sign Java's ISO text gives
     * it: the target's canary chunk then differs from Java's, so its digests are not trusted, the
     * table is compared in Java, the report says why, and planted differences are still found.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aCanaryThatDiffersFromJavaSendsTheTableToJava(Engine engine) {
        try (TestDatabase source = engine.create("push-source"); TestDatabase target = engine.create("push-target")) {
            items(source, "NUMERIC(10,2)");
            items(target, "NUMERIC(10,2)");
            // MariaDB's dates end at 9999 (and its pairs are compared in Java anyway).
            String far = engine == Engine.MARIADB ? "9999-12-31" : "10000-01-01";
            target.execute("UPDATE items SET due = DATE '" + far + "' WHERE id = 2",
                    "UPDATE items SET name = 'renamed' WHERE id = 1501");

            VerificationReport report = Verifier.between(source.dataSource(), target.dataSource()).spec(SPEC)
                    .checksums().pushdown(true).pushdownOnH2(true).chunkSize(500).verify();

            ChecksumSummary checksums = report.table("items").orElseThrow().checksums().orElseThrow();
            assertThat(checksums.pushdown()).isFalse();
            if (engine == Engine.MARIADB) {
                assertThat(report.settings().get("pushdown")).contains("not used").contains("MariaDB");
            } else {
                assertThat(checksums.method()).isEqualTo("key ranges (digests computed in the databases not trusted:"
                        + " on the target, the first chunk's rows as the database renders them differ from the values"
                        + " Java reads; compared in Java)");
                assertThat(report.toDoc().toMarkdown()).contains("not trusted: on the target");
            }
            assertThat(checksums.chunksDiffering()).isEqualTo(2);
            assertThat(report.discrepancies()).extracting(Discrepancy::describe).hasSize(2)
                    .anySatisfy(d -> assertThat(d).contains("id=2").contains("due").contains(far))
                    .anySatisfy(d -> assertThat(d).contains("id=1501").contains("renamed"));
        }
    }

    /** Without the far date, the databases' digests are trusted, and they find the difference. */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"H2", "POSTGRES"})
    void theDatabasesComputeDigestsThatAgreeWithJava(Engine engine) {
        try (TestDatabase source = engine.create("push-source"); TestDatabase target = engine.create("push-target")) {
            items(source, "NUMERIC(10,2)");
            items(target, "NUMERIC(10,2)");
            target.execute("UPDATE items SET flag = NOT flag WHERE id = 2500");

            ChecksumSummary checksums = verifyWithPushdown(source, target, "items: changed row id=2500: flag: expected"
                    + " true, found false");

            assertThat(checksums.method()).isEqualTo("key ranges, digests computed in " + (engine == Engine.H2
                    ? "H2 (HASH('SHA-256'))" : "PostgreSQL (hash_record_extended)"));
        }
    }

    /**
     * PostgreSQL hashes the values of columns whose types are the same on both sides; a key that is
     * int on one side and bigint on the other sends the rows through their text.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = "POSTGRES")
    void rowsAreHashedByValueOnlyWhereBothSidesHaveTheSameTypes(Engine engine) {
        try (TestDatabase source = engine.create("push-source"); TestDatabase target = engine.create("push-target")) {
            items(source, "NUMERIC(10,2)");
            items(target, "NUMERIC(10,2)");
            target.execute("ALTER TABLE items ALTER COLUMN id SET DATA TYPE BIGINT",
                    "UPDATE items SET amount = amount * 10 WHERE id = 777");

            ChecksumSummary checksums = verifyWithPushdown(source, target, "items: changed row id=777: amount: expected"
                    + " 77.7, found 777");

            assertThat(checksums.method()).isEqualTo("key ranges, digests computed in PostgreSQL (hashtextextended)");
        }
    }

    /**
     * In a case-insensitive collation 'item' equals 'ITEM' and hashes alike; the verifier hashes
     * strings in the "C" collation, so the difference is still found.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = "POSTGRES")
    void aCaseInsensitiveCollationHidesNoDifference(Engine engine) {
        try (TestDatabase source = engine.create("push-source"); TestDatabase target = engine.create("push-target")) {
            for (TestDatabase db : List.of(source, target)) {
                items(db, "NUMERIC(10,2)");
                db.execute("CREATE COLLATION case_insensitive (provider = icu, locale = 'und-u-ks-level2',"
                        + " deterministic = false)",
                        "ALTER TABLE items ALTER COLUMN name SET DATA TYPE VARCHAR(30) COLLATE case_insensitive");
            }
            target.execute("UPDATE items SET name = 'ITEM 1234' WHERE id = 1234");
            assertThat(target.queryValue("SELECT count(*) FROM items WHERE name = 'item 1234'").toString()).isEqualTo("1");

            ChecksumSummary checksums = verifyWithPushdown(source, target,
                    "items: changed row id=1234: name: expected 'item 1234', found 'ITEM 1234'");

            assertThat(checksums.method()).endsWith("(hash_record_extended)");
        }
    }

    /** The README's pushdown example. */
    private static ChecksumSummary verifyWithPushdown(TestDatabase source, TestDatabase target, String difference) {
        DataSource legacy = source.dataSource();
        DataSource v2 = target.dataSource();
        MappingSpec spec = SPEC;
        // snippet:start pushdown
        VerificationReport report = Verifier.between(legacy, v2).spec(spec)
                .checksums()
                .pushdown(true)        // both PostgreSQL: the databases compute chunk digests
                .pushdownOnH2(true)    // both H2 as well (off by default: slower than Java in-process)
                .verify();
        ChecksumSummary checksums = report.table("items").orElseThrow().checksums().orElseThrow();
        // checksums.pushdown(): whether they did; checksums.method(): with which hash, or why not trusted
        // snippet:end pushdown
        assertThat(checksums.pushdown()).isTrue();
        assertThat(checksums.chunksDiffering()).isEqualTo(1);
        assertThat(report.discrepancies()).extracting(Discrepancy::describe).containsExactly(difference);
        return checksums;
    }
}
