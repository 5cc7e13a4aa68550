package dev.migrationstudio.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The PostgreSQL server the test suite runs against, as {@code scripts/test} describes it in the
 * environment (MS_TEST_PG_URL, MS_TEST_PG_USER, MS_TEST_PG_PASSWORD) or system properties of the same
 * names in lower case with dots ({@code ms.test.pg.url}, ...).
 */
public final class PostgresServer {
    private static final String HOW_TO = "Run the tests with scripts/test, which starts a throwaway PostgreSQL, "
            + "or point MS_TEST_PG_URL, MS_TEST_PG_USER and MS_TEST_PG_PASSWORD at a server you own.";

    private final String url;
    private final String user;
    private final String password;

    private PostgresServer(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * The configured server.
     *
     * @throws IllegalStateException when none is configured
     */
    public static PostgresServer configured() {
        String url = setting("MS_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("PostgreSQL tests cannot run: no server is configured. " + HOW_TO);
        }
        String user = setting("MS_TEST_PG_USER");
        String password = setting("MS_TEST_PG_PASSWORD");
        return new PostgresServer(url, user == null ? "postgres" : user, password == null ? "" : password);
    }

    private static String setting(String name) {
        String property = System.getProperty(name.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
        return property != null ? property : System.getenv(name);
    }

    /** The JDBC URL of the server's maintenance database. */
    public String adminUrl() {
        return url;
    }

    /** The JDBC URL of another database on the same server. */
    public String urlOf(String database) {
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    /** The user name. */
    public String user() {
        return user;
    }

    /** The password. */
    public String password() {
        return password;
    }

    /** A new connection to the maintenance database. */
    public Connection connectAdmin() {
        return connect(url);
    }

    /** A new connection to a database of this server. */
    public Connection connect(String jdbcUrl) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        try {
            return DriverManager.getConnection(jdbcUrl, properties);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL tests cannot run: cannot connect to " + jdbcUrl + " ("
                    + e.getMessage() + "). " + HOW_TO, e);
        }
    }
}
