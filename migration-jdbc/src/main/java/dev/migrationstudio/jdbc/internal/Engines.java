package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.MigrationException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/** Which database engine is behind a connection, and a jOOQ context that quotes every identifier. */
public final class Engines {

    static {
        // jOOQ logs its logo and a tip when it first renders SQL: a library should not put those in its
        // users' logs. Every context of this library is made here, so this runs before jOOQ reads the
        // properties; a user who wants them sets -Dorg.jooq.no-logo=false (or no-tips) and keeps them.
        quietByDefault("org.jooq.no-logo");
        quietByDefault("org.jooq.no-tips");
    }

    private Engines() {
    }

    private static void quietByDefault(String property) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, "true");
        }
    }

    /** The jOOQ dialect for a connection's engine; {@link SQLDialect#DEFAULT} for engines not recognised. */
    public static SQLDialect dialectOf(Connection connection) {
        try {
            DatabaseMetaData meta = connection.getMetaData();
            String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) {
                return SQLDialect.POSTGRES;
            }
            if (product.contains("h2")) {
                return SQLDialect.H2;
            }
            if (product.contains("mariadb") || product.contains("mysql")) {
                return SQLDialect.MARIADB;
            }
            return SQLDialect.DEFAULT;
        } catch (SQLException e) {
            throw new MigrationException("cannot read the database product name: " + e.getMessage(), e);
        }
    }

    /** The jOOQ dialect of a data source's engine. */
    public static SQLDialect dialectOf(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return dialectOf(connection);
        } catch (SQLException e) {
            throw new MigrationException("cannot connect to read the database engine: " + e.getMessage(), e);
        }
    }

    /** Settings under which jOOQ quotes every identifier and binds every value. */
    public static Settings settings() {
        return new Settings().withRenderQuotedNames(RenderQuotedNames.ALWAYS).withExecuteLogging(false);
    }

    /** A jOOQ context on one connection, quoting every identifier. */
    public static DSLContext dsl(Connection connection) {
        return DSL.using(connection, dialectOf(connection), settings());
    }

    /** A jOOQ context that renders SQL for a dialect without executing anything. */
    public static DSLContext renderer(SQLDialect dialect) {
        return DSL.using(dialect, settings());
    }
}
