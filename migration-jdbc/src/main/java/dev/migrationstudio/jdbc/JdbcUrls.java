package dev.migrationstudio.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.migrationstudio.jdbc.internal.UrlCredentials;

/**
 * Connection pools for users who have a JDBC URL rather than a {@link javax.sql.DataSource}.
 *
 * <pre>{@code
 * try (HikariDataSource source = JdbcUrls.pool("jdbc:postgresql://db:5432/legacy", "reader", password, 4)) {
 *     ...
 * }
 * }</pre>
 */
public final class JdbcUrls {

    private JdbcUrls() {
    }

    /**
     * A HikariCP pool for a JDBC URL. The password goes to the driver only: it is not part of the
     * pool's name, logs or exception messages. A password written inside the URL (and the user of a
     * {@code //user:password@host} or Oracle {@code user/password@host} URL) is taken out of it and
     * given to the pool as a property, so the URL the pool holds and logs has none; the URL's own
     * credentials take precedence over {@code user} and {@code password}, as they did with the driver.
     *
     * <p>HikariCP is an optional dependency of this library: add {@code com.zaxxer:HikariCP} (5.1 or
     * later) to use URLs, or pass your own {@code DataSource}s.
     *
     * @param maximumPoolSize connections the pool may open (at least 1)
     * @param jdbcUrl the JDBC URL, possibly with credentials in it; not null
     * @param user the user, or {@code null} when the URL or the driver supplies it
     * @param password the password, or {@code null} when there is none
     * @return a new pool; the caller closes it
     * @throws IllegalArgumentException if the text is not a JDBC URL (the text is not shown: it may hold a password)
     * @throws IllegalStateException if HikariCP is not on the class path
     */
    public static HikariDataSource pool(String jdbcUrl, String user, String password, int maximumPoolSize) {
        requireHikari();
        checkNotNull(jdbcUrl, "jdbcUrl");
        // The text is not echoed: a mistyped URL (or a password pasted in its place) may hold a secret.
        checkArgument(jdbcUrl.startsWith("jdbc:"), "the URL given is not a JDBC URL: it must start with jdbc: "
                + "(it is not shown, as it may hold a password)");
        checkArgument(maximumPoolSize >= 1, "maximumPoolSize must be at least 1, got %s", maximumPoolSize);
        UrlCredentials credentials = UrlCredentials.split(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(credentials.url());
        config.setUsername(credentials.user().orElse(user));
        config.setPassword(credentials.password().orElse(password));
        config.setMaximumPoolSize(maximumPoolSize);
        config.setMinimumIdle(0);
        config.setPoolName("migration-studio-" + Integer.toHexString(credentials.url().hashCode()));
        return new HikariDataSource(config);
    }

    private static void requireHikari() {
        try {
            Class.forName("com.zaxxer.hikari.HikariDataSource", false, JdbcUrls.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a JDBC URL needs a connection pool, and HikariCP is not on the class "
                    + "path: add the dependency com.zaxxer:HikariCP (5.1 or later), or pass a DataSource instead", e);
        }
    }

    /**
     * A JDBC URL with any password masked, safe for logs and messages: {@code password=***} and
     * {@code pwd=***} parameters (also a SQL Server {@code {...}} value, or one holding {@code ;} in a
     * {@code ?}/{@code &} query), {@code //user:***@host} and Oracle {@code user/***@host}.
      *
      * @param jdbcUrl a JDBC URL, or {@code null}
      * @return the URL with every password replaced by {@code ***}; {@code null} for {@code null}
     */
    public static String redact(String jdbcUrl) {
        return jdbcUrl == null ? null : UrlCredentials.redact(jdbcUrl);
    }
}
