package dev.migrationstudio.jdbc.internal;

import java.sql.SQLException;
import java.util.Set;
import java.util.function.Predicate;

/** Tells row-level failures (bad data) from failures of the connection or the statement. */
public final class SqlStates {
    private SqlStates() {
    }

    /**
     * MariaDB's (and MySQL's) errors about a row's data that strict mode raises under a general
     * SQLSTATE (HY000, or 01000 for a warning made an error) rather than class 22 or 23:
     * 1265 data truncated (a value not in an ENUM or SET), 1366 incorrect value for a column,
     * 1292 incorrect date/time value, 1364 no value for a column without a default, 4025 a CHECK
     * constraint, 1690 a value out of range.
     */
    private static final Set<Integer> MARIADB_DATA_ERRORS = Set.of(1265, 1366, 1292, 1364, 4025, 1690);
    /** MariaDB's "cannot add or update a child row: a foreign key constraint fails" (SQLSTATE 23000). */
    private static final Set<Integer> MARIADB_MISSING_PARENT = Set.of(1452, 1216);

    /**
     * Whether the failure is about the row's data: SQLSTATE class 22 (data exception: value too long,
     * invalid format, out of range) or 23 (integrity constraint violation: NOT NULL, unique, foreign
     * key, check), or one of MariaDB's data errors that it reports under a general state. Anything
     * else (a lost connection, a syntax error, a lock timeout) is not the row's fault and must fail
     * the run rather than quarantine the row.
     */
    public static boolean isBadRow(SQLException e) {
        return any(e, x -> {
            String state = x.getSQLState();
            return state != null && (state.startsWith("22") || state.startsWith("23")
                    || (state.equals("HY000") || state.equals("01000"))
                    && MARIADB_DATA_ERRORS.contains(x.getErrorCode()));
        });
    }

    /**
     * Whether a foreign key refused the row because its parent row does not exist: SQLSTATE 23503
     * (the standard's, and PostgreSQL's), 23506 (H2's "referenced row missing"), or MariaDB's error
     * 1452 under its SQLSTATE 23000.
     */
    public static boolean isMissingParent(SQLException e) {
        return any(e, x -> "23503".equals(x.getSQLState()) || "23506".equals(x.getSQLState())
                || "23000".equals(x.getSQLState()) && MARIADB_MISSING_PARENT.contains(x.getErrorCode()));
    }

    /** Whether the exception, or one it was caused by, is an SQLException the test accepts. */
    private static boolean any(SQLException e, Predicate<SQLException> test) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException && test.test((SQLException) t)) {
                return true;
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
