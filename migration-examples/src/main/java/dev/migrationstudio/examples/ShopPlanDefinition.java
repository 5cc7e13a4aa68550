package dev.migrationstudio.examples;

import dev.migrationstudio.MigrationPlan;
import dev.migrationstudio.cli.PlanContext;
import dev.migrationstudio.cli.PlanDefinition;
import dev.migrationstudio.cutover.RollbackPlan;
import dev.migrationstudio.cutover.Runbook;
import dev.migrationstudio.jdbc.CutoverSteps;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.verify.VerificationGate;
import java.time.Duration;

/** The quick-start shop as a plan the command line runs, as shown in the README. */
// snippet:start cli-plan
public final class ShopPlanDefinition implements PlanDefinition {

    @Override
    public MigrationPlan plan(PlanContext context) {
        MigrationPlan shop = QuickStartPlan.plan();                 // inventory, risks, mapping
        MappingSpec spec = shop.mapping();
        JdbcMigrator migrator = context.migrator(spec).load();      // source, target, progress display
        Runbook runbook = Runbook.named("shop v2 cutover")
            .step("final delta").owner("data").expect(Duration.ofMinutes(5)).run(CutoverSteps.catchUp(migrator))
            .gate("verification green", VerificationGate.of(context.verifier(spec)))
            .step("switch reads to v2").owner("ops").expect(Duration.ofMinutes(3)).pointOfNoReturn()
            .build();
        RollbackPlan rollback = RollbackPlan.named("back to legacy").rto(Duration.ofMinutes(15))
            .step("empty v2").owner("dba").expect(Duration.ofMinutes(5)).run(CutoverSteps.resetTarget(migrator))
            .build();
        return MigrationPlan.builder("shop v2").inventory(shop.inventory()).risks(shop.risks()).mapping(spec)
            .runbook(runbook).rollback(rollback).build();
    }
}
// snippet:end cli-plan
