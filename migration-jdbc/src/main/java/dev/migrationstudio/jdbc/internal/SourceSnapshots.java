package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.MigrationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Reading a PostgreSQL source from an exported snapshot ({@code pg_export_snapshot()}, or the one a
 * logical replication slot exports when it is created): every table then reads the source as of one
 * instant, the instant a change stream starts from.
 */
public final class SourceSnapshots {
    /** What PostgreSQL's snapshot names look like, e.g. {@code 00000003-0000001B-1}. */
    private static final Pattern NAME = Pattern.compile("[0-9A-Fa-f]+(-[0-9A-Fa-f]+)+");

    private SourceSnapshots() {
    }

    /**
     * Checks a snapshot's name, so that a mistyped one fails before anything runs.
     *
     * @throws IllegalArgumentException naming the value
     */
    public static String checkName(String snapshot) {
        if (snapshot == null || !NAME.matcher(snapshot).matches()) {
            throw new IllegalArgumentException("'" + snapshot + "' is not a PostgreSQL snapshot name (such as "
                    + "00000003-0000001B-1, as pg_export_snapshot() or a new replication slot gives)");
        }
        return snapshot;
    }

    /** Starts the connection's transaction (auto-commit off, nothing run yet) as a read of the snapshot. */
    static void read(Connection source, String snapshot) throws SQLException {
        if (Engines.dialectOf(source) != SQLDialect.POSTGRES) {
            throw new MigrationException("a source snapshot can only be read from PostgreSQL, the source is "
                    + source.getMetaData().getDatabaseProductName());
        }
        source.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        // SET TRANSACTION SNAPSHOT takes no bind parameter; the name was checked against NAME and is
        // rendered as a literal by jOOQ.
        String sql = Engines.renderer(SQLDialect.POSTGRES).render(
                DSL.query("set transaction snapshot {0}", DSL.inline(checkName(snapshot))));
        try (Statement statement = source.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new MigrationException("cannot read the source from snapshot " + snapshot + " (it exists only while "
                    + "the session that exported it is open and idle): " + SqlStates.reason(e), e);
        }
    }
}
