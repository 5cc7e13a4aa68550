package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.mapping.Row;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Writes target rows through the caller's connection and transaction. */
interface RowWriter {

    /** The exact statement used, for logs and dry-run plans. */
    String sql();

    /**
     * Starts writing a stream of rows (a COPY, or a batched INSERT). Rows go to the database as they
     * are added, so that reading the source and writing the target overlap; a bad row fails
     * {@link Sink#add} or {@link Sink#finish}.
     */
    Sink open(Connection connection) throws SQLException;

    /** Writes one row, so that a failure names that row. */
    void writeOne(Connection connection, Row row) throws SQLException;

    /** Writes rows as one stream; a bad row fails the whole call. */
    default void writeAll(Connection connection, List<Row> rows) throws SQLException {
        Sink sink = open(connection);
        try {
            for (Row row : rows) {
                sink.add(row);
            }
            sink.finish();
        } finally {
            sink.close();
        }
    }

    /** A stream of rows being written. */
    interface Sink extends AutoCloseable {
        /** Writes (or buffers) a row. */
        void add(Row row) throws SQLException;

        /** Writes what is buffered and ends the stream. */
        void finish() throws SQLException;

        /** Releases the stream; abandons it if it was not finished. */
        @Override
        void close();
    }
}
