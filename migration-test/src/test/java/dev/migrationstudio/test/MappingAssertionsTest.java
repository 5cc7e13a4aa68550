package dev.migrationstudio.test;

import static dev.migrationstudio.test.MappingAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.Row;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingAssertionsTest {

    private static final Row LUIS = Row.of("customer_id", 1, "first_name", " Luís ", "email", " Luisg@Embraer.com.br",
            "fax", "+55 (12) 3923-5566");

    @Test
    void passesWhenTheRowLoadsTheNamedValues() {
        assertThat(Specs.SHOP).table("customer").given(LUIS)
                .loads("client_id", 1, "given_name", "Luís", "email", "luisg@embraer.com.br", "status", "ACTIVE");
    }

    @Test
    void comparesDecimalsByValue() {
        assertThat(Specs.SHOP).table("invoice").given("invoice_id", 7, "customer_id", 1, "total", new BigDecimal("1.5"))
                .loads("total", new BigDecimal("1.50"));
    }

    @Test
    void namesTheColumnsThatDiffer() {
        assertThatThrownBy(() -> assertThat(Specs.SHOP).table("customer").given(LUIS).loads("given_name", "Luis"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("given_name: expected 'Luis' but was 'Luís'");
    }

    @Test
    void checksTheWholeRowWhenGivenOne() {
        assertThat(Specs.SHOP).table("customer").given(LUIS).loads(Row.of("client_id", 1, "given_name", "Luís",
                "email", "luisg@embraer.com.br", "status", "ACTIVE"));
        assertThatThrownBy(() -> assertThat(Specs.SHOP).table("customer").given(LUIS)
                .loads(Row.of("client_id", 1, "given_name", "Luís")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("to load columns [client_id, given_name]");
    }

    @Test
    void takesAFilterReadingAValueBeforeItsCastForABugInTheFilter() {
        // Filters run before casts: this filter sees the source's text, and its row.decimal() throws.
        assertThatThrownBy(() -> assertThat(Specs.SHOP).table("invoice")
                .given("invoice_id", 7, "customer_id", 1, "total", "1.5").loads("invoice_id", 7))
                .hasMessageContaining("column 'total' holds String 1.5, not a number")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checksARejectionsColumnRuleAndReason() {
        assertThat(Specs.SHOP).table("invoice").given("invoice_id", 8, "customer_id", 1, "total", new BigDecimal("1.234"))
                .isRejectedAt("total").byRule("cast to DECIMAL(12,2)").withReasonContaining("3 decimal places");
        assertThatThrownBy(() -> assertThat(Specs.SHOP).table("invoice")
                .given("invoice_id", 8, "customer_id", 1, "total", new BigDecimal("1.234")).isRejectedAt("client_id"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("it was rejected at total (cast to DECIMAL(12,2))");
        assertThatThrownBy(() -> assertThat(Specs.SHOP).table("invoice")
                .given("invoice_id", 8, "customer_id", 1, "total", new BigDecimal("1.234")).isRejectedAt("total")
                .withReasonContaining("too long"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("but the reason was 'cannot cast");
    }

    @Test
    void treatsANullKeyAsARejectionAtTheKey() {
        assertThat(Specs.SHOP).table("customer").given("customer_id", null, "first_name", "A", "email", "a@b.c", "fax", null)
                .isRejectedAt("client_id").byRule("key").withReasonContaining("is NULL");
    }

    @Test
    void checksTheFilterThatLeavesARowOut() {
        assertThat(Specs.SHOP).table("invoice").given("invoice_id", 9, "customer_id", 1, "total", new BigDecimal("0.00"))
                .isFilteredBy("no zero invoices");
        assertThatThrownBy(() -> assertThat(Specs.SHOP).table("invoice")
                .given("invoice_id", 9, "customer_id", 1, "total", new BigDecimal("2.00")).isFilteredBy("no zero invoices"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to be filtered by 'no zero invoices', but it was loaded as");
    }

    @Test
    void failsEveryAssertionWhenAFilterThrowsWithTheExceptionAsCause() {
        Row nullTotal = Row.of("invoice_id", 9, "customer_id", 1, "total", null);

        assertThatThrownBy(() -> assertThat(Specs.SHOP).table("invoice").given(nullTotal).isRejectedAt("no zero invoices"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("At 'no zero invoices', the code of the rule [filter 'no zero invoices' reading total] threw")
                .hasMessageContaining("not a rejected value")
                .hasCauseInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> assertThat(Specs.SHOP).table("invoice").given(nullTotal).isFilteredBy("no zero invoices"))
                .hasCauseInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> assertThat(Specs.SHOP).table("invoice").given(nullTotal).loads("invoice_id", 9))
                .hasCauseInstanceOf(NullPointerException.class);
    }

    @Test
    void failsWhenADeriveThrowsButNotWhenAConverterRejectsAValue() {
        MappingSpec spec = MappingSpec.builder("derive").table("person", t -> t.key("id")
                        .derive("initial", List.of("name"), row -> row.string("name").substring(0, 1)))
                .build();

        assertThatThrownBy(() -> assertThat(spec).table("person").given("id", 1, "name", "").loads("initial", ""))
                .hasMessageContaining("threw").hasCauseInstanceOf(StringIndexOutOfBoundsException.class);
        assertThatThrownBy(() -> assertThat(spec).table("person")
                .mapsWithoutRuleFailures(List.of(Row.of("id", 1, "name", "Ann"), Row.of("id", 2, "name", ""))))
                .hasMessageContaining("their code threw on 1:").hasMessageContaining("id=2")
                .hasCauseInstanceOf(StringIndexOutOfBoundsException.class);
        assertThat(Specs.SHOP).table("invoice").mapsWithoutRuleFailures(List.of(
                Row.of("invoice_id", 1, "customer_id", 1, "total", new BigDecimal("1.234")),
                Row.of("invoice_id", 2, "customer_id", 1, "total", new BigDecimal("0"))));
    }

    @Test
    void namesTheTablesASpecMapsWhenOneIsMissing() {
        assertThatThrownBy(() -> assertThat(Specs.SHOP).table("track"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to map source table 'track', but it maps only [customer -> client, invoice -> invoice]");
    }
}
