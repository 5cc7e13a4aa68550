package dev.migrationstudio.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Puts a MariaDB session in UTC for a while and back. MariaDB converts TIMESTAMP values between UTC
 * (as stored) and the session's time zone (as read and written); in UTC the conversion is exact,
 * where a zone with daylight saving time has an hour each autumn that two instants share. The
 * session's own zone is kept in a session variable and put back, so that a pooled connection returns
 * to its pool as it came.
 */
public final class MariaDbSessions {
    private MariaDbSessions() {
    }

    /** Sets the session's time zone to UTC, keeping the zone it had. */
    public static void utc(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET @ms_time_zone = @@session.time_zone, @@session.time_zone = '+00:00'");
        }
    }

    /** Puts back the zone {@link #utc} kept. */
    public static void restore(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET @@session.time_zone = COALESCE(@ms_time_zone, @@session.time_zone)");
        }
    }

    /** {@link #restore}, for a connection that may be gone: its session, and the zone with it, then are too. */
    static void restoreQuietly(Connection connection) {
        try {
            if (!connection.isClosed()) {
                restore(connection);
            }
        } catch (SQLException ignored) {
            // A lost session has no zone left to restore.
        }
    }
}
