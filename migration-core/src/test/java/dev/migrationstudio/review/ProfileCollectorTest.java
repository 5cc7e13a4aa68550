package dev.migrationstudio.review;

import static dev.migrationstudio.inventory.SqlType.decimal;
import static dev.migrationstudio.inventory.SqlType.integer;
import static dev.migrationstudio.inventory.SqlType.timestamp;
import static dev.migrationstudio.inventory.SqlType.varchar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.RowLayout;
import dev.migrationstudio.mapping.RowResult;
import dev.migrationstudio.mapping.TableMapping;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfileCollectorTest {

    private static final TableInfo ITEM = TableInfo.builder("item").notNullColumn("id", integer())
            .column("code", varchar(10)).column("price", decimal(12, 4)).column("sold", timestamp())
            .primaryKey("id").build();

    private static ProfileCollector feed(ProfileCollector collector, Object[]... rows) {
        RowLayout layout = collector.layout();
        for (Object[] row : rows) {
            collector.accept(layout.row(row));
        }
        return collector;
    }

    private static final Object[][] ROWS = {
        {1, "A-1", new BigDecimal("12.5000"), LocalDateTime.of(2024, 1, 31, 0, 0)},
        {2, "A-1", new BigDecimal("-3.1250"), LocalDateTime.of(2023, 5, 1, 13, 45)},
        {3, null, new BigDecimal("1234.0000"), null},
        {4, "B-77777", null, LocalDateTime.of(2025, 2, 1, 0, 0)},
        {5, "B-77777", new BigDecimal("0.0001"), null},
        {6, "B-77777", new BigDecimal("7"), null},
    };

    @Test
    void keepsTheRowsHoldingTheEdgesOfTheDataAsSamples() {
        TableMapping mapping = MappingSpec.builder("s").table("item", t -> t.key("id").field("code")
                .field("price").cast("DECIMAL(6,2)")).build().table("item").orElseThrow();

        TableProfile profile = feed(ProfileCollector.of(ProfileRequest.of(ITEM).withMapping(mapping, Optional.empty())),
                ROWS).finish(Duration.ZERO, List.of());

        assertThat(profile.samples()).extracting(SampleRow::why).contains("code is NULL", "longest code (7 characters)",
                "smallest price", "largest price", "earliest sold", "latest sold");
        assertThat(profile.samples()).filteredOn(sample -> sample.why().startsWith("price rejected"))
                .singleElement().satisfies(sample -> assertThat(sample.row().get("id")).isEqualTo(2));
        // A later row with a longer code or a smaller price takes the sample's place: row 1 stays only as
        // the smallest id, row 5 holds no edge; each row is kept once.
        assertThat(profile.sampleRows()).extracting(row -> row.get("id")).containsExactlyInAnyOrder(1, 2, 3, 4, 6);
    }

    @Test
    void measuresNullsLengthsNumbersAndTimesPerColumn() {
        TableProfile profile = feed(ProfileCollector.of(ProfileRequest.of(ITEM)), ROWS).finish(Duration.ZERO, List.of());

        assertThat(profile.rows()).isEqualTo(6);
        ColumnProfile code = profile.column("code").orElseThrow();
        assertThat(code.nulls()).isEqualTo(1);
        assertThat(code.maxLength()).hasValue(7);
        assertThat(code.longest()).hasValue(new ValueExample("id=4", "'B-77777'", "7 characters"));
        ColumnProfile price = profile.column("price").orElseThrow();
        assertThat(price.min()).hasValue(new BigDecimal("-3.1250"));
        assertThat(price.max()).hasValue(new BigDecimal("1234.0000"));
        assertThat(price.maxIntegerDigits()).hasValue(4);
        assertThat(price.maxScale()).hasValue(4);
        ColumnProfile sold = profile.column("sold").orElseThrow();
        assertThat(sold.earliest()).hasValue(LocalDateTime.of(2023, 5, 1, 13, 45));
        assertThat(sold.latest()).hasValue(LocalDateTime.of(2025, 2, 1, 0, 0));
        assertThat(sold.withTimeOfDay()).isEqualTo(1);
    }

    @Test
    void countsDuplicatesOfTheSortedKeyByComparingNeighbours() {
        ProfileRequest request = ProfileRequest.of(ITEM).withKey(List.of("code"));

        TableProfile profile = feed(ProfileCollector.sortedBy(request, List.of("code")), ROWS)
                .finish(Duration.ZERO, List.of());

        assertThat(profile.key(List.of("code"))).hasValue(new KeyProfile(List.of("code"), 1, 2, 3, 2,
                List.of(new ValueExample("code='A-1'", "2 rows", ""), new ValueExample("code='B-77777'", "3 rows", "")),
                Optional.empty()));
    }

    @Test
    void aKeyTheSourceConstrainsIsNotMeasured() {
        ProfileRequest request = ProfileRequest.of(ITEM).withKey(List.of("id", "code"));

        assertThat(request.keysToMeasure()).isEmpty();
        assertThat(feed(ProfileCollector.of(request), ROWS).finish(Duration.ZERO, List.of()).key(List.of("id", "code"))
                .orElseThrow().guaranteedBy()).hasValue("item_pkey");
    }

    @Test
    void appliesEachFieldsRulesIndependentlyAndChecksTheTargetType() {
        TableMapping mapping = MappingSpec.builder("s").table("item", t -> t.key("id")
                        .field("code").cast("VARCHAR(5)")
                        .field("price").ifNull(BigDecimal.ZERO)
                        .derive("label", List.of("code"), row -> row.string("code") == null ? null : row.string("code") + "!")
                        .filter("no free items", List.of("price"), row -> row.decimal("price") == null
                                || row.decimal("price").signum() != 0))
                .build().table("item").orElseThrow();
        TableInfo target = TableInfo.builder("item").notNullColumn("id", integer()).column("code", varchar(5))
                .column("price", decimal(8, 2)).column("label", SqlType.varchar(4)).build();
        ProfileRequest request = ProfileRequest.of(ITEM).withMapping(mapping, Optional.of(target));

        MappingProfile profile = feed(ProfileCollector.of(request), ROWS).finish(Duration.ZERO, List.of())
                .mapping(mapping).orElseThrow();

        assertThat(profile.rows()).isEqualTo(6);
        assertThat(profile.filtered()).isEmpty();
        FieldProfile code = profile.field("code").orElseThrow();
        assertThat(code.rejectedByRule()).containsEntry("cast to VARCHAR(5)", 3L);
        assertThat(code.rejections()).hasSize(3).first().satisfies(e -> assertThat(e.describe()).isEqualTo(
                "id=4: 'B-77777' (value too long for VARCHAR(5): 7 characters, 'B-77777'; the target holds 5)"));
        assertThat(code.nulls()).isEqualTo(1);
        FieldProfile price = profile.field("price").orElseThrow();
        assertThat(price.nulls()).isZero();
        assertThat(price.loss(FindingKind.SCALE_NARROWING).orElseThrow().rows()).isEqualTo(2);
        assertThat(price.loss(FindingKind.SCALE_NARROWING).orElseThrow().worst()).isEqualTo(4);
        FieldProfile label = profile.field("label").orElseThrow();
        assertThat(label.loss(FindingKind.LENGTH_NARROWING).orElseThrow().rows()).isEqualTo(3);
        assertThat(label.loss(FindingKind.LENGTH_NARROWING).orElseThrow().worstExample().orElseThrow().key())
                .isEqualTo("id=4");
    }

    @Test
    void rowsFilteredOutAreNotCheckedAgainstTheTarget() {
        TableMapping mapping = MappingSpec.builder("s").table("item", t -> t.key("id").field("code")
                        .filter("only A codes", List.of("code"), row -> row.string("code") != null
                                && row.string("code").startsWith("A")))
                .build().table("item").orElseThrow();
        TableInfo target = TableInfo.builder("item").notNullColumn("id", integer()).column("code", varchar(3)).build();

        MappingProfile profile = feed(ProfileCollector.of(ProfileRequest.of(ITEM).withMapping(mapping,
                Optional.of(target))), ROWS).finish(Duration.ZERO, List.of()).mapping(mapping).orElseThrow();

        assertThat(profile.filtered()).containsEntry("only A codes", 4L);
        assertThat(profile.rowsKept()).isEqualTo(2);
        assertThat(profile.field("code").orElseThrow().losses()).isEmpty();
    }

    @Test
    void aNullKeyIsCountedAsTheRejectionTheMigrationMakesOfIt() {
        TableMapping mapping = MappingSpec.builder("s").table("item", t -> t.key("code").field("id"))
                .build().table("item").orElseThrow();
        TableInfo target = TableInfo.builder("item").notNullColumn("code", varchar(10)).column("id", integer())
                .primaryKey("code").build();

        MappingProfile profile = feed(ProfileCollector.of(ProfileRequest.of(ITEM).withMapping(mapping,
                Optional.of(target))), ROWS).finish(Duration.ZERO, List.of()).mapping(mapping).orElseThrow();

        // Row 3 has no code: the migration rejects it (TableMapping.apply), so the profile must say so too.
        assertThat(mapping.apply(collectorRow(ROWS[2]))).isInstanceOf(RowResult.Rejected.class);
        FieldProfile code = profile.field("code").orElseThrow();
        assertThat(code.rejected()).isEqualTo(1);
        assertThat(code.rejectedByRule()).containsExactly(entry("key", 1L));
        assertThat(code.rejections()).containsExactly(new ValueExample("id=3", "NULL",
                "key column code is NULL; a row without a key cannot be tracked"));
        assertThat(code.nulls()).isZero();
        // The rejected row never reaches the target key, whose duplicates are counted on the rows that load.
        assertThat(profile.targetKey(List.of("code")).orElseThrow().rowsWithNull()).isZero();
        assertThat(profile.targetKey(List.of("code")).orElseThrow().duplicateRows()).isEqualTo(3);
    }

    private static dev.migrationstudio.mapping.Row collectorRow(Object[] values) {
        return ProfileCollector.of(ProfileRequest.of(ITEM)).layout().row(values);
    }

    @Test
    void rejectsRowsOfAnotherShape() {
        ProfileCollector collector = ProfileCollector.of(ProfileRequest.of(ITEM));

        assertThatThrownBy(() -> collector.accept(RowLayout.of("id").row(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rows of item must have the columns [id, code, price, sold], got [id]");
    }
}
