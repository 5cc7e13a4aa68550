package dev.migrationstudio.jdbc.internal;

import java.sql.SQLException;
import java.util.function.Predicate;

/** Tells row-level failures (bad data) from failures of the connection or the statement. */
public final class SqlStates {
    private SqlStates() {
    }

    /**
     * Whether the failure is about the row's data: SQLSTATE class 22 (data exception: value too long,
     * invalid format, out of range) or 23 (integrity constraint violation: NOT NULL, unique, foreign
     * key, check). Anything else (a lost connection, a syntax error, a lock timeout) is not the row's
     * fault and must fail the run rather than quarantine the row.
     */
    public static boolean isBadRow(SQLException e) {
        return anyState(e, state -> state.startsWith("22") || state.startsWith("23"));
    }

    /**
     * Whether a foreign key refused the row because its parent row does not exist: SQLSTATE 23503
     * (the standard's, and PostgreSQL's) or 23506 (H2's "referenced row missing").
     */
    public static boolean isMissingParent(SQLException e) {
        return anyState(e, state -> state.equals("23503") || state.equals("23506"));
    }

    /** Whether the SQLSTATE of the exception, or of one it was caused by, is one the test accepts. */
    private static boolean anyState(SQLException e, Predicate<String> test) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                String state = ((SQLException) t).getSQLState();
                if (state != null && test.test(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first line of a driver message, which is where the reason is; later lines repeat the statement. */
    public static String reason(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
