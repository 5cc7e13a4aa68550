package dev.migrationstudio.report;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.cutover.RollbackPlan;
import dev.migrationstudio.cutover.Runbook;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.report.internal.InventoryDoc;
import dev.migrationstudio.report.internal.MappingDoc;
import dev.migrationstudio.report.internal.ReviewDoc;
import dev.migrationstudio.report.internal.RiskDoc;
import dev.migrationstudio.report.internal.RunbookDoc;
import dev.migrationstudio.review.MappingReview;
import dev.migrationstudio.risk.RiskRegister;
import java.util.Optional;

/**
 * The documents of a plan's parts, each a {@link Doc} to render as Markdown, HTML or JSON. The
 * results of a run make their own ({@code MigrationResult.toDoc()}, {@code VerificationReport.toDoc()},
 * {@link dev.migrationstudio.cutover.CutoverResult#toDoc()}).
 *
 * <pre>{@code
 * String html = Docs.review(review).toHtml();
 * }</pre>
 */
public final class Docs {

    private Docs() {
    }

    /**
     * The inventory: totals, load order, a Mermaid dependency diagram (cycles highlighted), tables
     * with their parent or children (PostgreSQL inheritance and partitions), columns with their domain
     * and its CHECK constraints, keys, views, sequences and artifacts.
     *
     * @param inventory the inventory; not null
     * @return the document
     */
    public static Doc inventory(Inventory inventory) {
        return InventoryDoc.of(checkNotNull(inventory, "inventory"));
    }

    /**
     * The risk register: a severity x likelihood matrix, risks by score, ordering constraints.
     *
     * @param register the register; not null
     * @return the document
     */
    public static Doc risks(RiskRegister register) {
        return RiskDoc.of(checkNotNull(register, "register"));
    }

    /**
     * The mapping spec: per table, every target column with its source and rules, drops and filters.
     *
     * @param spec the spec; not null
     * @return the document
     */
    public static Doc mapping(MappingSpec spec) {
        return MappingDoc.of(checkNotNull(spec, "spec"));
    }

    /**
     * The mapping review: the verdict, blockers with measured numbers and fixes, acknowledged
     * findings with their reasons, warnings, notes, and what was measured in each source table.
     *
     * @param review the review; not null
     * @return the document
     */
    public static Doc review(MappingReview review) {
        return ReviewDoc.of(checkNotNull(review, "review"));
    }

    /**
     * The runbook: numbered steps with owners and durations, gates, the point of no return, communication.
     *
     * @param runbook the runbook; not null
     * @return the document
     */
    public static Doc runbook(Runbook runbook) {
        return RunbookDoc.runbook(checkNotNull(runbook, "runbook"));
    }

    /**
     * The rollback plan: RTO and steps.
     *
     * @param plan the rollback plan; not null
     * @return the document
     */
    public static Doc rollback(RollbackPlan plan) {
        return RunbookDoc.rollback(checkNotNull(plan, "plan"), Optional.empty());
    }

    /**
     * The rollback plan with where it applies in the runbook (which steps it undoes, the point of no return).
     *
     * @param plan the rollback plan; not null
     * @param runbook the runbook it undoes; not null
     * @return the document
     */
    public static Doc rollback(RollbackPlan plan, Runbook runbook) {
        return RunbookDoc.rollback(checkNotNull(plan, "plan"), Optional.of(checkNotNull(runbook, "runbook")));
    }
}
