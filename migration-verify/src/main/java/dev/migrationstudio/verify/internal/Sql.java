package dev.migrationstudio.verify.internal;

import dev.migrationstudio.jdbc.internal.JdbcValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Query;

/** Runs jOOQ-built queries over plain JDBC, streaming rows read with {@link JdbcValues}. */
public final class Sql {

    private Sql() {
    }

    /** Receives rows; the array is the handler's to keep. */
    @FunctionalInterface
    public interface RowHandler {
        /** One row's values, in select order; {@code null} for SQL NULL. */
        void row(Object[] values);
    }

    /**
     * Streams the query's rows to the handler on this thread's connection, then ends the read.
     *
     * @return the number of rows
     * @throws SQLException as the driver reports it
     */
    public static long stream(Side side, Query query, RowHandler handler) throws SQLException {
        String sql = side.renderer().render(query);
        List<Object> binds = side.renderer().extractBindValues(query);
        return streamSql(side, sql, binds, handler);
    }

    /** Streams a SQL text with bind values; see {@link #stream(Side, Query, RowHandler)}. */
    public static long streamSql(Side side, String sql, List<Object> binds, RowHandler handler) throws SQLException {
        Connection connection = side.connection();
        long rows = 0;
        try (PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(side.fetchSize());
            for (int i = 0; i < binds.size(); i++) {
                statement.setObject(i + 1, binds.get(i));
            }
            try (ResultSet result = statement.executeQuery()) {
                int[] types = JdbcValues.types(result.getMetaData());
                while (result.next()) {
                    Object[] values = new Object[types.length];
                    for (int i = 0; i < types.length; i++) {
                        values[i] = JdbcValues.read(result, i + 1, types[i]);
                    }
                    handler.row(values);
                    rows++;
                }
            }
        } finally {
            side.endRead();
        }
        return rows;
    }

    /** All rows of a query expected to return few. */
    public static List<Object[]> fetch(Side side, Query query) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        stream(side, query, rows::add);
        return rows;
    }
}
