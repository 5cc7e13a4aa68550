package dev.migrationstudio.mapping;

import static dev.migrationstudio.mapping.Transforms.lowerCase;
import static dev.migrationstudio.mapping.Transforms.trim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.ChinookFixture;
import dev.migrationstudio.InvalidPlanException;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class MappingSpecTest {

    private static MappingSpec customerSpec() {
        return MappingSpec.builder("chinook-to-v2")
                .table("customer").to("client", t -> t
                        .key("customer_id").to("client_id")
                        .field("first_name").to("given_name").transform(trim())
                        .field("last_name").to("family_name").transform(trim())
                        .field("email").transform(trim()).transform(lowerCase())
                                .note("emails are compared case-insensitively in v2")
                        .field("country").ifNull("Unknown")
                        .derive("display_name", List.of("first_name", "last_name"),
                                row -> row.string("first_name").strip() + " " + row.string("last_name").strip())
                        .fill("status", "ACTIVE")
                        .constant("source_system", "chinook")
                        .drop("fax", "no longer collected")
                        .filter("test accounts excluded", List.of("email"),
                                row -> !row.string("email").endsWith("@test.invalid")))
                .build();
    }

    private static Row customer(Object email, Object country) {
        return Row.of("customer_id", 7, "first_name", "  Ada ", "last_name", "Lovelace ", "email", email,
                "country", country, "fax", "+44 20 0000");
    }

    @Test
    void appliesEveryRuleToARowInMemory() {
        TableMapping customer = customerSpec().table("customer").orElseThrow();

        RowResult result = customer.apply(customer("ADA@Example.COM ", null));

        assertThat(result).isInstanceOf(RowResult.Loaded.class);
        Row row = ((RowResult.Loaded) result).row();
        assertThat(row.columns()).containsExactly("client_id", "given_name", "family_name", "email", "country",
                "display_name", "status", "source_system");
        assertThat(row.asMap()).containsEntry("client_id", 7)
                .containsEntry("given_name", "Ada")
                .containsEntry("family_name", "Lovelace")
                .containsEntry("email", "ada@example.com")
                .containsEntry("country", "Unknown")
                .containsEntry("display_name", "Ada Lovelace")
                .containsEntry("status", "ACTIVE")
                .containsEntry("source_system", "chinook");
    }

    @Test
    void filteredRowsNameTheirRule() {
        TableMapping customer = customerSpec().table("customer").orElseThrow();

        assertThat(customer.apply(customer("qa@test.invalid", "FR")))
                .isEqualTo(new RowResult.Filtered("test accounts excluded"));
    }

    @Test
    void aRuleThatCannotCarryAValueRejectsTheRowWithColumnRuleAndReason() {
        MappingSpec spec = MappingSpec.builder("s")
                .table("invoice", t -> t.key("invoice_id").field("total").cast("DECIMAL(4,2)"))
                .build();

        RowResult result = spec.table("invoice").orElseThrow()
                .apply(Row.of("invoice_id", 1, "total", new BigDecimal("123.45")));

        assertThat(result).isEqualTo(new RowResult.Rejected("total", "cast to DECIMAL(4,2)",
                "cannot cast 123.45 to DECIMAL(4,2): it has 3 integer digits and DECIMAL(4,2) holds 2"));
    }

    @Test
    void aNullKeyRejectsTheRow() {
        MappingSpec spec = MappingSpec.builder("s").table("t", t -> t.key("id")).build();

        RowResult result = spec.table("t").orElseThrow().apply(Row.of("id", null));

        assertThat(result).isInstanceOf(RowResult.Rejected.class);
        assertThat(((RowResult.Rejected) result).reason()).contains("key column id is NULL");
    }

    @Test
    void aDerivationCannotReadColumnsItDidNotDeclare() {
        MappingSpec spec = MappingSpec.builder("s").table("t", t -> t.key("id")
                        .derive("full", List.of("first"), row -> row.string("first") + row.string("last")))
                .build();

        RowResult result = spec.table("t").orElseThrow().apply(Row.of("id", 1, "first", "a", "last", "b"));

        assertThat(((RowResult.Rejected) result).describe())
                .isEqualTo("full (derive full from first): IllegalArgumentException: column 'last' was read but "
                        + "not declared; declared reads are [first]");
    }

    @Test
    void aRowMissingAMappedColumnIsASchemaMismatchNotABadRow() {
        TableMapping customer = customerSpec().table("customer").orElseThrow();

        assertThatThrownBy(() -> customer.apply(Row.of("customer_id", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source row of customer -> client has no column 'first_name'");
    }

    @Test
    void describesKeysFieldsDropsAndFilters() {
        TableMapping customer = customerSpec().table("customer").orElseThrow();

        assertThat(customer.sourceKey()).containsExactly("customer_id");
        assertThat(customer.targetKey()).containsExactly("client_id");
        assertThat(customer.fieldFor("given_name").orElseThrow().describe()).isEqualTo("first_name -> given_name: trim");
        assertThat(customer.fieldFor("email").orElseThrow().note()).contains("case-insensitively");
        assertThat(customer.drops()).extracting(TransformRule::describe).containsExactly("drop fax: no longer collected");
        assertThat(customer.sourceColumnsRead())
                .containsExactly("customer_id", "first_name", "last_name", "email", "country");
        assertThat(customer.sourceColumnsMentioned()).contains("fax");
        assertThat(customerSpec().tableFor("client")).isPresent();
    }

    @Test
    void compositeKeysAndKeylessTablesAreExplicit() {
        MappingSpec spec = MappingSpec.builder("s")
                .table("playlist_track", t -> t.key("playlist_id").key("track_id"))
                .table("audit_log", t -> t.field("message").withoutKey("append-only log without an id"))
                .build();

        assertThat(spec.table("playlist_track").orElseThrow().targetKey()).containsExactly("playlist_id", "track_id");
        assertThat(spec.table("audit_log").orElseThrow().isKeyless()).isTrue();
    }

    // --- bad input fails at build(), naming the place -------------------------------------------

    private static String problemsOf(Consumer<TableRules> rules) {
        try {
            MappingSpec.builder("v2").source(ChinookFixture.inventory()).table("customer").to("client", rules).build();
        } catch (InvalidPlanException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected build() to fail");
    }

    @Test
    void rejectsAFieldMappedTwice() {
        assertThat(problemsOf(t -> t.key("customer_id").field("email").field("email").to("mail")))
                .contains("table customer -> client: source field 'email' is mapped twice (to 'email' and 'mail')");
    }

    @Test
    void rejectsTwoSourceFieldsOntoOneTargetColumn() {
        assertThat(problemsOf(t -> t.key("customer_id").field("first_name").to("name").field("last_name").to("name")))
                .contains("table customer -> client: target column 'name' is filled twice "
                        + "(from source field 'first_name' and from source field 'last_name')");
    }

    @Test
    void rejectsADeriveThatReadsAColumnTheSourceTableLacks() {
        assertThat(problemsOf(t -> t.key("customer_id")
                .derive("display_name", List.of("first_name", "middle_name"), row -> "x")))
                .contains("table customer -> client: derived column 'display_name' reads 'middle_name', "
                        + "which source table customer does not have (columns: customer_id, first_name");
    }

    @Test
    void rejectsADropWithNoReason() {
        assertThat(problemsOf(t -> t.key("customer_id").drop("fax", " ")))
                .contains("table customer -> client: drop of 'fax' has no reason; say why the data is not carried over");
    }

    @Test
    void rejectsUnknownColumnsMappingsWithoutKeyAndFieldsBothMappedAndDropped() {
        String problems = problemsOf(t -> t.field("emial").field("fax").drop("fax", "unused").drop("pager", "gone"));

        assertThat(problems)
                .contains("Mapping spec 'v2' is invalid (4 problems)")
                .contains("source field 'fax' is both mapped and dropped")
                .contains("no key declared; declare key(..)")
                .contains("source field 'emial' does not exist in customer; did you mean email? (columns: ")
                .contains("dropped field 'pager' does not exist in customer");
    }

    @Test
    void rejectsUnknownSourceTablesAndEmptySpecs() {
        assertThatThrownBy(() -> MappingSpec.builder("v2").source(ChinookFixture.inventory())
                .table("custmer", t -> t.key("id")).build())
                .hasMessageContaining("source table 'custmer' is not in the source inventory");
        assertThatThrownBy(() -> MappingSpec.builder("empty").build())
                .hasMessageContaining("Mapping spec 'empty' is invalid (1 problem):\n  - it maps no tables");
    }

    @Test
    void rejectsBadCastTypesAndNullFills() {
        assertThatThrownBy(() -> MappingSpec.builder("s").table("t", t -> t.key("id").field("x").cast("(12)")
                .fill("y", null)).build())
                .hasMessageContaining("table t -> t: column 'x': cast type '(12)' is not a SQL type")
                .hasMessageContaining("table t -> t: fill of 'y' needs a value");
    }

    // --- fingerprint ---------------------------------------------------------------------------

    @Test
    void theFingerprintIsStableAcrossRuns() {
        // The value is fixed: a different value means every recorded run would be refused as a changed spec.
        assertThat(customerSpec().fingerprint())
                .isEqualTo(customerSpec().fingerprint())
                .isEqualTo("6386e96ba86720c4f236c0a0c3d8cc35fb9056e526d1a8a69a229c32b17827ec");
    }

    @Test
    void anyChangeInARuleChangesTheFingerprint() {
        String base = fingerprint(t -> t.key("id").field("a").transform(trim()).cast("VARCHAR(10)").ifNull("-")
                .drop("b", "unused"));

        List<String> variants = List.of(
                fingerprint(t -> t.key("id").field("a").transform(trim()).cast("VARCHAR(11)").ifNull("-").drop("b", "unused")),
                fingerprint(t -> t.key("id").field("a").transform(lowerCase()).cast("VARCHAR(10)").ifNull("-").drop("b", "unused")),
                fingerprint(t -> t.key("id").field("a").to("c").transform(trim()).cast("VARCHAR(10)").ifNull("-").drop("b", "unused")),
                fingerprint(t -> t.key("id").field("a").transform(trim()).cast("VARCHAR(10)").ifNull("?").drop("b", "unused")),
                fingerprint(t -> t.key("id").field("a").transform(trim()).cast("VARCHAR(10)").ifNull("-").drop("b", "obsolete")),
                fingerprint(t -> t.key("id").field("a").cast("VARCHAR(10)").transform(trim()).ifNull("-").drop("b", "unused")),
                fingerprint(t -> t.key("id").field("a").transform(trim()).cast("VARCHAR(10)").ifNull(1).drop("b", "unused")),
                fingerprint(t -> t.key("id").field("a").transform(trim()).cast("VARCHAR(10)").ifNull("-").drop("b", "unused")
                        .acknowledge("a", FindingKind.LENGTH_NARROWING, "long values are cut upstream")),
                fingerprint(t -> t.key("id").field("a").transform(trim()).cast("VARCHAR(10)").ifNull("-").drop("b", "unused")
                        .acknowledge("a", FindingKind.LENGTH_NARROWING, "long values are cut elsewhere")),
                fingerprint(t -> t.key("id").field("a").transform(trim()).cast("VARCHAR(10)").ifNull("-").drop("b", "unused")
                        .acknowledge("a", FindingKind.VALUES_REJECTED, "long values are cut upstream")),
                fingerprint(t -> t.key("id").field("a").transform(trim()).cast("VARCHAR(10)").ifNull("-").drop("b", "unused")
                        .acknowledge("b", FindingKind.LENGTH_NARROWING, "long values are cut upstream")),
                MappingSpec.builder("s").table("t").to("u", t -> t.key("id").field("a").transform(trim())
                                .cast("VARCHAR(10)").ifNull("-").drop("b", "unused"))
                        .acknowledge("audit", FindingKind.UNMAPPED_SOURCE_TABLE, "archived").build().fingerprint());

        assertThat(variants).doesNotContain(base).doesNotHaveDuplicates();
    }

    @Test
    void acknowledgementsAreKeptRenderedInTheCanonicalTextAndValidated() {
        MappingSpec spec = MappingSpec.builder("s")
                .table("invoice", t -> t.key("invoice_id").field("total").cast("DECIMAL(6,2)")
                        .acknowledge("total", FindingKind.VALUES_REJECTED, "3 test invoices are quarantined on purpose"))
                .acknowledge("audit_log", FindingKind.UNMAPPED_SOURCE_TABLE, "archived before cutover")
                .build();

        assertThat(spec.table("invoice").orElseThrow().acknowledgements()).singleElement()
                .satisfies(a -> assertThat(a.describe())
                        .isEqualTo("acknowledge VALUES_REJECTED on total: 3 test invoices are quarantined on purpose"));
        assertThat(spec.acknowledgements()).extracting(Acknowledgement::subject).containsExactly("audit_log");
        assertThat(spec.canonicalText())
                .contains("  acknowledge VALUES_REJECTED on total: 3 test invoices are quarantined on purpose\n")
                .endsWith("acknowledge UNMAPPED_SOURCE_TABLE on audit_log: archived before cutover\n");
        assertThat(dev.migrationstudio.report.Docs.mapping(spec).toMarkdown())
                .contains("- VALUES_REJECTED on `total`: 3 test invoices are quarantined on purpose")
                .contains("- UNMAPPED_SOURCE_TABLE on `audit_log`: archived before cutover");
        assertThat(dev.migrationstudio.report.Docs.mapping(spec).toJson())
                .contains("\"kind\": \"VALUES_REJECTED\"").contains("\"reason\": \"archived before cutover\"");

        assertThatThrownBy(() -> MappingSpec.builder("s").table("t", t -> t.key("id")
                        .acknowledge("id", FindingKind.NON_UNIQUE_KEY, " ")
                        .acknowledge("x", FindingKind.NON_UNIQUE_KEY, "a").acknowledge("x", FindingKind.NON_UNIQUE_KEY, "b")
                        .acknowledge("y", null, "c"))
                .acknowledge("t2", FindingKind.UNMAPPED_SOURCE_TABLE, "")
                .build())
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("table t -> t: acknowledgement of NON_UNIQUE_KEY on 'id' has no reason")
                .hasMessageContaining("table t -> t: NON_UNIQUE_KEY on 'x' is acknowledged twice")
                .hasMessageContaining("table t -> t: acknowledgement on 'y' needs the kind of finding it accepts")
                .hasMessageContaining("acknowledgement of UNMAPPED_SOURCE_TABLE on table 't2' has no reason");
    }

    private static String fingerprint(Consumer<TableRules> rules) {
        return MappingSpec.builder("s").table("t").to("u", rules).build().fingerprint();
    }

    @Test
    void aRenamedSpecDiffersByItsNameAlone() {
        MappingSpec spec = customerSpec();

        MappingSpec renamed = spec.renamed("customers-v2");

        assertThat(renamed.name()).isEqualTo("customers-v2");
        assertThat(renamed.fingerprint()).isNotEqualTo(spec.fingerprint());
        assertThat(MappingSpec.renamedText(spec.canonicalText(), "customers-v2")).isEqualTo(renamed.canonicalText());
        assertThat(MappingSpec.fingerprintOf(renamed.canonicalText())).isEqualTo(renamed.fingerprint());
        assertThat(renamed.renamed(spec.name()).fingerprint()).isEqualTo(spec.fingerprint());
        assertThatThrownBy(() -> MappingSpec.renamedText("table a -> b", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a spec's canonical text");
    }
}
