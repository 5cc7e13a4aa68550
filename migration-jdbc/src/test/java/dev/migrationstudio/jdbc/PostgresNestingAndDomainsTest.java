package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.inventory.Domain;
import dev.migrationstudio.inventory.Inheritance;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.report.Docs;
import dev.migrationstudio.review.FindingSeverity;
import dev.migrationstudio.review.MappingReview;
import dev.migrationstudio.review.MappingReviewer;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's nested tables (inheritance children, declarative partitions) and domains: the
 * inventory shows them, and the review neither asks to map children separately nor misses a value
 * a target domain refuses. H2 has neither, so these run on PostgreSQL only.
 */
class PostgresNestingAndDomainsTest {

    private static final String[] SOURCE = {
        "CREATE TABLE measurement (id INT NOT NULL, logdate DATE NOT NULL, value INT) PARTITION BY RANGE (logdate)",
        "CREATE TABLE measurement_2024 PARTITION OF measurement FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
        "CREATE TABLE measurement_2025 PARTITION OF measurement FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
        "INSERT INTO measurement VALUES (1, '2024-03-01', 10), (2, '2024-07-01', 20), (3, '2025-01-02', 30)",
        "CREATE TABLE city (id INT NOT NULL PRIMARY KEY, name TEXT)",
        "CREATE TABLE capital (state CHAR(2)) INHERITS (city)",
        "INSERT INTO city VALUES (1, 'Springfield')",
        "INSERT INTO capital VALUES (2, 'Sacramento', 'CA')",
        "CREATE DOMAIN year AS INTEGER CHECK (VALUE BETWEEN 1901 AND 2155)",
        "CREATE TABLE film (id INT NOT NULL PRIMARY KEY, release_year year, made INT)",
        "INSERT INTO film VALUES (1, 1999, 1999), (2, 2006, 1850), (3, NULL, 2200), (4, 1901, NULL)",
        "CREATE VIEW v_capitals AS SELECT name, state FROM capital",
    };

    private static final Domain YEAR = new Domain("public.year",
            List.of("CHECK (((VALUE >= 1901) AND (VALUE <= 2155)))"));

    @Test
    void theInventoryShowsPartitionsInheritanceAndDomains() {
        try (TestDatabase db = Engine.POSTGRES.create("nesting-inventory")) {
            db.execute(SOURCE);

            Inventory inventory = JdbcInventory.scan(db.dataSource());

            assertThat(inventory.table("measurement_2024").orElseThrow().inheritance()).hasValue(
                    new Inheritance(TableId.of("public", "measurement"), Inheritance.Kind.PARTITION_OF));
            assertThat(inventory.table("capital").orElseThrow().inheritance()).hasValue(
                    new Inheritance(TableId.of("public", "city"), Inheritance.Kind.INHERITS));
            assertThat(inventory.table("measurement").orElseThrow().inheritance()).isEmpty();
            assertThat(inventory.children(TableId.of("public", "measurement"))).extracting(t -> t.id().name())
                    .containsExactlyInAnyOrder("measurement_2024", "measurement_2025");
            SqlType year = inventory.table("film").orElseThrow().column("release_year").orElseThrow().type();
            assertThat(year).isEqualTo(SqlType.integer());
            assertThat(year.domain()).hasValue(YEAR);
            assertThat(year.describe()).isEqualTo("INTEGER (domain public.year CHECK (((VALUE >= 1901) AND "
                    + "(VALUE <= 2155))))");
            assertThat(inventory.table("film").orElseThrow().column("made").orElseThrow().type().domain()).isEmpty();
            assertThat(Docs.inventory(inventory).toMarkdown())
                    .contains("`public.measurement_2024` (partition of public.measurement)")
                    .contains("`public.capital` (inherits from public.city)")
                    .contains("INTEGER (domain public.year CHECK (((VALUE >= 1901) AND (VALUE \\<= 2155))))");
        }
    }

    private static MappingSpec.Builder parents() {
        return MappingSpec.builder("s")
                .table("measurement", t -> t.withoutKey("append-only").field("id").field("logdate").field("value"))
                .table("city", t -> t.key("id").field("name"))
                .table("film", t -> t.key("id").field("release_year").field("made"));
    }

    @Test
    void childrenOfAMappedParentAreNotUnmappedAndMappingBothWarns() {
        try (TestDatabase db = Engine.POSTGRES.create("nesting-review")) {
            db.execute(SOURCE);
            Inventory inventory = JdbcInventory.scan(db.dataSource());
            MappingSpec parents = parents().build();
            MappingSpec both = parents().table("capital", t -> t.key("id").field("name").field("state")).build();

            MappingReview review = MappingReviewer.review(parents, inventory, inventory, DataProfiler.of(db.dataSource()));
            MappingReview twice = MappingReviewer.review(both, inventory, inventory, DataProfiler.of(db.dataSource()));

            assertThat(review.findings(FindingKind.UNMAPPED_SOURCE_TABLE)).isEmpty();
            assertThat(review.findings(FindingKind.BROKEN_CONSUMER)).isEmpty();
            assertThat(review.findings(FindingKind.ROWS_COPIED_TWICE)).isEmpty();
            assertThat(review.profiles()).filteredOn(p -> p.table().name().equals("measurement")).singleElement()
                    .satisfies(p -> assertThat(p.rows()).isEqualTo(3));
            assertThat(twice.findings(FindingKind.ROWS_COPIED_TWICE)).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(FindingSeverity.WARNING);
                assertThat(f.location()).isEqualTo("public.capital");
                assertThat(f.message()).startsWith("public.capital (inherits from public.city) is mapped, and so is "
                        + "public.city, whose reads already return its 1 rows: they would be copied twice");
            });
        }
    }

    @Test
    void valuesATargetDomainRefusesAreMeasuredAndASourceDomainIsShown() {
        try (TestDatabase source = Engine.POSTGRES.create("domain-source");
             TestDatabase target = Engine.POSTGRES.create("domain-target")) {
            source.execute(SOURCE);
            target.execute("CREATE DOMAIN year AS INTEGER CHECK (VALUE BETWEEN 1901 AND 2155)",
                    "CREATE TABLE film (id INT NOT NULL PRIMARY KEY, release_year INT, made year)");
            MappingSpec spec = MappingSpec.builder("s")
                    .table("film", t -> t.key("id").field("release_year").field("made")).build();

            MappingReview review = MappingReviewer.review(spec, JdbcInventory.scan(source.dataSource()),
                    JdbcInventory.scan(target.dataSource()), DataProfiler.of(source.dataSource()));

            assertThat(review.findings(FindingKind.DOMAIN_CONSTRAINT)).extracting(f -> f.severity() + " " + f.message())
                    .containsExactlyInAnyOrder(
                            "BLOCKER 2 of 4 values break CHECK (((VALUE >= 1901) AND (VALUE <= 2155))) of "
                                    + "film.made's domain public.year (e.g. key id=2, value 1850)",
                            "INFO film.release_year is of domain public.year, CHECK (((VALUE >= 1901) AND "
                                    + "(VALUE <= 2155))); film.release_year (INTEGER) does not keep that "
                                    + "constraint, so values written after cutover are not checked");
            assertThat(review.findings(FindingKind.DOMAIN_CONSTRAINT)).filteredOn(f -> f.isBlocking()).singleElement()
                    .satisfies(f -> assertThat(f.affectedRows()).hasValue(2));
            assertThat(review.passed()).isFalse();
        }
    }
}
