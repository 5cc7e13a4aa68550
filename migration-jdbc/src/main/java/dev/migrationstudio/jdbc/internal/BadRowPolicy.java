package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.jdbc.BadRows;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The user's {@link BadRows} choice applied to one run: whether a bad row stops it, and how many rows
 * this run has quarantined against the limit, over every table and the parent-row retry.
 */
final class BadRowPolicy {
    private final BadRows rules;
    private final AtomicLong quarantinedThisRun = new AtomicLong();

    BadRowPolicy(BadRows rules) {
        this.rules = rules;
    }

    /**
     * Stops the run at a bad row under fail-fast.
     *
     * @param row the row, described for people
     * @param what what happens to the work in progress, e.g. that the chunk was rolled back
     * @throws MigrationException under fail-fast
     */
    void badRow(String row, String what) {
        if (!rules.quarantines()) {
            throw new MigrationException("bad row in " + row + " (policy: fail fast; " + what + ")");
        }
    }

    /**
     * Counts rows this run quarantined against the limit.
     *
     * @param rows how many more rows this run quarantined
     * @param example one of them, described for people
     * @throws MigrationException once more rows than the limit are quarantined
     */
    void quarantined(long rows, String example) {
        if (rows == 0) {
            return;
        }
        long total = quarantinedThisRun.addAndGet(rows);
        if (rules.limit().isPresent() && total > rules.limit().getAsLong()) {
            throw new MigrationException(String.format("%d rows quarantined in this run, more than the limit of %d; "
                    + "one of them: %s", total, rules.limit().getAsLong(), example));
        }
    }
}
