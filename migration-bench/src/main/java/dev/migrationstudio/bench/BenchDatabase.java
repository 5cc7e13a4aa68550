package dev.migrationstudio.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import com.zaxxer.hikari.HikariDataSource;
import dev.migrationstudio.jdbc.JdbcUrls;

/**
 * A database a benchmark reads or writes: an H2 file database under {@code target/bench} (on disk,
 * so the benchmark's heap holds only what the code under test holds), or a fresh database on a
 * PostgreSQL or MariaDB server. Closing it drops it.
 */
final class BenchDatabase implements AutoCloseable {
    private final String engine;
    private final DataSource dataSource;
    private final Runnable drop;
    /** Where a server database is, for tools outside the JVM (pgloader); null for H2. */
    private final Address address;

    private BenchDatabase(String engine, DataSource dataSource, Runnable drop) {
        this(engine, dataSource, drop, null);
    }

    private BenchDatabase(String engine, DataSource dataSource, Runnable drop, Address address) {
        this.engine = engine;
        this.dataSource = dataSource;
        this.drop = drop;
        this.address = address;
    }

    /** A server database's host, port, name and account. */
    record Address(String host, int port, String database, String user, String password) {
        static Address of(PostgresServer server, String database) {
            String rest = server.url().substring(server.url().indexOf("//") + 2);
            return new Address(rest.substring(0, rest.indexOf(':')),
                    Integer.parseInt(rest.substring(rest.indexOf(':') + 1, rest.indexOf('/'))), database, server.user(),
                    server.password());
        }

        @Override
        public String toString() {
            return user + "@" + host + ":" + port + "/" + database;
        }
    }

    /** Where the database is; empty for H2. */
    java.util.Optional<Address> address() {
        return java.util.Optional.ofNullable(address);
    }

    static BenchDatabase h2(Path directory, String name) throws Exception {
        Files.createDirectories(directory);
        Path file = directory.resolve(name).toAbsolutePath();
        Files.deleteIfExists(Path.of(file + ".mv.db"));
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + file + ";DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        dataSource.setPassword("");
        return new BenchDatabase("h2", dataSource, () -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** An in-memory H2 database (for benchmarks whose subject reads rather than writes). */
    static BenchDatabase h2InMemory(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE");
        dataSource.setUser("sa");
        dataSource.setPassword("");
        return new BenchDatabase("h2", dataSource, () -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException ignored) {
                // Already gone.
            }
        });
    }

    static BenchDatabase postgres(PostgresServer server, String name) throws SQLException {
        return postgres(server, name, 8);
    }

    static BenchDatabase postgres(PostgresServer server, String name, int poolSize) throws SQLException {
        try (Connection admin = server.connect(server.url()); Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
        }
        // Pooled, as any application runs it: a new authenticated connection costs tens of milliseconds.
        HikariDataSource dataSource = JdbcUrls.pool(server.urlOf(name), server.user(), server.password(), poolSize);
        return new BenchDatabase("postgres", dataSource, () -> {
            dataSource.close();
            try (Connection admin = server.connect(server.url()); Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, Address.of(server, name));
    }

    /** A new database on a MariaDB server (utf8mb4, binary collation), dropped on close. */
    static BenchDatabase mariadb(PostgresServer server, String name) throws SQLException {
        try (Connection admin = server.connect(server.url()); Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
        HikariDataSource dataSource = JdbcUrls.pool(server.urlOf(name), server.user(), server.password(), 8);
        return new BenchDatabase("mariadb", dataSource, () -> {
            dataSource.close();
            try (Connection admin = server.connect(server.url()); Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, Address.of(server, name));
    }

    String engine() {
        return engine;
    }

    DataSource dataSource() {
        return dataSource;
    }

    void execute(String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    long count(String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Fills {@code rows} with id / text / decimal / timestamp rows generated inside the database. */
    void generate(String table, long rows) throws SQLException {
        boolean mariadb = engine.equals("mariadb");
        String series = engine.equals("h2") ? "SYSTEM_RANGE(1, " + rows + ") AS s(x)"
                : mariadb ? "(SELECT seq AS x FROM seq_1_to_" + rows + ") AS s" : "generate_series(1, " + rows + ") AS s(x)";
        execute("DROP TABLE IF EXISTS " + table, createTable(table),
                "INSERT INTO " + table + " SELECT x, CONCAT('  customer ', x, '  '), MOD(x, 100000) * 0.37, "
                        + "TIMESTAMP '2020-01-01 00:00:00' + " + (mariadb ? "INTERVAL x SECOND" : "x * INTERVAL '1' SECOND")
                        + " FROM " + series);
        if (engine.equals("postgres")) {
            execute("VACUUM ANALYZE " + table);
        } else if (mariadb) {
            execute("ANALYZE TABLE " + table);
        }
    }

    /** The benchmark table's DDL: MariaDB's timestamp without a zone is DATETIME (its TIMESTAMP is an instant). */
    private String createTable(String table) {
        return "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, "
                + "amount NUMERIC(12,2) NOT NULL, created " + (engine.equals("mariadb") ? "DATETIME" : "TIMESTAMP")
                + " NOT NULL)";
    }

    /** A fresh, empty target table of the same shape. */
    void recreateTarget(String table) throws SQLException {
        execute("DROP TABLE IF EXISTS " + table, "DROP TABLE IF EXISTS ms_chunk", "DROP TABLE IF EXISTS ms_migration",
                "DROP TABLE IF EXISTS ms_completed_table", "DROP TABLE IF EXISTS ms_quarantine",
                "DROP TABLE IF EXISTS ms_lock", "DROP TABLE IF EXISTS ms_table_owner",
                "DROP TABLE IF EXISTS ms_catchup", createTable(table));
    }

    @Override
    public void close() {
        drop.run();
    }

    /** A PostgreSQL (or MariaDB) server given by URL, user and password. */
    record PostgresServer(String url, String user, String password) {
        Connection connect(String jdbcUrl) throws SQLException {
            Properties properties = new Properties();
            properties.setProperty("user", user);
            properties.setProperty("password", password);
            return DriverManager.getConnection(jdbcUrl, properties);
        }

        String urlOf(String database) {
            int slash = url.lastIndexOf('/');
            int query = url.indexOf('?', slash);
            return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
        }

        /** Never the password: a record's own text would show it. */
        @Override
        public String toString() {
            return "PostgresServer[" + JdbcUrls.redact(url) + ", " + user + "]";
        }
    }
}
