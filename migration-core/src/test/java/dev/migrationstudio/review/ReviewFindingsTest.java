package dev.migrationstudio.review;

import static dev.migrationstudio.inventory.SqlType.integer;
import static dev.migrationstudio.inventory.SqlType.timestamp;
import static dev.migrationstudio.inventory.SqlType.timestampWithTimeZone;
import static dev.migrationstudio.inventory.SqlType.varchar;
import static dev.migrationstudio.mapping.Transforms.atZone;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.inventory.Domain;
import dev.migrationstudio.inventory.Inheritance;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.Reference;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.inventory.ViewInfo;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.TableRules;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Findings the review used to get wrong: zones given, one finding per consumer, inherited rows, domains. */
class ReviewFindingsTest {

    // ---- time zones -------------------------------------------------------------------------------

    private static final Inventory EVENTS = Inventory.builder().table(TableInfo.builder("event")
            .notNullColumn("id", integer()).column("at", timestamp()).primaryKey("id")).build();
    private static final Inventory ZONED = Inventory.builder().table(TableInfo.builder("event")
            .notNullColumn("id", integer()).column("at", timestampWithTimeZone()).primaryKey("id")).build();

    private static MappingSpec events(boolean zoneGiven) {
        return MappingSpec.builder("s").table("event", t -> {
            if (zoneGiven) {
                t.key("id").field("at").transform(atZone(ZoneOffset.UTC));
            } else {
                t.key("id").field("at");
            }
        }).build();
    }

    @Test
    void aMappingThatSaysWhichZoneLocalTimestampsAreInHasNoTimeZoneLoss() {
        RowsProfile data = new RowsProfile().table("event", List.of("id", "at"),
                new Object[] {1, LocalDateTime.of(2024, 3, 31, 1, 30)});

        MappingReview zoned = MappingReviewer.review(events(true), EVENTS, ZONED,
                data);
        MappingReview unmeasured = MappingReviewer.review(events(true), EVENTS,
                ZONED);

        assertThat(zoned.findings()).isEmpty();
        assertThat(unmeasured.findings()).isEmpty();
    }

    @Test
    void localTimestampsIntoAZonedColumnWithoutAZoneStillLoseIt() {
        MappingReview review = MappingReviewer.review(events(false), EVENTS, ZONED);

        assertThat(review.findings(FindingKind.TIME_ZONE_LOSS)).singleElement()
                .satisfies(f -> assertThat(f.fix()).contains("atZone"));
    }

    // ---- consumers --------------------------------------------------------------------------------

    private static final List<String> COLUMNS = IntStream.rangeClosed(1, 15).mapToObj(i -> "c" + i).toList();

    private static Inventory wide(String... views) {
        TableInfo.Builder table = TableInfo.builder("wide").notNullColumn("id", integer()).primaryKey("id");
        COLUMNS.forEach(c -> table.column(c, varchar(10)));
        Inventory.Builder inventory = Inventory.builder().table(table);
        for (String view : views) {
            inventory.view(ViewInfo.of(view, COLUMNS.stream().map(c -> Reference.column("wide", c))
                    .toArray(Reference[]::new)));
        }
        return inventory.build();
    }

    private static Inventory renamedWide() {
        TableInfo.Builder table = TableInfo.builder("wide").notNullColumn("id", integer()).primaryKey("id");
        COLUMNS.forEach(c -> table.column("new_" + c, varchar(10)));
        return Inventory.builder().table(table).build();
    }

    private static MappingSpec.Builder renaming(Consumer<TableRules> more) {
        return MappingSpec.builder("s").table("wide", t -> {
            t.key("id");
            COLUMNS.forEach(c -> t.field(c).to("new_" + c));
            more.accept(t);
        });
    }

