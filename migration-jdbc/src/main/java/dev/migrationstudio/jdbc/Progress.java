package dev.migrationstudio.jdbc;

import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of a running migration, handed to {@link ProgressListener}s after every chunk.
 *
 * @param table the table mapping that just finished a chunk, e.g. {@code customer -> client}
 * @param chunk the chunk's number within its table (1-based)
 * @param rowsDone source rows processed in this run, over all tables
 * @param rowsTotal source rows this run is expected to process (from counts taken at the start)
 * @param elapsed time since the run started
 * @param rowsPerSecond average throughput of this run so far
 */
public record Progress(String table, long chunk, long rowsDone, long rowsTotal, Duration elapsed,
                       double rowsPerSecond) {

    /** The estimated time until all rows are done, once there is a rate to estimate from. */
    public Optional<Duration> eta() {
        if (rowsPerSecond <= 0 || rowsDone >= rowsTotal) {
            return rowsDone >= rowsTotal ? Optional.of(Duration.ZERO) : Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) ((rowsTotal - rowsDone) / rowsPerSecond * 1000)));
    }

    /** Percentage of rows done, 0 to 100. */
    public double percent() {
        return rowsTotal == 0 ? 100 : Math.min(100, 100.0 * rowsDone / rowsTotal);
    }
}
