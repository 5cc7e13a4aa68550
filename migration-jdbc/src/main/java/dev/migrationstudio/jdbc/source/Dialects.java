package dev.migrationstudio.jdbc.source;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.jdbc.internal.Engines;
import java.sql.Connection;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/**
 * Which database engine is behind a connection, and a SQL renderer for it that quotes every
 * identifier and binds every value: how the engine and the verifier build the queries a
 * {@link SourceCursor} runs.
 */
public final class Dialects {

    private Dialects() {
    }

    /**
     * The jOOQ dialect of a connection's engine: {@link SQLDialect#POSTGRES}, {@link SQLDialect#H2},
     * {@link SQLDialect#MARIADB} (MariaDB and MySQL), or {@link SQLDialect#DEFAULT} for an engine not
     * recognised.
     *
     * @param connection an open connection; not null
     * @return the dialect
     * @throws dev.migrationstudio.MigrationException if the engine's name cannot be read
     */
    public static SQLDialect of(Connection connection) {
        return Engines.dialectOf(checkNotNull(connection, "connection"));
    }

    /**
     * A jOOQ context that only renders SQL for a dialect (nothing executes), quoting every identifier.
     *
     * @param dialect the dialect to render for; not null
     * @return a context for rendering only
     */
    public static DSLContext renderer(SQLDialect dialect) {
        return Engines.renderer(checkNotNull(dialect, "dialect"));
    }
}
