package dev.migrationstudio.examples;

import static dev.migrationstudio.test.MappingAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.jdbc.DataProfiler;
import dev.migrationstudio.jdbc.JdbcInventory;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.review.ProfileRequest;
import dev.migrationstudio.test.ScratchTarget;
import dev.migrationstudio.test.WithScratchTarget;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theMappingRunsOnTheEdgesOfARealSource(Engine engine, ScratchTarget v2) {
        try (TestDatabase legacy = engine.create("shop sample"); TestDatabase unused = engine.create("shop v2")) {
            MigrateExampleTest.createShop(legacy, unused);
            TableInfo invoices = JdbcInventory.scan(legacy.dataSource()).table("invoice").orElseThrow();
            TableMapping invoice = SPEC.table("invoice").orElseThrow();

            List<Row> sample = DataProfiler.of(legacy.dataSource())
                .profile(ProfileRequest.of(invoices).withMapping(invoice, Optional.empty())).sampleRows();

            assertThat(sample).extracting(row -> ((Number) row.get("invoice_id")).intValue())
                .containsExactlyInAnyOrder(10, 11, 12);     // largest total, the zero filtered, smallest id
            assertThat(SPEC).table("invoice").mapsWithoutRuleFailures(sample);
            v2.load(SPEC.table("customer").orElseThrow(), List.of(ADA, ADA_LIKE_ALAN));
            assertThat(v2.load(invoice, sample)).isEqualTo(2);
        }
    }

    private static final Row ADA_LIKE_ALAN = Row.of("customer_id", 2, "first_name", "Alan", "last_name", "Turing",
        "email", "alan@example.com", "fax", "+44 1");

    @Test
    void theReadmeShowsThisTest() throws IOException {
        String source = Files.readString(Path.of("src/test/java/dev/migrationstudio/examples/ShopMappingTest.java"));

        assertThat(Files.readString(Path.of("../README.md"))).contains(ReadmeSnippets.region(source, "test-kit"));
    }
}
