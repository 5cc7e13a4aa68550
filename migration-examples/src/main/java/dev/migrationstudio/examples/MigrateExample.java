package dev.migrationstudio.examples;

import dev.migrationstudio.format.Formats;
import dev.migrationstudio.jdbc.BadRows;
import dev.migrationstudio.jdbc.ConsoleProgress;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.jdbc.Passthrough;
import dev.migrationstudio.jdbc.TableResult;
import dev.migrationstudio.jdbc.ledger.MappingProgress;
import dev.migrationstudio.jdbc.ledger.MigrationLedger;
import dev.migrationstudio.jdbc.ledger.QuarantineEntry;
import dev.migrationstudio.jdbc.ledger.QuarantineState;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.verify.VerificationReport;
import dev.migrationstudio.verify.Verifier;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Running a mapping spec over JDBC, as shown in the README. */
public final class MigrateExample {

    private MigrateExample() {
    }

    /** Dry-runs, then migrates, then prints what happened to every table. */
    public static MigrationResult migrate(DataSource legacy, DataSource v2, MappingSpec spec) {
        // snippet:start migrate
        MigrationResult plan = JdbcMigrator.configure()
            .source(legacy).target(v2).spec(spec)
            .dryRun(true)                          // writes nothing, not even the ledger
            .load().migrate();
        System.out.println(plan.toMarkdown());     // order, chunks, exact SQL, sample rows, estimate

        MigrationResult result = JdbcMigrator.configure()
            .source(legacy).target(v2).spec(spec)
            .chunkSize(10_000).batchSize(5_000).parallelism(2)
            .onBadRow(BadRows.quarantine().upTo(100))
            .progress(ConsoleProgress.toConsole()) // a live line per table on a terminal, plain lines in a log
            .load().migrate();                     // run it again: every chunk is skipped

        for (TableResult table : result.tables()) {
            System.out.println(table.mapping() + ": " + table.thisRun().describe());
            table.quarantined().forEach(row -> System.out.println("  quarantined " + row.describe()));
        }
        // snippet:end migrate
        return result;
    }

    /** Runs an edited spec over a target loaded by its earlier version, keeping the rows. */
    public static MigrationResult reapply(DataSource legacy, DataSource v2, MappingSpec editedSpec) {
        // snippet:start reapply
        MigrationResult result = JdbcMigrator.configure()
            .source(legacy).target(v2).spec(editedSpec)
            .reapplyChangedSpec(true)              // rewrites only the loaded rows the edit changes
            .load().migrate();                     // then the load goes on with the edited spec
        // snippet:end reapply
        return result;
    }

    /**
     * Migrates with the ledger in a schema of its own, out of the way of the application's tables
     * (and of Flyway's or Liquibase's), and verifies with that ledger.
     */
    public static VerificationReport migrateWithOwnLedgerSchema(DataSource legacy, DataSource v2, MappingSpec spec) {
        // snippet:start ledger-schema
        JdbcMigrator.configure()
            .source(legacy).target(v2).spec(spec)
            .ledgerSchema("migration_ledger")      // created if missing; ms_chunk, ms_lock, ... go there
            .load().migrate();

        VerificationReport report = Verifier.between(legacy, v2).spec(spec)
            .ledger("migration_ledger", "ms_")     // where the verifier reads what the loader quarantined
            .rowCounts().checksums()
            .verify();
        // snippet:end ledger-schema
        return report;
    }

    /**
     * PostgreSQL to PostgreSQL: tables whose rules SQL can write pass through COPY, several key ranges
     * at once; the dry run says which path each table takes and why.
     */
    public static MigrationResult passThrough(DataSource pgLegacy, DataSource pgV2, MappingSpec spec) {
        // snippet:start passthrough
        MigrationResult plan = JdbcMigrator.configure()
            .source(pgLegacy).target(pgV2).spec(spec)
            .dryRun(true).load().migrate();
        plan.plan().orElseThrow().tables()
            .forEach(t -> System.out.println(t.mapping() + ": " + t.writePath()));   // "COPY passthrough (binary); the canary agrees: ..."

        return JdbcMigrator.configure()
            .source(pgLegacy).target(pgV2).spec(spec)
            .passthrough(Passthrough.BINARY)       // default TEXT; OFF decodes every row in Java
            .writersPerTable(2)                    // key ranges streamed at once, committed in key order
            .load().migrate();
        // snippet:end passthrough
    }

    /**
     * Any engines: one large table written by several connections at once, each reading, mapping and
     * streaming a key range, committed in key order.
     */
    public static MigrationResult severalWritersPerTable(DataSource legacy, DataSource v2, MappingSpec spec) {
        // snippet:start writers
        return JdbcMigrator.configure()
            .source(legacy).target(v2).spec(spec)
            .writersPerTable(4)                    // 4 key ranges of a table at once, on the Java path too
            .onBadRow(BadRows.quarantine())        // a bad row is quarantined with its key, as with one writer
            .load().migrate();
        // snippet:end writers
    }

    /** What the ledger in the target records of the spec's runs, one line per mapping and per waiting row. */
    public static List<String> ledgerSummary(DataSource v2, MappingSpec spec) {
        List<String> lines = new ArrayList<>();
        // snippet:start ledger
        MigrationLedger ledger = MigrationLedger.read(v2, spec.name())
            .orElseThrow(() -> new IllegalStateException(spec.name() + " has not run against this target"));
        boolean sameSpec = ledger.fingerprint().equals(spec.fingerprint());
        for (MappingProgress mapping : ledger.mappings()) {
            lines.add(mapping.mapping() + ": " + Formats.plural(mapping.chunks().size(), "chunk") + ", " + mapping.total().describe()
                + (sameSpec ? "" : " (recorded for another version of the spec)"));
        }
        for (QuarantineEntry entry : ledger.quarantined(QuarantineState.WAITING_FOR_PARENT)) {
            lines.add("waits for its parent row: " + entry.row().describe());
        }
        // snippet:end ledger
        return lines;
    }
}
