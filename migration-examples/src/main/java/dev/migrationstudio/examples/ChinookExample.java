package dev.migrationstudio.examples;

import com.zaxxer.hikari.HikariDataSource;
import dev.migrationstudio.examples.chinook.ChinookLifecycle;
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
 * PostgreSQL, ending with the evidence pack written.
 *
 * <pre>
 * ChinookExample [--out DIR] [--engine h2|postgres] [--pg-url URL --pg-user USER --pg-password PASSWORD]
 * </pre>
 *
 * With {@code --engine postgres}, two databases ({@code chinook_legacy_*} and {@code chinook_v2_*})
 * are created on the server (default: the MS_TEST_PG_* variables) and dropped at the end. Exits
 * with status 1 if the verification fails or the rehearsal's go/no-go is NO_GO.
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
        ChinookLifecycle.Outcome outcome = engine.equals("postgres") ? onPostgres(args, out) : onH2(out);
        System.out.println("Chinook legacy -> v2 on " + engine);
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
        String url = option(args, "--pg-url", System.getenv("MS_TEST_PG_URL"));
        if (url == null) {
            throw new IllegalArgumentException("--engine postgres needs --pg-url (or MS_TEST_PG_URL)");
        }
        String user = option(args, "--pg-user", System.getenv().getOrDefault("MS_TEST_PG_USER", "postgres"));
        String password = option(args, "--pg-password", System.getenv().getOrDefault("MS_TEST_PG_PASSWORD", ""));
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String legacyName = "chinook_legacy_" + suffix;
        String v2Name = "chinook_v2_" + suffix;
        admin(url, user, password, "CREATE DATABASE " + legacyName, "CREATE DATABASE " + v2Name);
        String base = url.substring(0, url.lastIndexOf('/') + 1);
        try (HikariDataSource legacy = JdbcUrls.pool(base + legacyName, user, password, 8);
             HikariDataSource v2 = JdbcUrls.pool(base + v2Name, user, password, 8)) {
            return ChinookLifecycle.run(legacy, v2, out);
        } finally {
            admin(url, user, password, "DROP DATABASE IF EXISTS " + legacyName + " WITH (FORCE)",
                    "DROP DATABASE IF EXISTS " + v2Name + " WITH (FORCE)");
        }
    }

    private static void admin(String url, String user, String password, String... statements) throws SQLException {
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

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
