package dev.migrationstudio.verify.internal;

import java.sql.SQLException;

/**
 * How one table is compared, chosen once per table by {@link #choose}: by key ranges with digests
 * summed in Java ({@link KeyedCheck}), by key ranges with digests computed inside both databases
 * ({@link PushdownCheck}), or as a multiset, for a table without a key ({@link KeylessCheck}).
 */
sealed interface TableCheck permits KeyedCheck, PushdownCheck, KeylessCheck {

    /** Compares the table. */
    TableComparison run() throws SQLException;

    /** The check for the reader's table, from its plan and the run's settings. */
    static TableCheck choose(TableReader reader) {
        Settings settings = reader.settings();
        TablePlan plan = reader.plan();
        if (plan.keyless()) {
            return new KeylessCheck(reader);
        }
        // The databases cannot leave out the rows the loader quarantined: those tables are hashed in Java.
        if (settings.checksums() && settings.pushdown() && !plan.hasRowsQuarantinedByLoader()
                && Pushdown.applicable(plan, reader.source(), reader.target(), settings.pushdownOnH2())) {
            return new PushdownCheck(reader);
        }
        return new KeyedCheck(reader);
    }
}
