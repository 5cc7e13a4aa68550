package dev.migrationstudio.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.ChinookFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    private static List<String> names(List<TableId> ids) {
        return ids.stream().map(TableId::toString).toList();
    }

    @Test
    void loadsChinookParentsBeforeChildren() {
        Inventory chinook = ChinookFixture.inventory();

        List<String> order = names(chinook.loadOrder());

        assertThat(order).hasSize(11);
        for (TableInfo table : chinook.tables()) {
            for (ForeignKeyInfo fk : table.foreignKeys()) {
                if (!fk.referencedTable().name().equals(table.name())) {
                    assertThat(order.indexOf(fk.referencedTable().name()))
                            .as("%s loads before %s", fk.referencedTable(), table.name())
                            .isLessThan(order.indexOf(table.name()));
                }
            }
        }
        assertThat(order).containsExactly("artist", "album", "employee", "customer", "genre", "invoice",
                "media_type", "playlist", "track", "invoice_line", "playlist_track");
    }

    @Test
    void reportsTheEmployeeSelfReferenceByName() {
        DependencyGraph graph = ChinookFixture.inventory().dependencyGraph();

        assertThat(graph.cycles()).singleElement().satisfies(cycle -> {
            assertThat(cycle.isSelfReference()).isTrue();
            assertThat(names(cycle.tables())).containsExactly("employee");
            assertThat(cycle.describe()).isEqualTo(
                    "employee -> employee via employee.employee_reports_to_fkey (reports_to) -> employee(employee_id)");
        });
    }

    @Test
    void reportsATwoTableCycleAndStillOrdersEveryTable() {
        Inventory inventory = Inventory.builder()
                .table(TableInfo.builder("department").column("id", SqlType.integer()).column("head_id", SqlType.integer())
                        .primaryKey("id").references("head_id", "person", "id"))
                .table(TableInfo.builder("person").column("id", SqlType.integer()).column("department_id", SqlType.integer())
                        .primaryKey("id").references("department_id", "department", "id"))
                .table(TableInfo.builder("badge").column("person_id", SqlType.integer())
                        .references("person_id", "person", "id"))
                .table(TableInfo.builder("company").column("id", SqlType.integer()).primaryKey("id"))
                .build();

        DependencyGraph graph = inventory.dependencyGraph();

        assertThat(names(graph.loadOrder())).containsExactly("company", "department", "person", "badge");
        assertThat(graph.cycles()).singleElement().satisfies(cycle -> {
            assertThat(cycle.isSelfReference()).isFalse();
            assertThat(names(cycle.tables())).containsExactly("department", "person");
            assertThat(cycle.describe()).startsWith("department <-> person via department.department_head_id_fkey");
        });
        assertThat(names(graph.unloadOrder())).containsExactly("badge", "person", "department", "company");
    }

    @Test
    void namesForeignKeysToTablesOutsideTheInventory() {
        Inventory inventory = Inventory.builder()
                .table(TableInfo.builder("order").column("customer_id", SqlType.integer())
                        .references("customer_id", "customer", "id"))
                .build();

        assertThat(inventory.dependencyGraph().externalReferences())
                .containsExactly("order.order_customer_id_fkey (customer_id) -> customer(id)");
        assertThat(names(inventory.loadOrder())).containsExactly("order");
    }

    @Test
    void blastRadiusFollowsForeignKeysAndDeclaredReads() {
        Inventory inventory = ChinookFixture.inventory().toBuilder()
                .artifact(Artifact.service("store-api").reads("track"))
                .artifact(Artifact.job("royalties").dependsOn("store-api"))
                .artifact(Artifact.service("hr-portal").reads("employee"))
                .build();

        DependencyGraph.BlastRadius radius = inventory.dependencyGraph().blastRadius(TableId.of("album"));

        assertThat(names(List.copyOf(radius.tables()))).containsExactlyInAnyOrder("track", "invoice_line", "playlist_track");
        assertThat(radius.artifacts()).containsExactlyInAnyOrder("store-api", "royalties");
    }

    @Test
    void longChainsDoNotOverflowTheStack() {
        Inventory.Builder builder = Inventory.builder();
        builder.table(TableInfo.builder("t0").column("id", SqlType.integer()).primaryKey("id"));
        for (int i = 1; i < 5_000; i++) {
            builder.table(TableInfo.builder("t" + i).column("id", SqlType.integer()).column("parent", SqlType.integer())
                    .primaryKey("id").references("parent", "t" + (i - 1), "id"));
        }

        List<TableId> order = builder.build().loadOrder();

        assertThat(order).hasSize(5_000);
        assertThat(order.get(0).name()).isEqualTo("t0");
        assertThat(order.get(4_999).name()).isEqualTo("t4999");
    }
}
