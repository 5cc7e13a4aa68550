package dev.migrationstudio.jdbc;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.inventory.TableId;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of one table mapping in one run.
 *
 * @param mapping the mapping's name, e.g. {@code customer -> client}
 * @param source the source table
 * @param target the target table
 * @param status how the table ended
 * @param sourceRows rows in the source table when the run started
 * @param thisRun what this run did
 * @param total what all runs recorded in the ledger did, this one included
 * @param chunksDone chunks committed by this run
 * @param chunksSkipped chunks committed by earlier runs, skipped by this one
 * @param duration time spent on the table in this run
 * @param quarantined the rows this run quarantined (at most the first 100; all are in the ledger)
 * @param warnings things a person should know, e.g. that a keyless table was reloaded whole
 */
public record TableResult(String mapping, TableId source, TableId target, Status status, long sourceRows,
                          RowCounts thisRun, RowCounts total, long chunksDone, long chunksSkipped, Duration duration,
                          List<QuarantinedRow> quarantined, List<String> warnings) {

    /** How a table ended. */
    public enum Status {
        /** All rows accounted for. */
        COMPLETED,
        /** A dry run: nothing was written. */
        PLANNED,
        /** The run failed while on this table; committed chunks stay and a re-run resumes. */
        FAILED,
        /** The run stopped before reaching this table. */
        NOT_STARTED
    }

    /**
     * Validates the parts.
     *
     * @param mapping the mapping's name, e.g. {@code customer -> client}
     * @param source the source table
     * @param target the target table
     * @param status how the table ended
     * @param sourceRows rows in the source table when the run started
     * @param thisRun what this run did
     * @param total what all runs recorded in the ledger did, this one included
     * @param chunksDone chunks committed by this run
     * @param chunksSkipped chunks committed by earlier runs, skipped by this one
     * @param duration time spent on the table in this run
     * @param quarantined the rows this run quarantined (at most the first 100; all are in the ledger)
     * @param warnings things a person should know, e.g. that a keyless table was reloaded whole
     */
    public TableResult {
        checkNotNull(mapping, "mapping");
        checkNotNull(status, "status");
        checkNotNull(thisRun, "thisRun");
        checkNotNull(total, "total");
        checkNotNull(duration, "duration");
        quarantined = List.copyOf(quarantined);
        warnings = List.copyOf(warnings);
    }

    /**
     * Source rows this run processed per second.
     *
     * @return the rate, in rows per second; 0 when no time was measured
     */
    public double rowsPerSecond() {
        double seconds = duration.toNanos() / 1e9;
        return seconds <= 0 ? 0 : thisRun.read() / seconds;
    }
}
