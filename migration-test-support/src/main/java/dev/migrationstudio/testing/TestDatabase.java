package dev.migrationstudio.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.migrationstudio.chinook.SqlScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A fresh, empty database for one test: an in-memory H2 database or a new database on the test
 * PostgreSQL or MariaDB server. Closing it drops it.
 */
public final class TestDatabase implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Engine engine;
    private final String name;
    private final String url;
    private final String user;
    private final String password;
    private final DataSource dataSource;
    private final DataSource fixtureDataSource;
    private final Runnable drop;

    private TestDatabase(Engine engine, String name, String url, String user, String password, DataSource dataSource,
                         DataSource fixtureDataSource, Runnable drop) {
        this.engine = engine;
        this.name = name;
        this.url = url;
        this.user = user;
        this.password = password;
        this.dataSource = dataSource;
        this.fixtureDataSource = fixtureDataSource;
        this.drop = drop;
    }

    private static String uniqueName(String purpose) {
        String clean = purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        if (clean.length() > 30) {
            clean = clean.substring(0, 30);
        }
        return "ms_" + clean + "_" + COUNTER.incrementAndGet() + "_"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new in-memory H2 database (unquoted names fold to lower case, as in PostgreSQL). */
    public static TestDatabase h2(String purpose) {
        String name = uniqueName(purpose);
        String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        dataSource.setPassword("");
        TestDatabase[] self = new TestDatabase[1];
        self[0] = new TestDatabase(Engine.H2, name, url, "sa", "", dataSource, dataSource,
                () -> self[0].execute("SHUTDOWN"));
        return self[0];
    }

    /** A new database on the test PostgreSQL server. */
    public static TestDatabase postgres(String purpose) {
        String name = uniqueName(purpose);
        return onServer(Engine.POSTGRES, TestServer.postgres(), name,
                "CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'",
                "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", null);
    }

    /**
     * A new database on the test MariaDB server, with the character set utf8mb4 (every Unicode
     * character, as in PostgreSQL) and a binary collation (strings compare as PostgreSQL compares them
     * under the "C" collation the test PostgreSQL uses).
     */
    public static TestDatabase mariadb(String purpose) {
        String name = uniqueName(purpose);
        // Fixtures quote identifiers with double quotes, as standard SQL and the other engines do; the
        // code under test gets connections in the server's own mode, with back-quotes.
        return onServer(Engine.MARIADB, TestServer.mariadb(), name,
                "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
                "DROP DATABASE IF EXISTS " + name, "SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')");
    }

    /**
     * Creates a database on a server and pools connections to it; {@code fixtureInitSql}, when given,
     * sets up the sessions of a second pool that {@link #execute} and {@link #query} use.
     */
    private static TestDatabase onServer(Engine engine, TestServer server, String name, String createSql,
                                         String dropSql, String fixtureInitSql) {
        adminExecute(server, createSql, "cannot create " + engine + " test database " + name);
        String url = server.urlOf(name);
        HikariDataSource dataSource = pool(server, url, name, null);
        HikariDataSource fixtures = fixtureInitSql == null ? dataSource
                : pool(server, url, name + "_fixtures", fixtureInitSql);
        return new TestDatabase(engine, name, url, server.user(), server.password(), dataSource, fixtures, () -> {
            dataSource.close();
            fixtures.close();
            adminExecute(server, dropSql, "cannot drop " + engine + " test database " + name);
        });
    }

    private static void adminExecute(TestServer server, String sql, String failure) {
        try (Connection admin = server.connectAdmin(); Statement statement = admin.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(failure + ": " + e.getMessage(), e);
        }
    }

    // Pooled: password authentication makes each new server connection cost tens of milliseconds.
    private static HikariDataSource pool(TestServer server, String url, String name, String initSql) {
        HikariConfig config = new HikariConfig();
        if (initSql != null) {
            config.setConnectionInitSql(initSql);
        }
        config.setJdbcUrl(url);
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(12);
        config.setMinimumIdle(0);
        config.setPoolName(name);
        return new HikariDataSource(config);
    }

    /** The engine. */
    public Engine engine() {
        return engine;
    }

    /** The database's name. */
    public String name() {
        return name;
    }

    /**
     * The schema tables are created in when no schema is named: {@code public} on H2 and PostgreSQL;
     * on MariaDB, where a schema is a database, the database's name.
     */
    public String schema() {
        return engine == Engine.MARIADB ? name : "public";
    }

    /** The JDBC URL. */
    public String jdbcUrl() {
        return url;
    }

    /** The user name. */
    public String user() {
        return user;
    }

    /** The password. */
    public String password() {
        return password;
    }

    /** A data source for the database (not pooled). */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs statements, each in its own auto-committed execution. On MariaDB, identifiers may be quoted
     * with double quotes (the session runs with {@code ANSI_QUOTES}).
     */
    public void execute(String... statements) {
        try (Connection connection = fixtureDataSource.getConnection();
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("statement failed on " + engine + ": " + e.getMessage(), e);
        }
    }

    /** Runs a query and returns all rows, each as an array of column values (quoting as in {@link #execute}). */
    public List<Object[]> query(String sql) {
        try (Connection connection = fixtureDataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            List<Object[]> result = new ArrayList<>();
            while (rows.next()) {
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rows.getObject(i + 1);
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed on " + engine + ": " + e.getMessage(), e);
        }
    }

    /** The single value of a query returning one row and one column. */
    public Object queryValue(String sql) {
        List<Object[]> rows = query(sql);
        if (rows.size() != 1 || rows.get(0).length != 1) {
            throw new IllegalStateException("expected one value from " + sql + ", got " + rows.size() + " rows");
        }
        return rows.get(0)[0];
    }

    /**
     * Runs a SQL script from the class path: statements separated by semicolons at line ends,
     * {@code --} and block comments skipped, and psql meta-commands ({@code \c ...}) and
     * {@code CREATE/DROP DATABASE} lines ignored, as in the Chinook PostgreSQL script.
     */
    public void runScript(String resource) {
        try (var in = TestDatabase.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no script " + resource + " on the class path");
            }
            runScriptText(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the statements of a script text; see {@link #runScript(String)}. */
    public void runScriptText(String script) {
        try (Connection connection = fixtureDataSource.getConnection();
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (String sql : SqlScript.statements(script)) {
                statement.execute(sql);
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("script failed on " + engine + ": " + e.getMessage(), e);
        }
    }

    /**
     * A complete dump of the database (schema and data) as text: H2's {@code SCRIPT}, {@code pg_dump}
     * for PostgreSQL, {@code mariadb-dump} for MariaDB. Two equal dumps mean the database did not change.
     */
    public String dump() {
        if (engine == Engine.H2) {
            StringBuilder script = new StringBuilder();
            for (Object[] line : query("SCRIPT")) {
                script.append(line[0]).append('\n');
            }
            return script.toString();
        }
        boolean postgres = engine == Engine.POSTGRES;
        String binSetting = postgres ? "MS_TEST_PG_BIN" : "MS_TEST_MARIADB_BIN";
        String bin = System.getenv(binSetting);
        if (bin == null) {
            throw new IllegalStateException(binSetting + " is not set; run the tests with scripts/test");
        }
        TestServer server = postgres ? TestServer.postgres() : TestServer.mariadb();
        ProcessBuilder process = postgres
                ? new ProcessBuilder(bin + "/pg_dump", "--no-owner", "-h", server.host(), "-p",
                        String.valueOf(server.port()), "-U", user, name)
                : new ProcessBuilder(bin + "/mariadb-dump", "--no-defaults", "--protocol=tcp", "-h", server.host(),
                        "-P", String.valueOf(server.port()), "-u", user, "--skip-dump-date", "--skip-comments",
                        "--order-by-primary", "--hex-blob", name);
        process.environment().put(postgres ? "PGPASSWORD" : "MYSQL_PWD", password);
        process.redirectErrorStream(true);
        try {
            Process dump = process.start();
            String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (dump.waitFor() != 0) {
                throw new IllegalStateException(process.command().get(0) + " failed: " + text);
            }
            // pg_dump guards its output with a random \restrict key on every run; it is not database content.
            return text.replaceAll("(?m)^\\\\(un)?restrict .*$", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dumping " + name, e);
        }
    }

    /** Drops the database. */
    @Override
    public void close() {
        drop.run();
    }

    @Override
    public String toString() {
        return engine + " " + name;
    }
}
