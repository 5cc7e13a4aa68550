package dev.migrationstudio.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Runs constant catalog queries with bound values. */
final class Jdbc {

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface RowReader<T> {
        /** The value of the current row. */
        T read(ResultSet row) throws SQLException;
    }

    private Jdbc() {
    }

    /**
     * Runs a query whose text is a constant of this library (never user input); user-supplied names
     * go in as bound values.
     */
    public static <T> List<T> query(Connection connection, String sql, RowReader<T> reader, Object... values)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(reader.read(result));
                }
            }
            return rows;
        }
    }

    /** A nullable long column. */
    public static Long longOrNull(ResultSet row, int index) throws SQLException {
        long value = row.getLong(index);
        return row.wasNull() ? null : value;
    }
}
