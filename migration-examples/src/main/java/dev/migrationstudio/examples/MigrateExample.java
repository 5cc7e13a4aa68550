package dev.migrationstudio.examples;

import dev.migrationstudio.jdbc.BadRows;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.jdbc.TableResult;
import dev.migrationstudio.mapping.MappingSpec;
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
            .progress(p -> System.out.printf("%s: %.0f%%, ETA %s%n", p.table(), p.percent(), p.eta()))
            .load().migrate();                     // run it again: every chunk is skipped

        for (TableResult table : result.tables()) {
            System.out.println(table.mapping() + ": " + table.thisRun().describe());
            table.quarantined().forEach(row -> System.out.println("  quarantined " + row.describe()));
        }
        // snippet:end migrate
        return result;
    }
}
