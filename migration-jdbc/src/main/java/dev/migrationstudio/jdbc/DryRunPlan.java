package dev.migrationstudio.jdbc;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a migration would do, produced by a dry run without writing anything to the target.
 *
 * @param tables each table mapping in the order it would run
 * @param ledgerTables the ledger tables a real run keeps in the target
 * @param lock how a real run would make sure it runs alone
 * @param estimatedDuration the estimated time of a real run, from the measured read rates
 */
public record DryRunPlan(List<TablePlan> tables, List<String> ledgerTables, String lock,
                         Optional<Duration> estimatedDuration) {

    /**
     * Copies the lists.
     *
     * @param tables each table mapping in the order it would run
     * @param ledgerTables the ledger tables a real run keeps in the target
     * @param lock how a real run would make sure it runs alone
     * @param estimatedDuration the estimated time of a real run, from the measured read rates
     */
    public DryRunPlan {
        tables = List.copyOf(tables);
        ledgerTables = List.copyOf(ledgerTables);
        checkNotNull(lock, "lock");
        checkNotNull(estimatedDuration, "estimatedDuration");
    }

    /**
     * The plan for one table mapping.
     *
     * @param position 1-based position in the load order
     * @param mapping e.g. {@code customer -> client}
     * @param sourceRows rows in the source table now
     * @param chunksToRun chunks a real run would commit (estimated from the row count)
     * @param chunksAlreadyDone chunks an earlier run committed, which a real run would skip
     * @param readSql the exact statement that reads a chunk (bind values as {@code ?})
     * @param writeSql the exact statement that writes rows (INSERT or PostgreSQL COPY)
     * @param ledgerSql the exact statement that records a committed chunk
     * @param writePath the path its rows would take (COPY passthrough from PostgreSQL to PostgreSQL, or
     *     the Java path) and why
     * @param sample the first source rows with what the mapping makes of them
     * @param measuredReadRowsPerSecond the read rate measured on the sample, when rows were read
     * @param warnings things a person should know before running it
     */
    public record TablePlan(int position, String mapping, long sourceRows, long chunksToRun, long chunksAlreadyDone,
                            String readSql, String writeSql, String ledgerSql, String writePath, List<String> sample,
                            Optional<Double> measuredReadRowsPerSecond, List<String> warnings) {
        /**
         * Copies the lists.
         *
         * @param position 1-based position in the load order
         * @param mapping e.g. {@code customer -> client}
         * @param sourceRows rows in the source table now
         * @param chunksToRun chunks a real run would commit (estimated from the row count)
         * @param chunksAlreadyDone chunks an earlier run committed, which a real run would skip
         * @param readSql the exact statement that reads a chunk (bind values as {@code ?})
         * @param writeSql the exact statement that writes rows (INSERT or PostgreSQL COPY)
         * @param ledgerSql the exact statement that records a committed chunk
         * @param writePath the path its rows would take (COPY passthrough from PostgreSQL to PostgreSQL, or the
         *     Java path) and why
         * @param sample the first source rows with what the mapping makes of them
         * @param measuredReadRowsPerSecond the read rate measured on the sample, when rows were read
         * @param warnings things a person should know before running it
         */
        public TablePlan {
            checkNotNull(writePath, "writePath");
            sample = List.copyOf(sample);
            warnings = List.copyOf(warnings);
        }
    }
}
