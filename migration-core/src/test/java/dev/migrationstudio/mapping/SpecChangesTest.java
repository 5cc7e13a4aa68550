package dev.migrationstudio.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpecChangesTest {

    private static MappingSpec spec(boolean lowerCase, boolean withInvoices, String status) {
        MappingSpec.Builder builder = MappingSpec.builder("shop")
                .table("customer").to("client", t -> {
                    t.key("customer_id").to("client_id");
                    if (lowerCase) {
                        t.field("email").transform(Transforms.trim()).transform(Transforms.lowerCase());
                    } else {
                        t.field("email").transform(Transforms.trim());
                    }
                    t.fill("status", status).drop("fax", "no longer collected");
                });
        if (withInvoices) {
            builder.table("invoice", t -> t.key("invoice_id").field("total"));
        }
        return builder.build();
    }

    @Test
    void namesTheFieldsWhoseRulesChangedWithBothVersions() {
        List<String> changes = SpecChanges.between(spec(false, true, "ACTIVE").canonicalText(),
                spec(true, true, "ACTIVE").canonicalText());

        assertThat(changes).hasSize(1);
        assertThat(changes.get(0))
                .isEqualTo("table \"customer\" -> \"client\": field email -> email: was \"| trim\", now \"| trim | lower case\"");
    }

    @Test
    void namesTablesAddedAndRemovedAndFilledValuesChanged() {
        List<String> changes = SpecChanges.between(spec(false, true, "ACTIVE").canonicalText(),
                spec(false, false, "NEW").canonicalText());

        assertThat(changes).anySatisfy(c -> assertThat(c).startsWith("table \"customer\" -> \"client\": field - -> status")
                        .contains("ACTIVE").contains("NEW"))
                .anySatisfy(c -> assertThat(c).isEqualTo("table \"invoice\" -> \"invoice\": removed"));
    }

    @Test
    void tellsAChangeOfJavaCodeUnderTheSameRule() {
        MappingSpec before = MappingSpec.builder("shop").table("customer", t -> t.key("id")
                .filter("adults", java.util.List.of("age"), row -> row.integer("age") >= 18)).build();
        MappingSpec after = MappingSpec.builder("shop").table("customer", t -> t.key("id")
                .filter("adults", java.util.List.of("age"), row -> row.integer("age") >= 21)).build();

        assertThat(SpecChanges.between(before.canonicalText(), after.canonicalText()))
                .singleElement().asString().contains("the Java code changed in").contains("adults");
    }

    @Test
    void findsNothingBetweenEqualSpecs() {
        assertThat(SpecChanges.between(spec(true, true, "ACTIVE").canonicalText(),
                spec(true, true, "ACTIVE").canonicalText())).isEmpty();
    }
}
