package dev.migrationstudio.verify;

import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Corrupts a target the way loaders and people do, with referential integrity switched off for the
 * edit (as a bulk loader would), and returns how to put it back.
 */
final class TargetEdits {

    private TargetEdits() {
    }

    /** Puts an edit back. */
    interface Undo {
        void run(Connection connection) throws SQLException;
    }

    /** An edit; returns its undo. */
    interface Edit {
        Undo apply(Connection connection) throws SQLException;
    }

    /** Applies an edit with referential integrity off; returns a runnable that undoes it the same way. */
    static Runnable apply(TestDatabase db, Edit edit) {
        Undo undo = inSession(db, edit::apply);
        return () -> inSession(db, c -> {
            undo.run(c);
            return null;
        });
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static <T> T inSession(TestDatabase db, Work<T> work) {
        boolean h2 = db.engine() == Engine.H2;
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(h2 ? "SET REFERENTIAL_INTEGRITY FALSE" : "SET session_replication_role = replica");
            try {
                return work.run(connection);
            } finally {
                statement.execute(h2 ? "SET REFERENTIAL_INTEGRITY TRUE" : "SET session_replication_role = DEFAULT");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("edit of the target failed: " + e.getMessage(), e);
        }
    }

    static Edit delete(String table, String keyColumn, Object key) {
        return c -> {
            List<Object[]> rows = select(c, table, keyColumn, key);
            update(c, "DELETE FROM " + table + " WHERE " + keyColumn + " = ?", key);
            return u -> rows.forEach(r -> insert(u, table, r));
        };
    }

    static Edit insert(String table, Object... values) {
        return c -> {
            insert(c, table, values);
            return u -> deleteOne(u, table, values);
        };
    }

    static Edit set(String table, String column, Object value, String keyColumn, Object key) {
        return c -> {
            Object old = select(c, "SELECT " + column + " FROM " + table + " WHERE " + keyColumn + " = ?", key).get(0)[0];
            update(c, "UPDATE " + table + " SET " + column + " = ? WHERE " + keyColumn + " = ?", value, key);
            return u -> update(u, "UPDATE " + table + " SET " + column + " = ? WHERE " + keyColumn + " = ?", old, key);
        };
    }

    static Edit sql(String apply, String undo) {
        return c -> {
            update(c, apply);
            return u -> update(u, undo);
        };
    }

    static Edit both(Edit first, Edit second) {
        return c -> {
            Undo a = first.apply(c);
            Undo b = second.apply(c);
            return u -> {
                b.run(u);
                a.run(u);
            };
        };
    }

    private static List<Object[]> select(Connection c, String table, String keyColumn, Object key) throws SQLException {
        return select(c, "SELECT * FROM " + table + " WHERE " + keyColumn + " = ?", key);
    }

    static List<Object[]> select(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<Object[]> result = new ArrayList<>();
                int n = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rows.getObject(i + 1);
                    }
                    result.add(row);
                }
                return result;
            }
        }
    }

    static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.executeUpdate();
        }
    }

    private static void insert(Connection c, String table, Object[] values) {
        String marks = String.join(", ", java.util.Collections.nCopies(values.length, "?"));
        try {
            update(c, "INSERT INTO " + table + " VALUES (" + marks + ")", values);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteOne(Connection c, String table, Object[] values) throws SQLException {
        // Delete every copy, then put back all but one: works for tables with or without a key.
        try (ResultSet columns = c.getMetaData().getColumns(null, null, table, null)) {
            List<String> names = new ArrayList<>();
            while (columns.next()) {
                names.add(columns.getString("COLUMN_NAME"));
            }
            String where = String.join(" AND ", names.stream().map(n -> n + " = ?").toList());
            int copies = select(c, "SELECT COUNT(*) FROM " + table + " WHERE " + where, values).get(0)[0] instanceof Number n
                    ? n.intValue() : 0;
            update(c, "DELETE FROM " + table + " WHERE " + where, values);
            for (int i = 1; i < copies; i++) {
                insert(c, table, values);
            }
        }
    }
}
