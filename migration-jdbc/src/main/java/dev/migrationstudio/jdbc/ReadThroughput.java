package dev.migrationstudio.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.inventory.TableId;
import java.time.Duration;

/**
 * How fast rows of a table could be read, measured on a sample through JDBC.
 *
 * @param table the table
 * @param rowsRead rows read in the sample
 * @param elapsed how long reading them took, from executing the query to the last row
 */
public record ReadThroughput(TableId table, long rowsRead, Duration elapsed) {

    /**
     * Validates the parts.
     *
     * @param table the table
     * @param rowsRead rows read in the sample
     * @param elapsed how long reading them took, from executing the query to the last row
     */
    public ReadThroughput {
        checkNotNull(table, "table");
        checkArgument(rowsRead >= 0, "rowsRead must not be negative");
        checkNotNull(elapsed, "elapsed");
    }

    /**
     * Rows per second, or 0 when nothing was read.
     *
     * @return the read rate, in rows per second
     */
    public double rowsPerSecond() {
        long nanos = Math.max(1, elapsed.toNanos());
        return rowsRead * 1e9 / nanos;
    }

    /**
     * How long reading {@code rows} rows takes at this rate; empty-sample rates give zero.
     *
     * @param rows a number of rows; not negative
     * @return the time to read them at the measured rate
     */
    public Duration timeFor(long rows) {
        if (rowsRead == 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((double) rows * Math.max(1, elapsed.toNanos()) / rowsRead));
    }
}
