package dev.migrationstudio.jdbc;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of a running migration, handed to {@link ProgressListener}s after every chunk: the run as
 * a whole, and the table that just committed a chunk. (A change feed's lag comes separately, as a
 * {@link ChangeLag}.)
 *
 * @param table the table mapping that just finished a chunk, e.g. {@code customer -> client}
 * @param chunk the chunk's number within its table (1-based)
 * @param rowsDone source rows processed in this run, over all tables
 * @param rowsTotal source rows this run is expected to process (from counts taken at the start)
 * @param elapsed time since the run started
 * @param rowsPerSecond average throughput of this run so far
 * @param tableRowsDone source rows of {@code table} processed in this run
 * @param tableRowsTotal source rows of {@code table} this run is expected to process (0 when not counted)
 * @param tableElapsed time since this run started on {@code table}
 */
public record Progress(String table, long chunk, long rowsDone, long rowsTotal, Duration elapsed,
                       double rowsPerSecond, long tableRowsDone, long tableRowsTotal, Duration tableElapsed) {

    /**
     * Validates the parts.
     *
     * @param table the table mapping that just finished a chunk, e.g. {@code customer -> client}
     * @param chunk the chunk's number within its table (1-based)
     * @param rowsDone source rows processed in this run, over all tables
     * @param rowsTotal source rows this run is expected to process (from counts taken at the start)
     * @param elapsed time since the run started
     * @param rowsPerSecond average throughput of this run so far
     * @param tableRowsDone source rows of {@code table} processed in this run
     * @param tableRowsTotal source rows of {@code table} this run is expected to process (0 when not counted)
     * @param tableElapsed time since this run started on {@code table}
     */
    public Progress {
        checkNotNull(table, "table");
        checkNotNull(elapsed, "elapsed");
        checkNotNull(tableElapsed, "tableElapsed");
    }

    /**
     * The estimated time until all rows are done, once there is a rate to estimate from.
     *
     * @return the estimated remaining time; zero once every row is done, empty until a rate is measured
     */
    public Optional<Duration> eta() {
        return eta(rowsDone, rowsTotal, rowsPerSecond);
    }

    /**
     * Percentage of rows done, 0 to 100.
     *
     * @return the share of rows done, in percent; 100 when there are no rows
     */
    public double percent() {
        return rowsTotal == 0 ? 100 : Math.min(100, 100.0 * rowsDone / rowsTotal);
    }

    /**
     * Average throughput of {@code table} in this run so far.
     *
     * @return rows per second; 0 before any time has passed
     */
    public double tableRowsPerSecond() {
        double seconds = tableElapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : tableRowsDone / seconds;
    }

    /**
     * The estimated time until {@code table} is done, once there is a rate and a count to estimate from.
     *
     * @return the estimated remaining time of the table; empty when its row count is zero or no rate is measured
     *     yet
     */
    public Optional<Duration> tableEta() {
        return tableRowsTotal == 0 ? Optional.empty() : eta(tableRowsDone, tableRowsTotal, tableRowsPerSecond());
    }

    /**
     * Whether {@code table} has processed the rows counted at the start.
     *
     * @return {@code true} once the table's rows done reach its count
     */
    public boolean tableDone() {
        return tableRowsDone >= tableRowsTotal;
    }

    private static Optional<Duration> eta(long done, long total, double rate) {
        if (done >= total) {
            return Optional.of(Duration.ZERO);
        }
        return rate <= 0 ? Optional.empty() : Optional.of(Duration.ofMillis((long) ((total - done) / rate * 1000)));
    }
}
