package dev.migrationstudio.cli;

import dev.migrationstudio.MigrationPlan;
import dev.migrationstudio.cutover.GateDecision;
import dev.migrationstudio.cutover.RollbackPlan;
import dev.migrationstudio.cutover.Runbook;
import dev.migrationstudio.jdbc.CutoverSteps;
import dev.migrationstudio.jdbc.JdbcInventory;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.verify.VerificationGate;
import java.time.Duration;
import java.util.List;

/** The plan the command line runs in its tests: a customer table renamed, a filter, a verified cutover. */
public final class ShopPlan implements PlanDefinition {

    static final MappingSpec SPEC = MappingSpec.builder("cli-shop")
            .table("customer").to("client", t -> t
                    .key("id")
                    .field("name").to("full_name")
                    .filter("no test accounts", List.of("name"), row -> !row.string("name").startsWith("test")))
            .build();

    @Override
    public MigrationPlan plan(PlanContext context) {
        Runbook runbook = Runbook.named("shop cutover")
                .step("final delta").owner("data").expect(Duration.ofMinutes(1))
                        .run(CutoverSteps.catchUp(context.migrator(SPEC).load()))
                .gate("verification green", VerificationGate.of(context.verifier(SPEC)))
                .step("switch reads").owner("ops").expect(Duration.ofMinutes(1)).pointOfNoReturn()
                .build();
        RollbackPlan rollback = RollbackPlan.named("back").rto(Duration.ofMinutes(5))
                .step("route reads back").owner("ops").expect(Duration.ofMinutes(1))
                .build();
        return MigrationPlan.builder("shop").inventory(JdbcInventory.scan(context.source())).mapping(SPEC).runbook(runbook).rollback(rollback).build();
    }

    /** The same plan whose gate always says NO_GO. */
    public static final class Blocked implements PlanDefinition {
        @Override
        public MigrationPlan plan(PlanContext context) {
            return MigrationPlan.builder("shop").inventory(JdbcInventory.scan(context.source())).mapping(SPEC)
                    .runbook(Runbook.named("blocked cutover")
                            .step("prepare").owner("ops").expect(Duration.ofMinutes(1))
                            .gate("change board", ctx -> GateDecision.noGo("not approved"))
                            .step("switch reads").owner("ops").expect(Duration.ofMinutes(1))
                            .build())
                    .rollback(RollbackPlan.named("back").rto(Duration.ofMinutes(5))
                            .step("undo").owner("ops").expect(Duration.ofMinutes(1)).build())
                    .build();
        }
    }
}
