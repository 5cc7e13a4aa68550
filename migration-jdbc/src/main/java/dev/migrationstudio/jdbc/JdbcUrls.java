package dev.migrationstudio.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

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
     * pool's name, logs or exception messages.
     *
     * @param maximumPoolSize connections the pool may open (at least 1)
     */
    public static HikariDataSource pool(String jdbcUrl, String user, String password, int maximumPoolSize) {
        checkNotNull(jdbcUrl, "jdbcUrl");
        checkArgument(jdbcUrl.startsWith("jdbc:"), "'%s' is not a JDBC URL (it must start with jdbc:)", redact(jdbcUrl));
        checkArgument(maximumPoolSize >= 1, "maximumPoolSize must be at least 1, got %s", maximumPoolSize);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maximumPoolSize);
        config.setMinimumIdle(0);
        config.setPoolName("migration-studio-" + Integer.toHexString(redact(jdbcUrl).hashCode()));
        return new HikariDataSource(config);
    }

    /**
     * A JDBC URL with any password parameter masked, safe for logs and messages
     * ({@code password=***}, {@code user:***@host}).
     */
    public static String redact(String jdbcUrl) {
        if (jdbcUrl == null) {
            return null;
        }
        return jdbcUrl.replaceAll("(?i)(password|pwd)=[^&;]*", "$1=***")
                .replaceAll("(//[^/:@]+):[^@/]*@", "$1:***@");
    }
}
