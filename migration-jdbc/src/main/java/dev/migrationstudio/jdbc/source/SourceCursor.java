package dev.migrationstudio.jdbc.source;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.jdbc.internal.Engines;
import dev.migrationstudio.jdbc.internal.JdbcValues;
import dev.migrationstudio.jdbc.internal.MariaDbSessions;
import dev.migrationstudio.mapping.SpecialValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.jooq.SQLDialect;

/**
 * The rows of one query, streamed: the statement reads {@code fetchSize} rows per round trip, so
 * memory does not grow with the table, and every value is read as the mapping model's Java type
 * (integers as Integer or Long, exact numbers as BigDecimal, text as String with CLOBs read whole,
 * binary as byte[], DATE as LocalDate, TIMESTAMP as LocalDateTime, TIMESTAMP WITH TIME ZONE as
 * OffsetDateTime, arrays as List; PostgreSQL's NaN and infinities as {@code SpecialValue}), the same on
 * every engine. The migration engine reads its source
 * through it (keyset chunks, the parent-row retry, the dry run's sample) and so does the verifier,
 * so the two can never read a value differently.
 *
 * <pre>{@code
 * connection.setAutoCommit(false);   // PostgreSQL streams with a fetch size only inside a transaction
 * try (SourceCursor rows = SourceCursor.open(connection, "SELECT \"id\", \"name\" FROM \"customer\" WHERE \"id\" > ?",
 *         List.of(100), 10_000)) {
 *     for (Object[] row = rows.next(); row != null; row = rows.next()) {
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>The cursor reads on the caller's connection and transaction; it neither commits nor rolls back.
 * On MariaDB (and MySQL) it reads in a UTC session, putting the session's time zone back when it
 * closes, so that {@code TIMESTAMP} values (instants, read as OffsetDateTime in UTC) never shift by an
 * hour; {@code DATETIME} reads as LocalDateTime, zero dates as {@code NativeValue}s (see
 * {@link JdbcValues} for every MariaDB type).
 */
public final class SourceCursor implements AutoCloseable {
    private final Connection connection;
    private final boolean utcSession;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final int[] types;
    private long read;

    private SourceCursor(Connection connection, boolean utcSession, PreparedStatement statement, ResultSet rows)
            throws SQLException {
        this.connection = connection;
        this.utcSession = utcSession;
        this.statement = statement;
        this.rows = rows;
        this.types = JdbcValues.types(rows.getMetaData());
    }

    /**
     * Runs a query and streams its rows.
     *
     * @param connection the connection to read on; the caller keeps it and its transaction
     * @param sql the query, values as {@code ?}
     * @param binds the values, in order
     * @param fetchSize rows per round trip (positive)
     * @return the open cursor; the caller closes it
     * @throws SQLException as the driver reports it
     */
    public static SourceCursor open(Connection connection, String sql, List<?> binds, int fetchSize)
            throws SQLException {
        return open(connection, sql, binds, fetchSize, 0);
    }

    /**
     * Runs a query and streams at most {@code maxRows} of its rows (0: all of them); the database
     * stops producing rows there, which matters where a driver cannot stream (auto-commit on PostgreSQL).
     *
     * @param connection the connection to read on; the caller keeps it and its transaction
     * @param sql the query, values as {@code ?}
     * @param binds the values, in order
     * @param fetchSize rows per round trip; at least 1
     * @param maxRows the most rows to return; 0 for all
     * @return the open cursor; the caller closes it
     * @throws SQLException as the driver reports it
     * @see #open(Connection, String, List, int)
     */
    public static SourceCursor open(Connection connection, String sql, List<?> binds, int fetchSize, int maxRows)
            throws SQLException {
        checkNotNull(connection, "connection");
        checkNotNull(sql, "sql");
        checkNotNull(binds, "binds");
        checkArgument(fetchSize > 0, "fetchSize must be positive, got %s", fetchSize);
        checkArgument(maxRows >= 0, "maxRows must not be negative, got %s", maxRows);
        // MariaDB converts TIMESTAMP values to the session's zone, exactly only from UTC: the cursor reads in
        // UTC and puts the session's zone back when it closes.
        boolean utcSession = Engines.dialectOf(connection) == SQLDialect.MARIADB;
        if (utcSession) {
            MariaDbSessions.utc(connection);
        }
        PreparedStatement statement;
        try {
            statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        } catch (SQLException | RuntimeException e) {
            if (utcSession) {
                MariaDbSessions.restore(connection);
            }
            throw e;
        }
        try {
            statement.setFetchSize(fetchSize);
            statement.setMaxRows(maxRows);
            for (int i = 0; i < binds.size(); i++) {
                Object bind = binds.get(i);
                if (bind instanceof SpecialValue) {
                    // A key that is NaN or infinity (PostgreSQL only): its text, read as the column's type.
                    statement.setObject(i + 1, bind.toString(), Types.OTHER);
                } else {
                    statement.setObject(i + 1, bind);
                }
            }
            return new SourceCursor(connection, utcSession, statement, statement.executeQuery());
        } catch (SQLException | RuntimeException e) {
            statement.close();
            if (utcSession) {
                MariaDbSessions.restore(connection);
            }
            throw e;
        }
    }

    /**
     * The result's column labels, in select order.
     *
     * @return the labels, one per column
     * @throws SQLException as the driver reports it
     */
    public List<String> columns() throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        List<String> labels = new ArrayList<>(types.length);
        for (int i = 1; i <= types.length; i++) {
            labels.add(meta.getColumnLabel(i));
        }
        return labels;
    }

    /**
     * The next row's values in select order ({@code null} for SQL NULL), in a new array that is the
     * caller's to keep; {@code null} once every row was read.
     *
     * @return the values, or {@code null} after the last row
     * @throws SQLException as the driver reports it
     */
    public Object[] next() throws SQLException {
        if (!rows.next()) {
            return null;
        }
        Object[] values = new Object[types.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = JdbcValues.read(rows, i + 1, types[i]);
        }
        read++;
        return values;
    }

    /**
     * Rows returned by {@link #next()} so far.
     *
     * @return the number of rows read, 0 before the first
     */
    public long rowsRead() {
        return read;
    }

    /** Closes the result and its statement; the connection stays open. */
    @Override
    public void close() throws SQLException {
        try {
            rows.close();
        } finally {
            try {
                statement.close();
            } finally {
                if (utcSession && !connection.isClosed()) {
                    MariaDbSessions.restore(connection);
                }
            }
        }
    }
}
