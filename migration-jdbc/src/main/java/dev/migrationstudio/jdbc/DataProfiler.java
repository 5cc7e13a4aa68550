package dev.migrationstudio.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.jdbc.internal.TableProfiling;
import dev.migrationstudio.review.DataProfile;
import dev.migrationstudio.review.ProfileRequest;
import dev.migrationstudio.review.TableProfile;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.exception.DataAccessException;

/**
 * Measures source tables over JDBC, for the mapping review and for anyone who wants the numbers:
 * per column the NULLs, the longest value, the numeric range, the integer digits and decimal places
 * used, the earliest and latest times; duplicates of key column sets; and, for table mappings, what
 * every target column would receive, with the rows a cast or another rule rejects.
 *
 * <pre>{@code
 * MappingReview review = MappingReviewer.review(spec, source, target, DataProfiler.of(sourceDataSource));
 *
 * TableProfile track = DataProfiler.of(sourceDataSource).profile(inventory.table("track").orElseThrow());
 * track.column("name").orElseThrow().maxLength();   // OptionalLong[200]
 * }</pre>
 *
 * <p>Profiling is lazy: nothing is read until a table is asked for, and each request reads its table
 * once, streaming rows forward-only with a fetch size, in memory that does not grow with the table
 * (counters, extremes and a few examples). Duplicates are found without holding keys in memory: the
 * rows are read sorted by the first key set the source's constraints do not already make unique and
 * compared with their neighbour; any further such set is counted by the database with
 * {@code GROUP BY ... HAVING COUNT(*) > 1}. Values are judged with the core cast, so a value the
 * profile counts as rejected is one the migration rejects.
 */
public final class DataProfiler implements DataProfile {

    /** Rows fetched per round trip by default. */
    public static final int DEFAULT_FETCH_SIZE = 1_000;

    private final DataSource dataSource;
    private final int fetchSize;

    private DataProfiler(DataSource dataSource, int fetchSize) {
        this.dataSource = dataSource;
        this.fetchSize = fetchSize;
    }

    /**
     * A profiler reading from a data source; it reads nothing until a table is profiled.
     *
     * @param dataSource the database to profile; connections are borrowed per table and closed. Not null
     * @return the profiler
     */
    public static DataProfiler of(DataSource dataSource) {
        return new DataProfiler(checkNotNull(dataSource, "dataSource"), DEFAULT_FETCH_SIZE);
    }

    /**
     * Rows fetched per round trip (default: {@value #DEFAULT_FETCH_SIZE}).
     *
     * @param rows the fetch size, in rows; at least 1
     * @return a copy of this profiler with that fetch size
     */
    public DataProfiler fetchSize(int rows) {
        checkArgument(rows > 0, "fetch size must be positive, got %s", rows);
        return new DataProfiler(dataSource, rows);
    }

    /** Measures one table as the review asks; always present. */
    @Override
    public Optional<TableProfile> measure(ProfileRequest request) {
        return Optional.of(profile(request));
    }

    /**
     * Measures one table in one pass.
     *
     * @param request the table and the columns to measure; not null
     * @return the table's measurements
     * @throws MigrationException naming the table if it cannot be read
     */
    public TableProfile profile(ProfileRequest request) {
        checkNotNull(request, "request");
        try (Connection connection = dataSource.getConnection()) {
            return TableProfiling.profile(connection, request, fetchSize);
        } catch (SQLException | DataAccessException e) {
            throw new MigrationException("cannot profile table " + request.table().id() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Measures every column of a table (examples name rows by its primary key).
     *
     * @param table the table, as the inventory describes it; not null
     * @return the table's measurements
     */
    public TableProfile profile(TableInfo table) {
        return profile(ProfileRequest.of(table));
    }
}
