package dev.migrationstudio.review;

import static dev.migrationstudio.inventory.SqlType.decimal;
import static dev.migrationstudio.inventory.SqlType.integer;
import static dev.migrationstudio.inventory.SqlType.timestamp;
import static dev.migrationstudio.inventory.SqlType.varchar;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationstudio.inventory.Artifact;
import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.IndexInfo;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.Reference;
import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.inventory.ViewInfo;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.TableRules;
import dev.migrationstudio.mapping.Transforms;
import dev.migrationstudio.report.DocumentFormat;
import dev.migrationstudio.report.EvidencePack;
import dev.migrationstudio.report.Docs;
import dev.migrationstudio.risk.Likelihood;
import dev.migrationstudio.risk.Risk;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class MappingReviewerTest {

    private static final List<String> CUSTOMER_COLUMNS = List.of("customer_id", "first_name", "email", "company",
            "support_rep_id", "balance", "joined");

    private static Inventory source() {
        return Inventory.builder()
                .table(TableInfo.builder("employee").notNullColumn("employee_id", integer())
                        .notNullColumn("name", varchar(40)).primaryKey("employee_id").rowCount(2))
                .table(TableInfo.builder("customer").notNullColumn("customer_id", integer())
                        .notNullColumn("first_name", varchar(40)).notNullColumn("email", varchar(60))
                        .column("company", varchar(80)).column("support_rep_id", integer())
                        .column("balance", decimal(10, 3)).column("joined", timestamp())
                        .primaryKey("customer_id").references("support_rep_id", "employee", "employee_id").rowCount(4))
                .view(ViewInfo.of("v_names", Reference.column("customer", "first_name")))
                .view(ViewInfo.of("v_top", Reference.column("v_names", "first_name")))
                .artifact(Artifact.service("crm").reads("customer.company"))
                .build();
    }

    private static RowsProfile data() {
        return new RowsProfile()
                .table("employee", List.of("employee_id", "name"), new Object[] {1, "Ada"}, new Object[] {2, "Bob"})
                .table("customer", CUSTOMER_COLUMNS,
                        new Object[] {1, "Luís", "luis@example.com", "Embraer", 1, new BigDecimal("10.500"),
                                LocalDateTime.of(2021, 1, 1, 0, 0)},
                        new Object[] {2, "Leonie", "LEONIE@example.com", null, 1, new BigDecimal("3.125"),
                                LocalDateTime.of(2021, 2, 1, 9, 30)},
                        new Object[] {3, "François-Xavier", "fx@example.com", null, null, null, null},
                        new Object[] {4, "Bjørn", "luis@example.com", "Acme", 2, new BigDecimal("-1.000"),
                                LocalDateTime.of(2022, 3, 1, 0, 0)});
    }

    /** A target that takes every customer column unchanged: the clean case. */
    private static TableInfo.Builder client() {
        return TableInfo.builder("client").notNullColumn("client_id", integer())
                .notNullColumn("first_name", varchar(40)).notNullColumn("email", varchar(60))
                .column("company", varchar(80)).column("support_rep_id", integer())
                .column("balance", decimal(10, 3)).column("joined", timestamp()).primaryKey("client_id")
                .references("support_rep_id", "employee", "employee_id");
    }

    private static Inventory target(TableInfo.Builder client) {
        return Inventory.builder().table(TableInfo.builder("employee").notNullColumn("employee_id", integer())
                        .notNullColumn("name", varchar(40)).primaryKey("employee_id"))
                .table(client).build();
    }

    private static MappingSpec spec(Consumer<TableRules> customer) {
        return MappingSpec.builder("review-test")
                .table("employee", t -> t.key("employee_id").field("name"))
                .table("customer").to("client", customer)
                .build();
    }

    private static Consumer<TableRules> allColumns() {
        return t -> t.key("customer_id").to("client_id").field("first_name").field("email").field("company")
                .field("support_rep_id").field("balance").field("joined");
    }

    private static MappingReview review(Consumer<TableRules> customer, TableInfo.Builder client) {
        Inventory source = Inventory.builder().table(source().table("employee").orElseThrow())
                .table(source().table("customer").orElseThrow()).build();
        return MappingReviewer.review(spec(customer), source, target(client), data());
    }

    @Test
    void aCleanMappingYieldsNoFindings() {
        MappingReview review = review(allColumns(), client());

        assertThat(review.findings()).isEmpty();
        assertThat(review.passed()).isTrue();
        assertThat(review.measured()).isTrue();
        assertThat(review.summary()).isEqualTo("PASSED: 0 blockers, 0 warnings, 0 notes");
    }

    @Test
    void eachTableIsMeasuredOnceWithEverythingTheReviewNeeds() {
        RowsProfile data = data();

        MappingReviewer.review(spec(allColumns()), source(), target(client()), data);

        assertThat(data.calls("customer")).isEqualTo(1);
        assertThat(data.calls("employee")).isEqualTo(1);
    }

    private static TableInfo.Builder clientWith(ColumnInfo... replaced) {
        TableInfo base = client().build();
        TableInfo.Builder builder = TableInfo.builder("client");
        for (ColumnInfo column : base.columns()) {
            builder.column(List.of(replaced).stream().filter(r -> r.name().equals(column.name())).findFirst()
                    .orElse(column));
        }
        base.primaryKey().ifPresent(builder::primaryKey);
        base.foreignKeys().forEach(builder::foreignKey);
        return builder;
    }

    @Test
    void measuresLengthNarrowingWithTheLongestValueAndItsKey() {
        MappingReview review = review(allColumns(), clientWith(ColumnInfo.of("first_name", varchar(6)).notNull()));

        assertThat(review.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.LENGTH_NARROWING);
            assertThat(f.severity()).isEqualTo(FindingSeverity.BLOCKER);
            assertThat(f.location()).isEqualTo("customer.first_name -> client.first_name");
            assertThat(f.affectedRows()).hasValue(1);
            assertThat(f.message()).isEqualTo("1 of 4 values exceed VARCHAR(6); the longest has 15 characters "
                    + "(key customer_id=3)");
            assertThat(f.fix()).startsWith("widen client.first_name to VARCHAR(15) or more");
        });
        assertThat(review.passed()).isFalse();
    }

    @Test
    void aNarrowerTypeTheDataFitsIsAWarningWithTheHeadroom() {
        MappingReview review = review(allColumns(), clientWith(ColumnInfo.of("first_name", varchar(20)).notNull()));

        assertThat(review.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(FindingSeverity.WARNING);
            assertThat(f.affectedRows()).hasValue(0);
            assertThat(f.message()).isEqualTo("VARCHAR(40) -> VARCHAR(20) narrows (length narrowing), but none of the "
                    + "4 values measured is affected (the longest has 15); values written before cutover may be");
        });
        assertThat(review.passed()).isTrue();
    }

    @Test
    void withoutDataTheSameNarrowingSaysItWasNotMeasured() {
        MappingReview review = MappingReviewer.review(spec(allColumns()), source(),
                target(clientWith(ColumnInfo.of("first_name", varchar(20)).notNull())));

        assertThat(review.measured()).isFalse();
        assertThat(review.findings(FindingKind.LENGTH_NARROWING)).singleElement()
                .satisfies(f -> assertThat(f.message()).endsWith("the data was not measured"));
    }

    @Test
    void countsDecimalPlacesAndTimesOfDayTheTargetWouldDrop() {
        MappingReview review = review(allColumns(),
                clientWith(ColumnInfo.of("balance", decimal(10, 2)), ColumnInfo.of("joined", SqlType.date())));

        assertThat(review.findings()).extracting(Finding::kind)
                .containsExactly(FindingKind.SCALE_NARROWING, FindingKind.TIMESTAMP_TO_DATE);
        assertThat(review.findings(FindingKind.SCALE_NARROWING)).singleElement().satisfies(f -> {
            assertThat(f.affectedRows()).hasValue(1);
            assertThat(f.message()).isEqualTo("1 of 4 values have more decimal places than DECIMAL(10,2) keeps; "
                    + "the most is 3 (key customer_id=2, value 3.125)");
        });
        assertThat(review.findings(FindingKind.TIMESTAMP_TO_DATE)).singleElement()
                .satisfies(f -> assertThat(f.affectedRows()).hasValue(1));
    }

    @Test
    void countsTheRowsACastRejectsWithAnExample() {
        MappingReview review = review(t -> t.key("customer_id").to("client_id").field("first_name").field("email")
                .field("company").cast("INTEGER").field("support_rep_id").field("balance").field("joined"), client());

        assertThat(review.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.VALUES_REJECTED);
            assertThat(f.affectedRows()).hasValue(2);
            assertThat(f.message()).isEqualTo("2 of 4 rows would be rejected and quarantined (2 by 'cast to INTEGER'); "
                    + "e.g. customer_id=1: 'Embraer' (cannot cast 'Embraer' to INTEGER: it is not a number)");
        });
    }

    @Test
    void aDifferentKindOfTargetTypeWithoutACastIsABlockerWithTheValuesThatWouldNotConvert() {
        MappingReview review = review(allColumns(), clientWith(ColumnInfo.of("joined", integer())));

        assertThat(review.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.TYPE_INCOMPATIBLE);
            assertThat(f.affectedRows()).hasValue(3);
            assertThat(f.message()).startsWith("TIMESTAMP -> INTEGER are different kinds of data with no cast between "
                    + "them; 3 of 4 values do not convert to INTEGER");
            assertThat(f.fix()).isEqualTo(".cast(\"INTEGER\") and handle the values that do not convert");
        });
    }

    @Test
    void sourceColumnsLeftBehindAndTargetColumnsNobodyFillsAreCounted() {
        MappingReview review = review(t -> t.key("customer_id").to("client_id").field("first_name").field("email")
                .field("support_rep_id").field("balance").field("joined"), client());

        assertThat(review.findings()).extracting(Finding::kind, Finding::severity, Finding::location, Finding::affectedRows)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(FindingKind.UNMAPPED_SOURCE_COLUMN, FindingSeverity.BLOCKER,
                                "customer.company", java.util.OptionalLong.of(2)),
                        org.assertj.core.groups.Tuple.tuple(FindingKind.UNFILLED_TARGET_COLUMN, FindingSeverity.WARNING,
                                "client.company", java.util.OptionalLong.of(4)));
    }

    @Test
    void nullsIntoANotNullColumnAreABlockerUnlessFilled() {
        TableInfo.Builder strict = clientWith(ColumnInfo.of("company", varchar(80)).notNull());

        assertThat(review(allColumns(), strict).findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.NULLS_INTO_NOT_NULL);
            assertThat(f.affectedRows()).hasValue(2);
            assertThat(f.message()).isEqualTo("2 of 4 rows would put NULL into NOT NULL column client.company "
                    + "(e.g. key customer_id=2)");
        });
        assertThat(review(t -> t.key("customer_id").to("client_id").field("first_name").field("email")
                .field("company").ifNull("n/a").field("support_rep_id").field("balance").field("joined"),
                clientWith(ColumnInfo.of("company", varchar(80)).notNull())).findings()).isEmpty();
    }

    @Test
    void aUniqueTargetKeyFedByRepeatedSourceValuesIsCounted() {
        TableInfo.Builder unique = client().unique("email");

        MappingReview review = review(allColumns(), unique);

        assertThat(review.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.NON_UNIQUE_KEY);
            assertThat(f.location()).isEqualTo("customer(email)");
            assertThat(f.affectedRows()).hasValue(1);
            assertThat(f.message()).isEqualTo("unique key client_email_key of client needs (email) unique, but 1 rows "
                    + "repeat a value an earlier row has (1 values occur more than once, e.g. "
                    + "email='luis@example.com' in 2 rows)");
        });
    }

    /** Four customers, distinct as stored, with these emails and first names. */
    private static RowsProfile customers(String[] emails, String[] names) {
        Object[][] rows = new Object[4][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new Object[] {i + 1, names[i], emails[i], null, null, null, null};
        }
        return new RowsProfile().table("employee", List.of("employee_id", "name"), new Object[] {1, "Ada"})
                .table("customer", CUSTOMER_COLUMNS, rows);
    }

    private static MappingReview reviewEmails(Consumer<TableRules> customer, RowsProfile data) {
        Inventory source = Inventory.builder().table(source().table("employee").orElseThrow())
                .table(source().table("customer").orElseThrow()).build();
        return MappingReviewer.review(spec(customer), source, target(client().unique("email")), data);
    }

    private static Consumer<TableRules> normalisedEmails() {
        return t -> t.key("customer_id").to("client_id").field("first_name")
                .field("email").transform(Transforms.trim()).transform(Transforms.lowerCase())
                .field("company").field("support_rep_id").field("balance").field("joined");
    }

    @Test
    void aUniqueTargetKeyIsCountedAgainAfterRulesThatMergeDistinctSourceValues() {
        String[] names = {"Ada", "Bob", "Cy", "Di"};
        RowsProfile merging = customers(new String[] {"Ada@x.org", " ada@X.org", "bob@x.org", "cy@x.org"}, names);
        RowsProfile distinct = customers(new String[] {"Ada@x.org", "bob@x.org", "cy@x.org", "di@x.org"}, names);

        assertThat(reviewEmails(normalisedEmails(), merging).findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.NON_UNIQUE_KEY);
            assertThat(f.severity()).isEqualTo(FindingSeverity.BLOCKER);
            assertThat(f.affectedRows()).hasValue(1);
            assertThat(f.message()).isEqualTo("unique key client_email_key of client needs (email) unique; the source "
                    + "values are distinct, but after the rules trim, lower case, 1 rows repeat a value an earlier row "
                    + "has (1 values occur more than once)");
        });
        assertThat(reviewEmails(normalisedEmails(), distinct).findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(FindingSeverity.WARNING);
            assertThat(f.message()).endsWith("today's 4 values are all distinct (and still all distinct after the "
                    + "rules trim, lower case)");
        });
    }

    /** The customers of {@link #customers} in a source whose customer table also has this index. */
    private static MappingReview reviewIndexed(String column, IndexInfo index) {
        String[] names = {"Ada", "Bob", "Cy", "Di"};
        RowsProfile data = customers(new String[] {"a@x.org", "b@x.org", "c@x.org", "d@x.org"}, names);
        Inventory source = Inventory.builder().table(source().table("employee").orElseThrow())
                .table(source().table("customer").orElseThrow().toBuilder().index(index)).build();
        return MappingReviewer.review(spec(allColumns()), source, target(client().unique(column)), data);
    }

    @Test
    void aUniqueIndexOnNotNullColumnsEnforcesAUniqueKeyButANullableOrPlainOneDoesNot() {
        assertThat(reviewIndexed("email", new IndexInfo("customer_email_idx", List.of("email"), true)).findings())
                .isEmpty();
        assertThat(reviewIndexed("email", new IndexInfo("customer_email_idx", List.of("email"), false)).findings())
                .singleElement().satisfies(f -> assertThat(f.message()).isEqualTo("unique key client_email_key of "
                        + "client needs (email) unique; the source does not enforce it, though today's 4 values are "
                        + "all distinct"));
        // A unique index lets several rows hold NULL, so a nullable column stays measured and warned about.
        assertThat(reviewIndexed("company", new IndexInfo("customer_company_idx", List.of("company"), true))
                .findings()).singleElement().satisfies(f -> {
                    assertThat(f.kind()).isEqualTo(FindingKind.NON_UNIQUE_KEY);
                    assertThat(f.location()).isEqualTo("customer(company)");
                });
        // An index over an expression keeps the expression unique, not the column.
        assertThat(reviewIndexed("email", new IndexInfo("customer_lower_email_idx", List.of("lower(email)"), true))
                .findings()).singleElement().satisfies(f -> assertThat(f.kind()).isEqualTo(FindingKind.NON_UNIQUE_KEY));
    }

    @Test
    void aUniqueTargetKeyFedByADerivationIsCountedOnTheDerivedValues() {
        Consumer<TableRules> derived = t -> t.key("customer_id").to("client_id").field("first_name")
                .derive("email", List.of("first_name"), r -> r.string("first_name").toLowerCase() + "@x.org")
                .drop("email", "rebuilt from the first name")
                .field("company").field("support_rep_id").field("balance").field("joined");
        String[] emails = {"a@x.org", "b@x.org", "c@x.org", "d@x.org"};

        assertThat(reviewEmails(derived, customers(emails, new String[] {"Ada", "ADA", "Cy", "Di"})).findings())
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(FindingSeverity.BLOCKER);
                    assertThat(f.affectedRows()).hasValue(1);
                    assertThat(f.message()).isEqualTo("unique key client_email_key of client is fed by computed values, "
                            + "and 1 rows would repeat a value an earlier row has (1 values occur more than once)");
                });
        assertThat(reviewEmails(derived, customers(emails, new String[] {"Ada", "Bob", "Cy", "Di"})).findings())
                .singleElement().satisfies(f -> assertThat(f.message()).isEqualTo("unique key client_email_key of "
                        + "client is fed by computed values; today's 4 values are all distinct once computed, but "
                        + "nothing in the source keeps them so"));
    }

    @Test
    void notNullColumnsNobodyFillsAndParentsNobodyMigratesAreBlockers() {
        MappingSpec spec = MappingSpec.builder("s").table("customer").to("client", allColumns()).build();
        Inventory target = target(client().notNullColumn("status", varchar(10)));

        MappingReview review = MappingReviewer.review(spec, source(), target, data());

        assertThat(review.findings(FindingKind.UNFILLED_NOT_NULL)).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("client.status");
            assertThat(f.affectedRows()).hasValue(4);
        });
        assertThat(review.findings(FindingKind.FK_PARENT_NOT_MIGRATED)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(FindingSeverity.BLOCKER);
            assertThat(f.affectedRows()).hasValue(3);
            assertThat(f.message()).isEqualTo("foreign key client_support_rep_id_fkey references employee, which the "
                    + "spec does not migrate and which is empty in the target: 3 of 4 rows have a value, and each "
                    + "would violate the key");
        });
        assertThat(review.findings(FindingKind.UNMAPPED_SOURCE_TABLE)).singleElement()
                .satisfies(f -> assertThat(f.message()).isEqualTo("employee (2 rows) is not mapped: its data stays behind"));
    }

    @Test
    void flagsEveryViewAndArtifactThatARenameOrDropBreaks() {
        MappingSpec spec = MappingSpec.builder("s")
                .table("employee", t -> t.key("employee_id").field("name"))
                .table("customer").to("client", t -> t.key("customer_id").to("client_id")
                        .field("first_name").to("given_name").field("email").drop("company", "no longer kept")
                        .field("support_rep_id").field("balance").field("joined"))
                .build();
        TableInfo.Builder renamed = TableInfo.builder("client").notNullColumn("client_id", integer())
                .notNullColumn("given_name", varchar(40)).notNullColumn("email", varchar(60))
                .column("support_rep_id", integer()).column("balance", decimal(10, 3)).column("joined", timestamp())
                .primaryKey("client_id");

        MappingReview review = MappingReviewer.review(spec, source(), target(renamed), data());

        assertThat(review.findings()).extracting(Finding::kind).containsOnly(FindingKind.BROKEN_CONSUMER);
        assertThat(review.findings()).extracting(Finding::message).containsExactlyInAnyOrder(
                "view v_names reads customer.first_name, which becomes client.given_name",
                "service crm reads customer.company, which the spec drops (no longer kept)",
                "view v_top reads view v_names, which the mapping breaks");
        assertThat(review.blockers()).hasSize(3);
    }

    @Test
    void anAcknowledgedBlockerStaysButNoLongerBlocksAndUnusedAcknowledgementsAreNoted() {
        MappingReview review = review(t -> allColumns().accept(t
                        .acknowledge("first_name", FindingKind.LENGTH_NARROWING, "long names are abbreviated by hand")
                        .acknowledge("email", FindingKind.NON_UNIQUE_KEY, "checked elsewhere")),
                clientWith(ColumnInfo.of("first_name", varchar(6)).notNull()));

        assertThat(review.passed()).isTrue();
        assertThat(review.blockers()).isEmpty();
        assertThat(review.acknowledged()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.LENGTH_NARROWING);
            assertThat(f.severity()).isEqualTo(FindingSeverity.BLOCKER);
            assertThat(f.acknowledgement()).hasValue("long names are abbreviated by hand");
        });
        assertThat(review.notes()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.UNUSED_ACKNOWLEDGEMENT);
            assertThat(f.message()).isEqualTo("the acknowledgement of NON_UNIQUE_KEY on 'email' matches no finding");
        });
    }

    @Test
    void unknownColumnsOfSpecsBuiltWithoutTheSourceAreBlockers() {
        MappingReview review = review(t -> allColumns().accept(t
                .derive("full_name", List.of("first_name", "middle_name"), row -> "x")), client());

        assertThat(review.findings(FindingKind.UNKNOWN_SOURCE_COLUMN)).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("derived column full_name reads middle_name, which "
                        + "source table customer does not have"));
        assertThat(review.findings(FindingKind.UNKNOWN_TARGET_COLUMN)).singleElement()
                .satisfies(f -> assertThat(f.location()).isEqualTo("client.full_name"));
    }

    @Test
    void findingsBecomeRisksWithTheirBlastRadius() {
        MappingSpec spec = MappingSpec.builder("s")
                .table("employee", t -> t.key("employee_id").field("name").cast("VARCHAR(2)"))
                .table("customer").to("client", allColumns())
                .build();

        List<Risk> risks = MappingReviewer.review(spec, source(), target(client()), data()).risks();

        assertThat(risks).filteredOn(r -> r.affects().contains("employee.name -> employee.name")).singleElement()
                .satisfies(r -> {
                    assertThat(r.rule()).hasValue("review-values-rejected");
                    assertThat(r.likelihood()).isEqualTo(Likelihood.ALMOST_CERTAIN);
                    assertThat(r.blastRadius()).containsExactly("artifact crm", "table customer", "view v_names");
                });
        assertThat(risks).filteredOn(r -> r.rule().orElseThrow().equals("review-broken-consumer"))
                .extracting(Risk::title).containsExactlyInAnyOrder(
                        "broken downstream consumer at v_names: view v_names reads customer.first_name, "
                                + "whose table becomes client",
                        "broken downstream consumer at crm: service crm reads customer.company, "
                                + "whose table becomes client",
                        "broken downstream consumer at v_top: view v_top reads view v_names, which the mapping breaks");
    }

    @Test
    void rendersAsMarkdownAndJsonInTheEvidencePack() throws Exception {
        MappingReview review = review(allColumns(), clientWith(ColumnInfo.of("first_name", varchar(6)).notNull()));

        EvidencePack pack = EvidencePack.titled("t").with(review);

        String markdown = pack.document("review", DocumentFormat.MARKDOWN).orElseThrow().content();
        assertThat(markdown).startsWith("# Mapping review: review-test")
                .contains("**NOT PASSED: 1 blocker, 0 warnings, 0 notes**")
                .contains("## Blockers (1)")
                .contains("| 1 | length narrowing | `customer.first_name -> client.first_name` | 1 of 4 values exceed "
                        + "VARCHAR(6); the longest has 15 characters (key customer_id=3) | 1 |")
                .contains("### `customer`");
        assertThat(markdown).isEqualTo(Docs.review(review).toMarkdown());
        JsonNode json = new ObjectMapper().readTree(pack.document("review", DocumentFormat.JSON).orElseThrow().content());
        assertThat(json.get("passed").asBoolean()).isFalse();
        assertThat(json.get("findings").get(0).get("kind").asText()).isEqualTo("LENGTH_NARROWING");
        assertThat(json.get("findings").get(0).get("affectedRows").asLong()).isEqualTo(1);
        assertThat(json.get("profiles").get(1).get("mappings").get(0).get("fields").get(1).get("losses")
                .get("LENGTH_NARROWING").get("rows").asLong()).isEqualTo(1);
    }
}
