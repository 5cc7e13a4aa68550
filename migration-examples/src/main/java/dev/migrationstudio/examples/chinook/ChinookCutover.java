package dev.migrationstudio.examples.chinook;

import dev.migrationstudio.cdc.CaptureSteps;
import dev.migrationstudio.cdc.PostgresChangeCapture;
import dev.migrationstudio.cutover.CommunicationEvent;
import dev.migrationstudio.cutover.RollbackPlan;
import dev.migrationstudio.cutover.Runbook;
import dev.migrationstudio.cutover.StepAction;
import dev.migrationstudio.jdbc.CutoverSteps;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.verify.VerificationGate;
import dev.migrationstudio.verify.Verifier;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The Chinook cutover: freeze writes on legacy, snapshot what the cutover changes there, catch v2 up
 * with what the store wrote since the load (inserts, updates, deletes), gate on verification, switch
 * reads (the point of no return), reopen writes on v2.
 * The way back restores legacy's settings from the snapshot and empties v2, within 15 minutes.
 *
 * <p>Legacy's {@code app_settings} table stands for the application's switches: whether writes
 * are accepted, and which database serves reads.
 */
public final class ChinookCutover {
    static final String SNAPSHOT = "before_v2";

    private ChinookCutover() {
    }

    /** The switches the cutover flips, in legacy. */
    public static String settingsTable() {
        return "CREATE TABLE app_settings (setting_id INT NOT NULL PRIMARY KEY, writes_enabled BOOLEAN NOT NULL, "
                + "reads_from VARCHAR(10) NOT NULL)";
    }

    /** The settings before the cutover. */
    public static String initialSettings() {
        return "INSERT INTO app_settings VALUES (1, TRUE, 'legacy')";
    }

    /** The runbook whose final delta is a catch-up by comparison. */
    public static Runbook runbook(DataSource legacy, DataSource v2, JdbcMigrator migrator, Verifier verifier) {
        return steps(legacy, CutoverSteps.catchUp(migrator), v2, verifier).build();
    }

    /**
     * The runbook whose final delta comes from a PostgreSQL replication slot, which is dropped once v2
     * serves: a forgotten slot keeps legacy's write-ahead log forever.
     */
    public static Runbook runbook(DataSource legacy, DataSource v2, JdbcMigrator migrator,
                                  PostgresChangeCapture capture, Verifier verifier) {
        // snippet:start runbook-cdc
        return steps(legacy, CaptureSteps.applyChanges(migrator, capture), v2, verifier)
                .step("drop the replication slot").owner("dba").expect(Duration.ofMinutes(1))
                        .run(CaptureSteps.dropSlot(capture))
                .build();
        // snippet:end runbook-cdc
    }

    private static Runbook.StepBuilder steps(DataSource legacy, StepAction finalDelta, DataSource v2,
                                             Verifier verifier) {
        // snippet:start runbook
        return Runbook.named("chinook v2 cutover")
                .announce(CommunicationEvent.CUTOVER_STARTED, "#music-store-ops", "Chinook v2 cutover starting")
                .announce(CommunicationEvent.POINT_OF_NO_RETURN_CROSSED, "#music-store-leads",
                        "v2 now serves reads; from here a failure is fixed forward")
                .announce(CommunicationEvent.ROLLED_BACK, "#music-store-ops", "cutover rolled back; legacy serves")
                .step("announce maintenance").owner("comms").expect(Duration.ofMinutes(5))
                        .description("status page: store read-only for 30 minutes")
                        .announce(CommunicationEvent.STEP_STARTED, "customers", "The store is read-only for 30 minutes")
                .step("snapshot legacy settings").owner("dba").expect(Duration.ofMinutes(1))
                        .run(CutoverSteps.snapshot(legacy, SNAPSHOT, "app_settings"))
                .step("freeze writes on legacy").owner("ops").expect(Duration.ofMinutes(1))
                        .run(CutoverSteps.execute(legacy, "UPDATE app_settings SET writes_enabled = FALSE"))
                .step("final delta: catch up with legacy").owner("data").expect(Duration.ofMinutes(10))
                        .run(finalDelta)
                .step("move v2's sequences past the loaded keys").owner("dba").expect(Duration.ofMinutes(1))
                        .run(CutoverSteps.advanceSequences(v2, "invoice", "invoice_line"))
                .gate("verification green", "counts, checksums, integrity and parity all pass",
                        VerificationGate.of(verifier))
                .step("switch reads to v2").owner("ops").expect(Duration.ofMinutes(2)).pointOfNoReturn()
                        .run(CutoverSteps.execute(legacy, "UPDATE app_settings SET reads_from = 'v2'"))
                .step("reopen writes on v2").owner("ops").expect(Duration.ofMinutes(2))
                        .run(CutoverSteps.execute(legacy, "UPDATE app_settings SET writes_enabled = TRUE"))
                        .announce(CommunicationEvent.STEP_FINISHED, "customers", "The store is open again");
        // snippet:end runbook
    }

    /** The way back, before the point of no return. */
    public static RollbackPlan rollback(DataSource legacy, JdbcMigrator migrator) {
        // snippet:start rollback
        return RollbackPlan.named("back to legacy").rto(Duration.ofMinutes(15))
                .step("restore legacy settings").owner("dba").expect(Duration.ofMinutes(2))
                        .run(CutoverSteps.restore(legacy, SNAPSHOT, "app_settings"))
                .step("empty v2").owner("dba").expect(Duration.ofMinutes(5)).run(CutoverSteps.resetTarget(migrator))
                .step("drop the snapshot").owner("dba").expect(Duration.ofMinutes(1))
                        .run(CutoverSteps.dropSnapshot(legacy, SNAPSHOT, "app_settings"))
                .build();
        // snippet:end rollback
    }
}
