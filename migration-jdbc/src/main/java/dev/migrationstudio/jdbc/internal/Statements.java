package dev.migrationstudio.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jooq.Query;

/** Prepares jOOQ-rendered queries for streaming reads: forward-only, read-only, with a fetch size. */
public final class Statements {

    private Statements() {
    }

    /** A statement for {@code query} (identifiers quoted, values bound) that streams {@code fetchSize} rows at a time. */
    public static PreparedStatement streaming(Connection connection, Query query, int fetchSize) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(query.getSQL(), ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY);
        try {
            List<Object> values = query.getBindValues();
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            statement.setFetchSize(fetchSize);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /**
     * Runs work in a read transaction: PostgreSQL streams with a fetch size only outside auto-commit.
     * The transaction is rolled back (nothing was written) and auto-commit restored.
     */
    public static <T> T reading(Connection connection, SqlWork<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            return work.run();
        } finally {
            connection.rollback();
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        }
    }

    /** Work that may fail with an SQLException. */
    @FunctionalInterface
    public interface SqlWork<T> {
        /** Does the work. */
        T run() throws SQLException;
    }
}
