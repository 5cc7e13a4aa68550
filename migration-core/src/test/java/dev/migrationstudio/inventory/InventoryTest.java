package dev.migrationstudio.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.ChinookFixture;
import dev.migrationstudio.InvalidPlanException;
import org.junit.jupiter.api.Test;

class InventoryTest {

    @Test
    void findsTablesByUnqualifiedOrQualifiedName() {
        Inventory inventory = Inventory.builder()
                .table(TableInfo.builder("customer").schema("sales").column("id", SqlType.integer()).build())
                .build();

        assertThat(inventory.table("customer")).isPresent();
        assertThat(inventory.table(TableId.of("sales", "customer"))).isPresent();
        assertThat(inventory.table(TableId.of("crm", "customer"))).isEmpty();
    }

    @Test
    void anUnqualifiedNameInTwoSchemasIsAmbiguous() {
        Inventory inventory = Inventory.builder()
                .table(TableInfo.builder("customer").schema("sales").column("id", SqlType.integer()).build())
                .table(TableInfo.builder("customer").schema("crm").column("id", SqlType.integer()).build())
                .build();

        assertThatThrownBy(() -> inventory.table("customer"))
                .hasMessageContaining("table name 'customer' is ambiguous: sales.customer, crm.customer");
    }

    @Test
    void rejectsTablesListedTwice() {
        assertThatThrownBy(() -> Inventory.builder()
                .table(TableInfo.builder("artist").column("id", SqlType.integer()).build())
                .table(TableInfo.builder("artist").column("id", SqlType.integer()).build())
                .build())
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("table artist is listed twice");
    }

    @Test
    void rejectsArtifactsThatReadWhatIsNotThere() {
        assertThatThrownBy(() -> ChinookFixture.inventory().toBuilder()
                .artifact(Artifact.service("billing-api").reads("invoce", "invoice.totl").dependsOn("ledger"))
                .build())
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("artifact 'billing-api' references table 'invoce', which is not in the inventory")
                .hasMessageContaining("artifact 'billing-api' references column 'invoice.totl', which the table does not have")
                .hasMessageContaining("artifact 'billing-api' depends on 'ledger', which is not in the inventory")
                .satisfies(e -> assertThat(((InvalidPlanException) e).problems()).hasSize(3));
    }

    @Test
    void rejectsKeysOnColumnsTheTableLacks() {
        assertThatThrownBy(() -> TableInfo.builder("track").column("track_id", SqlType.integer())
                .primaryKey("id").references("album", "album", "album_id").build())
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("table track: primary key track_pkey names column 'id', which the table does not have")
                .hasMessageContaining("table track: foreign key track_album_fkey names column 'album'");
    }

    @Test
    void rejectsColumnsDeclaredTwiceAndNegativeCounts() {
        assertThatThrownBy(() -> TableInfo.builder("t").column("a", SqlType.integer()).column("a", SqlType.text())
                .build())
                .hasMessageContaining("table t: column 'a' is declared twice");
        assertThatThrownBy(() -> TableInfo.builder("t").rowCount(-1))
                .hasMessageContaining("row count of t must not be negative, got -1");
    }

    @Test
    void keepsDeclaredArtifactsWithTheirReadsAndOwners() {
        Inventory inventory = ChinookFixture.inventory().toBuilder()
                .artifact(Artifact.service("billing-api").owner("payments").reads("invoice", "invoice_line.unit_price"))
                .artifact(Artifact.job("nightly-report").owner("finance").reads("invoice").dependsOn("billing-api"))
                .build();

        Artifact billing = inventory.artifact("billing-api").orElseThrow();
        assertThat(billing.kind()).isEqualTo(ArtifactKind.SERVICE);
        assertThat(billing.owner()).hasValue("payments");
        assertThat(billing.reads()).extracting(Reference::toString).containsExactly("invoice", "invoice_line.unit_price");
        assertThat(inventory.tables()).hasSize(11);
        assertThat(inventory.totalRows()).isEqualTo(15_607);
    }

    @Test
    void columnAndTableValuesAreImmutable() {
        TableInfo table = TableInfo.builder("t").column("a", SqlType.integer()).build();

        assertThatThrownBy(() -> table.columns().add(ColumnInfo.of("b", SqlType.integer())))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(ColumnInfo.of("a", SqlType.integer()).notNull().withDefault("0"))
                .satisfies(c -> {
                    assertThat(c.nullable()).isFalse();
                    assertThat(c.defaultExpression()).hasValue("0");
                });
    }
}
