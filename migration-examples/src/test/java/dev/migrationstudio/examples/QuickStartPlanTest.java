package dev.migrationstudio.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.MigrationPlan;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.RowResult;
import dev.migrationstudio.mapping.TableMapping;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's plan builds and maps rows as documented. */
class QuickStartPlanTest {

    @Test
    void theReadmePlanMapsACustomerAsDocumented() {
        MigrationPlan plan = QuickStartPlan.plan();
        TableMapping customer = plan.mapping().table("customer").orElseThrow();

        RowResult result = customer.apply(Row.of("customer_id", 1, "first_name", " Luís ", "last_name", "Gonçalves",
                "email", "Luisg@Embraer.com.br", "fax", "+55 (12) 3923-5566"));

        assertThat(((RowResult.Loaded) result).row().asMap())
                .containsEntry("client_id", 1)
                .containsEntry("given_name", "Luís")
                .containsEntry("email", "luisg@embraer.com.br")
                .containsEntry("display_name", "Luís Gonçalves")
                .containsEntry("status", "ACTIVE")
                .doesNotContainKey("fax");
    }

    @Test
    void theReadmePlanFiltersZeroInvoices() {
        TableMapping invoice = QuickStartPlan.plan().mapping().table("invoice").orElseThrow();

        assertThat(invoice.apply(Row.of("invoice_id", 9, "customer_id", 2, "total", BigDecimal.ZERO)))
                .isEqualTo(new RowResult.Filtered("no zero invoices"));
    }

    @Test
    void theReadmeShowsTheQuickStartPlanAsCompiled() throws IOException {
        String source = Files.readString(Path.of("src/main/java/dev/migrationstudio/examples/QuickStartPlan.java"));
        String readme = Files.readString(Path.of("../README.md"));

        String snippet = ReadmeSnippets.region(source, "quick-start");

        assertThat(readme).as("README.md must show the quick-start code exactly as it compiles in QuickStartPlan")
                .contains(snippet);
    }
}
