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
     * @param maximumPoolSize connections the pool may open (at least 1)
     * @throws IllegalArgumentException if the text is not a JDBC URL (the text is not shown: it may hold a password)
     */
    public static HikariDataSource pool(String jdbcUrl, String user, String password, int maximumPoolSize) {
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

    /**
     * A JDBC URL with any password masked, safe for logs and messages: {@code password=***} and
     * {@code pwd=***} parameters (also a SQL Server {@code {...}} value, or one holding {@code ;} in a
     * {@code ?}/{@code &} query), {@code //user:***@host} and Oracle {@code user/***@host}.
     */
    public static String redact(String jdbcUrl) {
        return jdbcUrl == null ? null : UrlCredentials.redact(jdbcUrl);
    }
}
