package dev.migrationstudio.verify.internal;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.jdbc.source.Dialects;
import dev.migrationstudio.jdbc.source.TableNames;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/**
 * One database of a verification (source or target): its engine, and one read-only connection per
 * worker thread, opened on first use and kept for the whole run so that chunk queries do not pay
 * for a new connection each.
 */
final class Side implements AutoCloseable {
    private final String label;
    private final DataSource dataSource;
    private final SQLDialect dialect;
    private final String product;
    private final String currentSchema;
    private final Optional<String> configuredSchema;
    private final int fetchSize;
    private final DSLContext renderer;
    private final ThreadLocal<Connection> byThread = new ThreadLocal<>();
    private final ConcurrentLinkedQueue<Connection> opened = new ConcurrentLinkedQueue<>();
    private final Map<String, Optional<Catalog.Table>> tables = new ConcurrentHashMap<>();
    private final Map<Connection, String> zones = new ConcurrentHashMap<>();

    private Side(String label, DataSource dataSource, SQLDialect dialect, String product, String currentSchema,
                 Optional<String> configuredSchema, int fetchSize) {
        this.label = label;
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.product = product;
        this.currentSchema = currentSchema;
        this.configuredSchema = configuredSchema;
        this.fetchSize = fetchSize;
        this.renderer = Dialects.renderer(dialect);
    }

    /**
     * Connects once to learn the engine.
     *
     * @param label {@code source} or {@code target}, for messages
     * @throws MigrationException if the database cannot be reached
     */
    public static Side open(String label, DataSource dataSource, Optional<String> schema, int fetchSize) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String product = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
            SQLDialect dialect = Dialects.of(connection);
            // On MariaDB and MySQL a schema is a database, which the driver calls the catalog.
            String current = schemasAreCatalogs(dialect) ? connection.getCatalog() : connection.getSchema();
            return new Side(label, dataSource, dialect, product, current, schema, fetchSize);
        } catch (SQLException e) {
            throw new MigrationException("cannot connect to the " + label + " database: " + e.getMessage(), e);
        }
    }

    /** {@code source} or {@code target}. */
    public String label() {
        return label;
    }

    /** The engine's jOOQ dialect. */
    public SQLDialect dialect() {
        return dialect;
    }

    /** Whether the engine is PostgreSQL. */
    public boolean isPostgres() {
        return dialect.family() == SQLDialect.POSTGRES;
    }

    /** Whether the engine is H2. */
    public boolean isH2() {
        return dialect.family() == SQLDialect.H2;
    }

    /** Whether the engine is MariaDB or MySQL. */
    public boolean isMariaDb() {
        return schemasAreCatalogs(dialect);
    }

    private static boolean schemasAreCatalogs(SQLDialect dialect) {
        return dialect.family() == SQLDialect.MARIADB || dialect.family() == SQLDialect.MYSQL;
    }

    /** Product name and version, e.g. {@code PostgreSQL 15.4}. */
    public String product() {
        return product;
    }

    /** The schema of tables whose name has none: the configured one, else the connection's current schema. */
    public Optional<String> defaultSchema() {
        return configuredSchema.or(() -> Optional.ofNullable(currentSchema));
    }

    /** Rows per round trip. */
    public int fetchSize() {
        return fetchSize;
    }

    /** A jOOQ context that only renders SQL for this engine, quoting every identifier. */
    public DSLContext renderer() {
        return renderer;
    }

    /**
     * A table from the metadata, looked up once per run.
     *
     * @param schema the schema to look in when the id has none; empty for the default schema
     */
    public Optional<Catalog.Table> table(TableId id, Optional<String> schema) throws SQLException {
        Optional<String> where = id.schemaName().or(() -> schema).or(this::defaultSchema);
        String cacheKey = where.orElse("") + "\u0000" + id.name();
        Optional<Catalog.Table> table = tables.get(cacheKey);
        if (table == null) {
            try {
                table = Catalog.find(connection(), id, where, isMariaDb());
            } finally {
                endRead();
            }
            tables.put(cacheKey, table);
        }
        return table;
    }

    /** {@code "; did you mean ..."} with the tables whose names are close to {@code id}'s, for errors. */
    public String nearMisses(TableId id) throws SQLException {
        try {
            return TableNames.nearMisses(connection(), id);
        } finally {
            endRead();
        }
    }

    /** This thread's connection, opened on first use: read-only, not auto-committing (so results stream). */
    public Connection connection() {
        Connection connection = byThread.get();
        if (connection != null) {
            return connection;
        }
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            if (dialect.family() == SQLDialect.H2) {
                try (Statement statement = connection.createStatement()) {
                    // Without it H2 materialises a whole result before returning the first row.
                    statement.execute("SET LAZY_QUERY_EXECUTION TRUE");
                }
            }
            if (isMariaDb()) {
                // TIMESTAMP values arrive in the session's time zone: in UTC, they read as the same
                // instants whatever the server's or the pool's zone (restored when the run ends).
                try (Statement statement = connection.createStatement();
                     ResultSet zone = statement.executeQuery("SELECT @@session.time_zone")) {
                    zone.next();
                    zones.put(connection, zone.getString(1));
                    statement.execute("SET time_zone = '+00:00'");
                }
            }
        } catch (SQLException e) {
            throw new MigrationException("cannot open a connection to the " + label + " database: " + e.getMessage(), e);
        }
        byThread.set(connection);
        opened.add(connection);
        return connection;
    }

    /** Ends this thread's read transaction, releasing its snapshot. */
    public void endRead() {
        Connection connection = byThread.get();
        if (connection != null) {
            try {
                connection.rollback();
            } catch (SQLException e) {
                throw new MigrationException("cannot end a read on the " + label + " database: " + e.getMessage(), e);
            }
        }
    }

    private void restoreZone(Connection connection) throws SQLException {
        String zone = zones.remove(connection);
        if (zone != null) {
            try (PreparedStatement statement = connection.prepareStatement("SET time_zone = ?")) {
                statement.setString(1, zone);
                statement.execute();
            }
        }
    }

    /** Closes every connection opened. */
    @Override
    public void close() {
        Connection connection;
        while ((connection = opened.poll()) != null) {
            try {
                connection.rollback();
                restoreZone(connection);
                connection.setReadOnly(false);
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // The connection is being closed; a failed reset changes nothing for the result.
            } finally {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // Nothing more to do with a connection that will not close.
                }
            }
        }
    }
}
