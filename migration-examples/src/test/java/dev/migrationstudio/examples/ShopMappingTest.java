package dev.migrationstudio.examples;

import static dev.migrationstudio.test.MappingAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.test.ScratchTarget;
import dev.migrationstudio.test.WithScratchTarget;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The quick-start spec tested with the test kit, as the README shows. */
// snippet:start test-kit
@WithScratchTarget(schema = "/shop/v2-schema.sql")
class ShopMappingTest {

    private static final MappingSpec SPEC = QuickStartPlan.plan().mapping();
    private static final Row ADA = Row.of("customer_id", 1, "first_name", " Ada ", "last_name", "Lovelace",
        "email", "ADA@EXAMPLE.COM", "fax", null);

    @Test
    void aCustomerBecomesAnActiveClient() {
        assertThat(SPEC).table("customer").given(ADA)
            .loads("client_id", 1, "given_name", "Ada", "display_name", "Ada Lovelace", "status", "ACTIVE");
    }

    @Test
    void centsBeyondTheSecondAreRejectedAndZeroInvoicesFiltered() {
        assertThat(SPEC).table("invoice").given("invoice_id", 7, "customer_id", 1, "total", new BigDecimal("1.234"))
            .isRejectedAt("total").withReasonContaining("3 decimal places");
        assertThat(SPEC).table("invoice").given("invoice_id", 8, "customer_id", 1, "total", BigDecimal.ZERO)
            .isFilteredBy("no zero invoices");
    }

    @Test
    void whatTheMappingProducesFitsTheV2Schema(ScratchTarget v2) {
        v2.load(SPEC.table("customer").orElseThrow(), List.of(ADA));

        assertThat(v2.count("client")).isEqualTo(1);
    }
    // snippet:end test-kit

    @Test
    void theReadmeShowsThisTest() throws IOException {
        String source = Files.readString(Path.of("src/test/java/dev/migrationstudio/examples/ShopMappingTest.java"));

        assertThat(Files.readString(Path.of("../README.md"))).contains(ReadmeSnippets.region(source, "test-kit"));
    }
}
