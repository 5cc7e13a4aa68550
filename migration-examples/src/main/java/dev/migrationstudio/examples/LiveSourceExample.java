package dev.migrationstudio.examples;

import dev.migrationstudio.cutover.Runbook;
import dev.migrationstudio.cdc.PostgresChangeCapture;
import dev.migrationstudio.jdbc.CatchUpResult;
import dev.migrationstudio.jdbc.CutoverSteps;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.RepairPlan;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.verify.Verifier;
import java.time.Duration;
import javax.sql.DataSource;

/** Catching up with a source that kept taking writes during the load, and repairing what a verification finds. */
public final class LiveSourceExample {

    private LiveSourceExample() {
    }

    /** Loads while the source takes writes, then previews and runs a catch-up; returns the catch-up's result. */
    public static CatchUpResult catchUp(DataSource legacy, DataSource v2, MappingSpec spec, Runnable freezeWrites) {
        // snippet:start catch-up
        JdbcMigrator migrator = JdbcMigrator.configure().source(legacy).target(v2).spec(spec).load();
        migrator.migrate();                            // hours, while the source keeps taking writes

        freezeWrites.run();                            // the cutover window starts here
        CatchUpResult preview = JdbcMigrator.configure().source(legacy).target(v2).spec(spec)
            .dryRun(true).load().catchUp();            // reads both sides, writes nothing
        System.out.println(preview.summary());         // per table: inserted, updated, deleted, unchanged, ...

        CatchUpResult delta = migrator.catchUp();      // writes only the rows that differ
        if (!delta.isBalanced()) {
            throw new IllegalStateException(delta.summary());
        }
        // snippet:end catch-up
        return delta;
    }

    /**
     * Loads from a PostgreSQL source through a replication slot, applies the changes made meanwhile,
     * and drops the slot; returns the final delta.
     */
    public static CatchUpResult changeCapture(DataSource legacy, String legacyUrl, String user, String password,
                                              DataSource v2, MappingSpec spec, Runnable freezeWrites) {
        // snippet:start change-capture
        PostgresChangeCapture capture = PostgresChangeCapture.configure()
            .source(legacyUrl, user, password)         // a user with REPLICATION; wal_level=logical
            .slot("legacy_to_v2")                      // the replication slot and the publication
            .build();
        JdbcMigrator migrator = JdbcMigrator.configure().source(legacy).target(v2).spec(spec).load();
        capture.load(migrator);                        // slot first, then the load from its snapshot
        migrator.applyChanges(capture);                // what the source wrote meanwhile; as often as wanted

        freezeWrites.run();                            // the cutover window starts here
        CatchUpResult delta = migrator.applyChanges(capture);   // seconds: only the rows that changed
        capture.drop();                                // the slot keeps the source's WAL until dropped
        // snippet:end change-capture
        return delta;
    }

    /** A runbook whose step repairs what a verification finds and verifies again. */
    public static Runbook repair(DataSource legacy, DataSource v2, MappingSpec spec, JdbcMigrator migrator) {
        // snippet:start repair
        Verifier verifier = Verifier.between(legacy, v2).spec(spec).rowCounts().checksums();
        RepairPlan repair = verifier.verify().repair();  // each differing row as a statement, values bound
        System.out.println(repair.toMarkdown());         // for review; also in report.evidence()

        Runbook runbook = Runbook.named("v2 cutover")
            .step("repair what verification found").owner("data").expect(Duration.ofMinutes(2))
                .run(CutoverSteps.repair(migrator, () -> verifier.verify().repair()))
            .build();
        // snippet:end repair
        return runbook;
    }
}
