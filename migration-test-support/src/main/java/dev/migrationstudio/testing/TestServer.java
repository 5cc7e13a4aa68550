package dev.migrationstudio.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * A database server the test suite runs against, as {@code scripts/test} describes it in the
 * environment ({@code MS_TEST_PG_URL}, {@code MS_TEST_PG_USER}, {@code MS_TEST_PG_PASSWORD}, and the
 * same with {@code MARIADB} for MariaDB) or in system properties of the same names in lower case with
 * dots ({@code ms.test.pg.url}, ...).
 */
public final class TestServer {
    private final String label;
    private final String prefix;
    private final String url;
    private final String user;
    private final String password;

    private TestServer(String label, String prefix, String url, String user, String password) {
        this.label = label;
        this.prefix = prefix;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * The configured PostgreSQL server.
     *
     * @throws IllegalStateException when none is configured
     */
    public static TestServer postgres() {
        return configured("PostgreSQL", "PG", "postgres");
    }

    /**
     * The configured MariaDB server.
     *
     * @throws IllegalStateException when none is configured
     */
    public static TestServer mariadb() {
        return configured("MariaDB", "MARIADB", "root");
    }

    private static TestServer configured(String label, String prefix, String defaultUser) {
        String url = setting("MS_TEST_" + prefix + "_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(
                    label + " tests cannot run: no server is configured. " + howTo(label, prefix));
        }
        String user = setting("MS_TEST_" + prefix + "_USER");
        String password = setting("MS_TEST_" + prefix + "_PASSWORD");
        return new TestServer(label, prefix, url, user == null ? defaultUser : user, password == null ? "" : password);
    }

    private static String howTo(String label, String prefix) {
        return "Run the tests with scripts/test, which starts a throwaway " + label + ", or point MS_TEST_" + prefix
                + "_URL, MS_TEST_" + prefix + "_USER and MS_TEST_" + prefix + "_PASSWORD at a server you own.";
    }

    private static String setting(String name) {
        String property = System.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'));
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

    /** The host of the server. */
    public String host() {
        String rest = url.substring(url.indexOf("//") + 2);
        return rest.substring(0, rest.indexOf(':'));
    }

    /** The TCP port of the server. */
    public int port() {
        String rest = url.substring(url.indexOf("//") + 2);
        return Integer.parseInt(rest.substring(rest.indexOf(':') + 1, rest.indexOf('/')));
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
            throw new IllegalStateException(label + " tests cannot run: cannot connect to " + jdbcUrl + " ("
                    + e.getMessage() + "). " + howTo(label, prefix), e);
        }
    }
}
