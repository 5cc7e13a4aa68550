package dev.migrationstudio.cli;

import dev.migrationstudio.MigrationPlan;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.verify.Verifier;

/**
 * A migration plan the command line can run: implement it in a public class with a public no-argument
 * constructor, put the class in a jar and name it with {@code --plan}.
 *
 * <pre>{@code
 * public final class ShopPlan implements PlanDefinition {
 *     public MigrationPlan plan(PlanContext context) {
 *         MappingSpec spec = ShopMapping.spec();
 *         JdbcMigrator migrator = context.migrator(spec).load();
 *         return MigrationPlan.builder("shop v2").mapping(spec)
 *             .runbook(Runbook.named("shop v2 cutover")
 *                 .step("final delta").owner("data").run(CutoverSteps.catchUp(migrator))
 *                 .gate("verification green", VerificationGate.of(context.verifier(spec)))
 *                 .build())
 *             .build();
 *     }
 * }
 * }</pre>
 *
 * <p>{@code migrate} and {@code dry-run} run {@link #migrator}, {@code verify} runs {@link #verifier},
 * {@code rehearse} and {@code cutover} run the plan's runbook and rollback plan.
 */
public interface PlanDefinition {

    /**
     * Builds the plan against the databases the command line connected to.
     *
     * @param context the source and target, and the migrator and verifier configured for them
     * @return the plan the commands run; its mapping is the spec that {@link #migrator} and {@link #verifier} use
     */
    MigrationPlan plan(PlanContext context);

    /**
     * The migration {@code migrate} and {@code dry-run} run (default: {@link PlanContext#migrator} of the
     * plan's mapping: source, target, spec and the command line's progress display).
     *
     * @param context the databases and the command line's settings
     * @param plan the plan {@link #plan} returned
     * @return the migrator configuration, not yet loaded; the command line loads it
     */
    default JdbcMigrator.Configuration migrator(PlanContext context, MigrationPlan plan) {
        return context.migrator(plan.mapping());
    }

    /**
     * The verification {@code verify} runs (default: {@link PlanContext#verifier} of the plan's
     * mapping: row counts, checksums and constraints).
     *
     * @param context the databases and the command line's settings
     * @param plan the plan {@link #plan} returned
     * @return the verifier with the checks to run
     */
    default Verifier verifier(PlanContext context, MigrationPlan plan) {
        return context.verifier(plan.mapping());
    }
}
