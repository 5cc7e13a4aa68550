package dev.migrationstudio.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationstudio.inventory.Domain;
import dev.migrationstudio.inventory.Inheritance;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.TableInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inventory document shows what a column's domain refuses and which tables a parent's reads include. */
class InventoryDocTest {
    private static final String CHECK = "CHECK (VALUE BETWEEN 1901 AND 2155)";

    /** A partitioned table with one partition, whose {@code year} column is of a domain. */
    private static Inventory inventory() {
        SqlType year = SqlType.integer().inDomain(new Domain("public.year", List.of(CHECK)));
        return Inventory.builder()
                .table(TableInfo.builder("measurement").schema("public").column("id", SqlType.integer())
                        .column("year", year).primaryKey("id"))
                .table(TableInfo.builder("measurement_2024").schema("public").column("id", SqlType.integer())
                        .column("year", year)
                        .inherits(TableId.of("public", "measurement"), Inheritance.Kind.PARTITION_OF))
                .build();
    }

    @Test
    void markdownShowsTheDomainWithItsCheckAndThePartitionsParent() {
        String markdown = Docs.inventory(inventory()).toMarkdown();

        assertThat(markdown)
                .contains("| `year` | INTEGER (domain public.year " + CHECK + ") |")
                .contains("`public.measurement_2024` (partition of public.measurement)")
                .contains("Partition of `public.measurement`: reading the parent returns this table's rows too")
                .contains("Reading it returns the rows of these tables too:\n\n- `public.measurement_2024` (partition)");
    }

    @Test
    void htmlShowsTheDomainWithItsCheckAndThePartitionsParent() {
        String html = Docs.inventory(inventory()).toHtml();

        assertThat(html)
                .contains("INTEGER (domain public.year " + CHECK + ")")
                .contains("<code>public.measurement_2024</code> (partition of public.measurement)")
                .contains("Partition of <code>public.measurement</code>: reading the parent returns");
    }

    @Test
    void jsonGivesTheDomainAndItsChecksAndTheParentAndKind() throws Exception {
        JsonNode tables = new ObjectMapper().readTree(Docs.inventory(inventory()).toJson()).get("tables");

        JsonNode parent = tables.get(0);
        JsonNode child = tables.get(1);
        assertThat(parent.get("name").asText()).isEqualTo("measurement");
        assertThat(parent.get("inheritance").isNull()).isTrue();
        assertThat(parent.get("columns").get(0).get("domain").isNull()).isTrue();
        JsonNode domain = parent.get("columns").get(1).get("domain");
        assertThat(domain.get("name").asText()).isEqualTo("public.year");
        assertThat(domain.get("checks").get(0).asText()).isEqualTo(CHECK);
        assertThat(child.get("name").asText()).isEqualTo("measurement_2024");
        assertThat(child.get("inheritance").get("parent").asText()).isEqualTo("public.measurement");
        assertThat(child.get("inheritance").get("kind").asText()).isEqualTo("PARTITION_OF");
    }
}