    @Test
    void aConsumerReadingFifteenRenamedColumnsIsOneFindingNamingThemAll() {
        MappingReview review = MappingReviewer.review(renaming(t -> { }).build(), wide("v_report", "v_export"),
                renamedWide());

        assertThat(review.findings(FindingKind.BROKEN_CONSUMER)).hasSize(2).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(FindingSeverity.BLOCKER);
            COLUMNS.forEach(c -> assertThat(f.message()).contains("reads wide." + c + ", which becomes wide.new_" + c));
        });
        assertThat(review.findings(FindingKind.BROKEN_CONSUMER)).extracting(Finding::location)
                .containsExactly("v_report", "v_export");
        assertThat(review.findings(FindingKind.BROKEN_CONSUMER).get(0).message())
                .startsWith("view v_report uses 15 columns and tables the spec changes: reads wide.c1, which becomes "
                        + "wide.new_c1; reads wide.c2");
    }

    @Test
    void oneAcknowledgementNamingTheConsumerAcceptsAllItReads() {
        MappingSpec spec = renaming(t -> { })
                .acknowledge("v_report", FindingKind.BROKEN_CONSUMER, "v_report is rewritten for the target").build();

        MappingReview review = MappingReviewer.review(spec, wide("v_report", "v_export"), renamedWide());

        assertThat(review.acknowledged()).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("v_report");
            assertThat(f.acknowledgement()).hasValue("v_report is rewritten for the target");
        });
        assertThat(review.blockers()).singleElement().satisfies(f -> assertThat(f.location()).isEqualTo("v_export"));
        assertThat(review.findings(FindingKind.UNUSED_ACKNOWLEDGEMENT)).isEmpty();
    }

    @Test
    void columnAcknowledgementsAcceptAConsumerOnlyWhenTheyCoverEverythingItReads() {
        List<String> acknowledged = new ArrayList<>(COLUMNS);
        MappingSpec all = renaming(t -> acknowledged.forEach(c -> t.acknowledge(c, FindingKind.BROKEN_CONSUMER,
                "the report reads the new names"))).build();
        MappingSpec allButOne = renaming(t -> acknowledged.subList(1, 15).forEach(c -> t.acknowledge(c,
                FindingKind.BROKEN_CONSUMER, "the report reads the new names"))).build();

        assertThat(MappingReviewer.review(all, wide("v_report"), renamedWide()).passed()).isTrue();
        MappingReview partly = MappingReviewer.review(allButOne, wide("v_report"), renamedWide());
        assertThat(partly.blockers()).singleElement().satisfies(f -> assertThat(f.location()).isEqualTo("v_report"));
        assertThat(partly.findings(FindingKind.UNUSED_ACKNOWLEDGEMENT)).isEmpty();
    }

    // ---- inheritance and partitions ---------------------------------------------------------------

    private static Inventory measurements() {
        return Inventory.builder()
                .table(TableInfo.builder(TableId.of("public", "measurement")).notNullColumn("id", integer())
                        .column("value", integer()).rowCount(0))
                .table(TableInfo.builder(TableId.of("public", "measurement_2024")).notNullColumn("id", integer())
                        .column("value", integer()).rowCount(10)
                        .inherits(TableId.of("public", "measurement"), Inheritance.Kind.PARTITION_OF))
                .table(TableInfo.builder(TableId.of("public", "measurement_2025")).notNullColumn("id", integer())
                        .column("value", integer()).rowCount(5)
                        .inherits(TableId.of("public", "measurement"), Inheritance.Kind.PARTITION_OF))
                .view(ViewInfo.of("v_2024", Reference.column("measurement_2024", "value")))
                .build();
    }

    private static MappingSpec.Builder measurementSpec() {
        return MappingSpec.builder("s").table("measurement", t -> t.withoutKey("append-only").field("id")
                .field("value"));
    }

    @Test
    void partitionsOfAMappedParentAreNeitherUnmappedTablesNorBrokenConsumers() {
        MappingReview review = MappingReviewer.review(measurementSpec().build(), measurements(), measurements());

        assertThat(review.findings(FindingKind.UNMAPPED_SOURCE_TABLE)).isEmpty();
        assertThat(review.findings(FindingKind.BROKEN_CONSUMER)).isEmpty();
        assertThat(review.findings(FindingKind.ROWS_COPIED_TWICE)).isEmpty();
    }

    @Test
    void anUnmappedParentIsReportedOnceWithItsPartitions() {
        MappingSpec spec = MappingSpec.builder("s").table("other", t -> t.key("id")).build();
        Inventory source = measurements().toBuilder().table(TableInfo.builder("other").notNullColumn("id", integer())
                .primaryKey("id")).build();

        MappingReview review = MappingReviewer.review(spec, source, source);

        assertThat(review.findings(FindingKind.UNMAPPED_SOURCE_TABLE)).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("public.measurement");
            assertThat(f.message()).endsWith("with its inheritance children and partitions public.measurement_2024, "
                    + "public.measurement_2025");
        });
    }

    @Test
    void mappingAParentAndItsPartitionWarnsThatRowsAreCopiedTwice() {
        MappingSpec spec = measurementSpec().table("measurement_2024", t -> t.withoutKey("append-only").field("id")
                .field("value")).build();

        MappingReview review = MappingReviewer.review(spec, measurements(), measurements());

        assertThat(review.findings(FindingKind.ROWS_COPIED_TWICE)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(FindingSeverity.WARNING);
            assertThat(f.location()).isEqualTo("public.measurement_2024");
            assertThat(f.message()).startsWith("public.measurement_2024 (partition of public.measurement) is mapped, "
                    + "and so is public.measurement, whose reads already return its 10 rows: they would be copied "
                    + "twice");
            assertThat(f.affectedRows()).hasValue(10);
        });
    }

    // ---- domains ----------------------------------------------------------------------------------

    private static final Domain YEAR = new Domain("public.year",
            List.of("CHECK (((VALUE >= 1901) AND (VALUE <= 2155)))"));

    private static Inventory films(boolean domain) {
        return Inventory.builder().table(TableInfo.builder("film").notNullColumn("id", integer())
                .column("release_year", domain ? integer().inDomain(YEAR) : integer()).primaryKey("id")).build();
    }

    @Test
    void valuesTheTargetDomainRefusesAreBlockers() {
        RowsProfile data = new RowsProfile().table("film", List.of("id", "release_year"),
                new Object[] {1, 1999}, new Object[] {2, 1850}, new Object[] {3, null}, new Object[] {4, 2156});
        MappingSpec spec = MappingSpec.builder("s").table("film", t -> t.key("id").field("release_year")).build();

        MappingReview review = MappingReviewer.review(spec, films(false), films(true), data);

        assertThat(review.findings(FindingKind.DOMAIN_CONSTRAINT)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(FindingSeverity.BLOCKER);
            assertThat(f.affectedRows()).hasValue(2);
            assertThat(f.message()).isEqualTo("2 of 4 values break CHECK (((VALUE >= 1901) AND (VALUE <= 2155))) of "
                    + "film.release_year's domain public.year (e.g. key id=2, value 1850)");
        });
    }

    @Test
    void aSourceDomainTheTargetDoesNotKeepIsNoted() {
        MappingSpec spec = MappingSpec.builder("s").table("film", t -> t.key("id").field("release_year")).build();

        MappingReview review = MappingReviewer.review(spec, films(true), films(false));
        MappingReview kept = MappingReviewer.review(spec, films(true), films(true));

        assertThat(review.findings(FindingKind.DOMAIN_CONSTRAINT)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(FindingSeverity.INFO);
            assertThat(f.message()).startsWith("film.release_year is of domain public.year, CHECK (((VALUE >= 1901) "
                    + "AND (VALUE <= 2155))); film.release_year (INTEGER) does not keep that constraint");
        });
        assertThat(kept.findings()).isEmpty();
    }
}
