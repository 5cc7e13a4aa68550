package dev.migrationstudio.risk;

import static dev.migrationstudio.risk.Likelihood.POSSIBLE;
import static dev.migrationstudio.risk.Likelihood.RARE;
import static dev.migrationstudio.risk.Severity.CRITICAL;
import static dev.migrationstudio.risk.Severity.HIGH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.ChinookFixture;
import dev.migrationstudio.InvalidPlanException;
import dev.migrationstudio.inventory.Artifact;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.Reference;
import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.inventory.ViewInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskRulesTest {

    private static Inventory troubled() {
        return Inventory.builder()
                .table(TableInfo.builder("events").column("payload", SqlType.text()).column("at", SqlType.timestamp())
                        .rowCount(5_000_000))
                .table(TableInfo.builder("document").column("id", SqlType.integer()).column("body", SqlType.blob())
                        .column("price", SqlType.parse("money")).primaryKey("id").rowCount(10))
                .table(TableInfo.builder("node").column("id", SqlType.integer()).column("parent", SqlType.integer())
                        .primaryKey("id").references("parent", "node", "id"))
                .artifact(Artifact.service("audit").reads("node"))
                .build();
    }

    @Test
    void findsEachStandardRisk() {
        RiskRegister register = RiskRules.standard().assess(troubled());

        assertThat(register.risks()).extracting(r -> r.rule().orElseThrow() + ": " + r.title()).containsExactly(
                "no-primary-key: Table events has no primary key",
                "foreign-key-cycle: Table node references itself (node -> node via node.node_parent_fkey (parent) -> node(id))",
                "lob-column: Column events.payload holds large or binary values (TEXT)",
                "lob-column: Column document.body holds large or binary values (BLOB)",
                "large-table: Table events is very large (5,000,000 rows)",
                "unsupported-type: Column document.price has unsupported type money");
        assertThat(register.risks()).extracting(Risk::id).containsExactly("R1", "R2", "R3", "R4", "R5", "R6");
        assertThat(register.risks()).allSatisfy(r -> assertThat(r.isMitigated()).isTrue());
    }

    @Test
    void thresholdsAndUnsupportedTypesAreConfigurable() {
        RiskRegister register = RiskRules.standard().largeTableThreshold(9).unsupportedTypes("timestamp")
                .assess(troubled());

        assertThat(register.risks()).extracting(Risk::title)
                .contains("Table document is very large (10 rows)", "Column events.at has unsupported type TIMESTAMP");
    }

    @Test
    void houseRulesRunBesideTheStandardOnes() {
        RiskRegister register = RiskRules.standard()
                .with(inventory -> List.of(Risk.automatic("owners", "Tables without an owner", Severity.LOW,
                        Likelihood.LIKELY, "assign owners", List.of())))
                .assess(troubled());

        assertThat(register.risks()).extracting(Risk::title).contains("Tables without an owner");
    }

    @Test
    void foreignKeysBecomeOrderingConstraintsAndRisksCarryTheirBlastRadius() {
        Inventory chinook = ChinookFixture.inventory().toBuilder()
                .artifact(Artifact.service("hr-portal").reads("employee")).build();

        RiskRegister register = RiskRules.standard().assess(chinook);

        assertThat(register.orderingConstraints()).hasSize(10)
                .extracting(OrderingConstraint::toString)
                .contains("artist before album (album has a foreign key to artist)");
        Risk selfReference = register.risks().get(0);
        assertThat(selfReference.title()).startsWith("Table employee references itself");
        assertThat(selfReference.blastRadius())
                .containsExactly("artifact hr-portal", "table customer", "table invoice", "table invoice_line");
    }

    @Test
    void viewsReadingAnAffectedTableAreInItsBlastRadius() {
        Inventory chinook = ChinookFixture.inventory().toBuilder()
                .view(ViewInfo.of("v_sales", Reference.column("invoice_line", "unit_price")))
                .view(ViewInfo.of("v_genres", Reference.table("genre")))
                .build();

        Risk selfReference = RiskRules.standard().assess(chinook).risks().get(0);

        assertThat(selfReference.blastRadius())
                .containsExactly("table customer", "table invoice", "table invoice_line", "view v_sales");
    }

    @Test
    void declaredRisksLiveBesideAutomaticFindings() {
        RiskRegister register = RiskRules.standard().assess(troubled()).toBuilder()
                .risk("invoice.total must keep cents").severity(HIGH).likelihood(POSSIBLE)
                    .mitigation("map to NUMERIC(12,2), verify sums").affects("invoice")
                .risk("DNS switch propagates slowly").severity(CRITICAL).likelihood(RARE)
                .order("document", "events", "events reference documents by id")
                .build();

        assertThat(register.risks()).hasSize(8);
        Risk cents = register.risk("R7").orElseThrow();
        assertThat(cents.title()).isEqualTo("invoice.total must keep cents");
        assertThat(cents.isAutomatic()).isFalse();
        assertThat(cents.score()).isEqualTo(9);
        assertThat(register.risk("R8").orElseThrow().isMitigated()).isFalse();
        assertThat(register.sortedByScore().get(0).score()).isEqualTo(12);
        assertThat(register.matrix().get(HIGH).get(POSSIBLE)).isEqualTo(2);
        assertThat(register.orderingConstraints()).extracting(OrderingConstraint::toString)
                .contains("document before events (events reference documents by id)");
    }

    @Test
    void aDeclaredRiskNeedsSeverityAndLikelihood() {
        assertThatThrownBy(() -> RiskRegister.builder().risk("vague worry").mitigation("hope").build())
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("risk 'vague worry' has no severity")
                .hasMessageContaining("risk 'vague worry' has no likelihood");
    }

    @Test
    void aRiskTitleDeclaredTwiceIsRejected() {
        assertThatThrownBy(() -> RiskRegister.builder()
                .risk("x").severity(HIGH).likelihood(RARE)
                .risk("x").severity(HIGH).likelihood(RARE).build())
                .hasMessageContaining("risk 'x' is declared twice");
    }
}
