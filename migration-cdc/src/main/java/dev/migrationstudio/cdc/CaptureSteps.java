package dev.migrationstudio.cdc;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.cutover.StepAction;
import dev.migrationstudio.jdbc.CutoverSteps;
import dev.migrationstudio.jdbc.JdbcMigrator;

/**
 * Runbook steps for a migration whose final delta comes from a PostgreSQL slot: apply the slot's
 * changes under the write freeze, and drop the slot once the cutover is done, because a forgotten slot
 * keeps WAL on the source until its disk fills.
 *
 * <pre>{@code
 * runbook.step("final delta", "dba", Duration.ofMinutes(2), CaptureSteps.applyChanges(migrator, capture))
 *        ...
 *        .step("drop the replication slot", "dba", Duration.ofSeconds(5), CaptureSteps.dropSlot(capture));
 * }</pre>
 */
public final class CaptureSteps {
    private CaptureSteps() {
    }

    /**
     * Applies the slot's changes ({@link CutoverSteps#applyChanges}); fails unless the counts balance.
     *
     * @param migrator the migrator whose target receives the changes; not null
     * @param capture the capture whose slot holds the changes since the snapshot load; not null
     * @return a cutover step that applies the pending changes and fails the cutover when the counts do not balance
     */
    public static StepAction applyChanges(JdbcMigrator migrator, PostgresChangeCapture capture) {
        return CutoverSteps.applyChanges(migrator, capture);
    }

    /**
     * Drops the replication slot and its publication, noting the WAL the slot kept until then.
     *
     * @param capture the capture whose slot and publication are dropped; not null
     * @return a cutover step that drops the slot; it succeeds when the slot is already gone
     */
    public static StepAction dropSlot(PostgresChangeCapture capture) {
        checkNotNull(capture, "capture");
        return context -> {
            context.note(capture.slotState().map(slot -> "dropping " + slot.describe())
                    .orElse("slot " + capture.slot() + " was already gone"));
            capture.drop();
        };
    }
}
