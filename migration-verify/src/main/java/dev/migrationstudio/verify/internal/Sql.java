package dev.migrationstudio.verify.internal;

import dev.migrationstudio.jdbc.source.SourceCursor;
import dev.migrationstudio.mapping.SpecialValue;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.impl.DSL;

/** Runs jOOQ-built queries over plain JDBC, streaming rows through the engine's {@link SourceCursor}. */
final class Sql {

    private Sql() {
    }

    /**
     * A key value in a query: bound as usual, except NaN and infinity, which no JDBC type binds; they
     * go as a literal of no declared type, which PostgreSQL (the only engine that has them) reads as
     * the column's own type. The text is one of the enum's own constants, never user input.
     */
    static Field<Object> value(Object value) {
        if (value instanceof SpecialValue) {
            return DSL.field("{0}", Object.class, DSL.inline(value.toString()));
        }
        return DSL.val(value);
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
        try (SourceCursor rows = SourceCursor.open(side.connection(), sql, binds, side.fetchSize())) {
            for (Object[] values = rows.next(); values != null; values = rows.next()) {
                handler.row(values);
            }
            return rows.rowsRead();
        } finally {
            side.endRead();
        }
    }

    /** All rows of a query expected to return few. */
    public static List<Object[]> fetch(Side side, Query query) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        stream(side, query, rows::add);
        return rows;
    }
}
