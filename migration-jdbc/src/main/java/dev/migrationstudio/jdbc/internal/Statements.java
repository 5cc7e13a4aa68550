package dev.migrationstudio.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** Read transactions for streaming reads ({@link dev.migrationstudio.jdbc.source.SourceCursor}). */
public final class Statements {

    private Statements() {
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
