package dev.migrationstudio.examples;

import com.zaxxer.hikari.HikariDataSource;
import dev.migrationstudio.cdc.PostgresChangeCapture;
import dev.migrationstudio.examples.chinook.ChinookLifecycle;
import dev.migrationstudio.examples.chinook.LegacyNames;
import dev.migrationstudio.jdbc.JdbcUrls;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The main job: the whole Chinook migration, stage by stage, on embedded H2 (default) or
 * PostgreSQL, or from MariaDB to PostgreSQL, ending with the evidence pack written.
 *
 * <pre>
 * ChinookExample [--out DIR] [--engine h2|postgres|mariadb] [--pg-url URL --pg-user USER --pg-password PASSWORD]
 *                [--mariadb-url URL --mariadb-user USER --mariadb-password PASSWORD]
 * </pre>
 *
 * With {@code --engine postgres}, two databases ({@code chinook_legacy_*} and {@code chinook_v2_*})
 * are created on the server (default: the MS_TEST_PG_* variables) and dropped at the end; the store
 * keeps selling during the load, and a replication slot (change data capture) brings its writes to v2,
 * before the verification and as the cutover's final delta. With
 * {@code --engine mariadb}, legacy is the MySQL flavour of Chinook ({@code InvoiceLine.UnitPrice})
 * in a database created on the MariaDB server (default: the MS_TEST_MARIADB_* variables), and v2 a
 * database on the PostgreSQL server: the classic MySQL-to-PostgreSQL move. Exits with status 1 if the
 * verification fails or the rehearsal's go/no-go is NO_GO.
 */
public final class ChinookExample {

    private ChinookExample() {
    }

    /** Runs the example. */
    public static void main(String[] args) throws Exception {
        // jOOQ greets every new JVM with a banner and a tip; a console tool keeps its output for results.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        Path out = Path.of(option(args, "--out", "target/chinook-evidence"));
        String engine = option(args, "--engine", "h2");
        ChinookLifecycle.Outcome outcome = switch (engine) {
            case "h2" -> onH2(out);
            case "postgres" -> onPostgres(args, out);
            case "mariadb" -> fromMariaDb(args, out);
            default -> throw new IllegalArgumentException("--engine must be h2, postgres or mariadb, not " + engine);
        };
        System.out.println("Chinook legacy -> v2 "
                + (engine.equals("mariadb") ? "from MariaDB to PostgreSQL" : "on " + engine));
        System.out.println(outcome.summary());
        if (!outcome.succeeded()) {
            System.exit(1);
        }
    }

    static ChinookLifecycle.Outcome onH2(Path out) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        JdbcDataSource legacy = h2("chinook_legacy_" + suffix);
        JdbcDataSource v2 = h2("chinook_v2_" + suffix);
        return ChinookLifecycle.run(legacy, v2, out);
    }

    private static JdbcDataSource h2(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE");
        dataSource.setUser("sa");
        dataSource.setPassword("");
        return dataSource;
    }

    static ChinookLifecycle.Outcome onPostgres(String[] args, Path out) throws SQLException {
        Server postgres = Server.of(args, "pg", "MS_TEST_PG", "postgres");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String legacyName = "chinook_legacy_" + suffix;
        String v2Name = "chinook_v2_" + suffix;
        postgres.admin("CREATE DATABASE " + legacyName, "CREATE DATABASE " + v2Name);
        // Legacy on PostgreSQL: the store keeps selling during the load, and a replication slot brings its writes.
        PostgresChangeCapture capture = PostgresChangeCapture.configure()
                .source(postgres.urlOf(legacyName), postgres.user(), postgres.password()).slot(legacyName).build();
        try (HikariDataSource legacy = postgres.pool(legacyName); HikariDataSource v2 = postgres.pool(v2Name)) {
            return ChinookLifecycle.run(legacy, v2, out, capture);
        } finally {
            capture.drop();
            postgres.admin("DROP DATABASE IF EXISTS " + legacyName + " WITH (FORCE)",
                    "DROP DATABASE IF EXISTS " + v2Name + " WITH (FORCE)");
        }
    }

    static ChinookLifecycle.Outcome fromMariaDb(String[] args, Path out) throws SQLException {
        Server mariadb = Server.of(args, "mariadb", "MS_TEST_MARIADB", "root");
        Server postgres = Server.of(args, "pg", "MS_TEST_PG", "postgres");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String legacyName = "chinook_legacy_" + suffix;
        String v2Name = "chinook_v2_" + suffix;
        // The server's default character set and collation, as a MySQL application's database has them.
        mariadb.admin("CREATE DATABASE " + legacyName);
        postgres.admin("CREATE DATABASE " + v2Name);
        try (HikariDataSource legacy = mariadb.pool(legacyName); HikariDataSource v2 = postgres.pool(v2Name)) {
            return ChinookLifecycle.run(legacy, v2, out, LegacyNames.PASCAL_CASE);
        } finally {
            mariadb.admin("DROP DATABASE IF EXISTS " + legacyName);
            postgres.admin("DROP DATABASE IF EXISTS " + v2Name + " WITH (FORCE)");
        }
    }

    /** A database server given by options ({@code --pg-url}, ...) or the test suite's variables. */
    private record Server(String url, String user, String password) {
        static Server of(String[] args, String option, String variable, String defaultUser) {
            String url = option(args, "--" + option + "-url", System.getenv(variable + "_URL"));
            if (url == null) {
                throw new IllegalArgumentException("this engine needs --" + option + "-url (or " + variable + "_URL)");
            }
            return new Server(url, option(args, "--" + option + "-user",
                    System.getenv().getOrDefault(variable + "_USER", defaultUser)),
                    option(args, "--" + option + "-password",
                            System.getenv().getOrDefault(variable + "_PASSWORD", "")));
        }

        HikariDataSource pool(String database) {
            return JdbcUrls.pool(urlOf(database), user, password, 8);
        }

        String urlOf(String database) {
            return url.substring(0, url.lastIndexOf('/') + 1) + database;
        }

        void admin(String... statements) throws SQLException {
            Properties properties = new Properties();
            properties.setProperty("user", user);
            properties.setProperty("password", password);
            try (Connection connection = DriverManager.getConnection(url, properties);
                 Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
        }

        @Override
        public String toString() {
            return "Server[" + JdbcUrls.redact(url) + ", " + user + "]";
        }
    }

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
