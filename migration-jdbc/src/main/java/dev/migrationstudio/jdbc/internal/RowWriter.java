package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.mapping.Row;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Writes target rows through the caller's connection and transaction. */
public interface RowWriter {

    /** The exact statement used, for logs and dry-run plans. */
    String sql();

    /** How many rows {@link #writeAll} takes at once; the caller cuts chunks accordingly. */
    int rowsPerCall();

    /** Writes rows as fast as the engine allows; a bad row fails the whole call. */
    void writeAll(Connection connection, List<Row> rows) throws SQLException;

    /** Writes one row, so that a failure names that row. */
    void writeOne(Connection connection, Row row) throws SQLException;
}
