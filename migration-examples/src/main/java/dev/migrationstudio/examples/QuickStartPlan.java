package dev.migrationstudio.examples;

import static dev.migrationstudio.mapping.Transforms.lowerCase;
import static dev.migrationstudio.mapping.Transforms.trim;
import static dev.migrationstudio.risk.Likelihood.POSSIBLE;
import static dev.migrationstudio.risk.Severity.HIGH;

import dev.migrationstudio.MigrationPlan;
import dev.migrationstudio.cutover.CommunicationEvent;
import dev.migrationstudio.cutover.GateDecision;
import dev.migrationstudio.cutover.RollbackPlan;
import dev.migrationstudio.cutover.Runbook;
import dev.migrationstudio.inventory.Artifact;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.risk.RiskRegister;
import dev.migrationstudio.risk.RiskRules;
import java.time.Duration;
import java.util.List;

/**
 * A complete migration plan written in the DSL, as shown in the README: a small shop's customers
 * and invoices moving to a redesigned schema. It needs no database.
 */
public final class QuickStartPlan {

    private QuickStartPlan() {
    }

    /** The plan. */
    public static MigrationPlan plan() {
        // snippet:start quick-start
        Inventory inventory = Inventory.builder()
            .table(TableInfo.builder("customer")
                .notNullColumn("customer_id", SqlType.integer())
                .notNullColumn("first_name", SqlType.varchar(40))
                .notNullColumn("last_name", SqlType.varchar(20))
                .notNullColumn("email", SqlType.varchar(60))
                .column("fax", SqlType.varchar(24))
                .primaryKey("customer_id").owner("crm").rowCount(59))
            .table(TableInfo.builder("invoice")
                .notNullColumn("invoice_id", SqlType.integer())
                .notNullColumn("customer_id", SqlType.integer())
                .notNullColumn("total", SqlType.decimal(10, 2))
                .primaryKey("invoice_id").references("customer_id", "customer", "customer_id")
                .owner("billing").rowCount(412))
            .artifact(Artifact.service("billing-api").owner("payments").reads("invoice", "customer.email"))
            .build();

        RiskRegister risks = RiskRules.standard().assess(inventory).toBuilder()
            .risk("invoice.total must keep cents").severity(HIGH).likelihood(POSSIBLE)
                .mitigation("map to DECIMAL(12,2), verify sums").affects("invoice")
            .build();

        MappingSpec spec = MappingSpec.builder("shop-to-v2").source(inventory)
            .table("customer").to("client", t -> t
                .key("customer_id").to("client_id")
                .field("first_name").to("given_name").transform(trim())
                .field("last_name").to("family_name").transform(trim())
                .field("email").transform(trim()).transform(lowerCase())
                    .note("v2 logins compare e-mail case-insensitively")
                .derive("display_name", List.of("first_name", "last_name"),
                    row -> row.string("first_name").strip() + " " + row.string("last_name").strip())
                .fill("status", "ACTIVE")
                .drop("fax", "no longer collected"))
            .table("invoice", t -> t
                .key("invoice_id")
                .field("customer_id").to("client_id")
                .field("total").cast("DECIMAL(12,2)")
                .filter("no zero invoices", List.of("total"), row -> row.decimal("total").signum() != 0))
            .build();

        Runbook runbook = Runbook.named("shop v2 cutover")
            .announce(CommunicationEvent.CUTOVER_STARTED, "#shop-ops", "v2 cutover starting")
            .step("freeze writes").owner("ops").expect(Duration.ofMinutes(2))
                .announce(CommunicationEvent.STEP_STARTED, "customers", "the shop is read-only for 20 minutes")
            .step("final delta migration").owner("data").expect(Duration.ofMinutes(5))
            .gate("verification green", ctx -> GateDecision.go("no differences"))
            .step("switch reads to v2").owner("ops").expect(Duration.ofMinutes(3)).pointOfNoReturn()
            .step("unfreeze writes on v2").owner("ops").expect(Duration.ofMinutes(1))
            .build();

        RollbackPlan rollback = RollbackPlan.named("back to legacy").rto(Duration.ofMinutes(15))
            .step("route reads to legacy").owner("ops").expect(Duration.ofMinutes(3))
            .step("unfreeze writes on legacy").owner("ops").expect(Duration.ofMinutes(1))
            .build();

        MigrationPlan plan = MigrationPlan.builder("shop v2")
            .inventory(inventory).risks(risks).mapping(spec).runbook(runbook).rollback(rollback)
            .build();
        // snippet:end quick-start
        return plan;
    }
}
