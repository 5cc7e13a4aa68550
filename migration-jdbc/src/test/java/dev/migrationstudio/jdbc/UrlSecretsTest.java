package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import dev.migrationstudio.jdbc.internal.UrlCredentials;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** A password written inside a JDBC URL reaches the driver, never HikariCP's logs, even at DEBUG. */
class UrlSecretsTest {

    /** HikariCP's loggers that describe a pool and its connections at DEBUG. */
    private static final List<String> HIKARI_LOGGERS = List.of("com.zaxxer.hikari.HikariConfig",
            "com.zaxxer.hikari.HikariDataSource", "com.zaxxer.hikari.pool.HikariPool", "com.zaxxer.hikari.pool.PoolBase",
            "com.zaxxer.hikari.util.DriverDataSource", "com.zaxxer.hikari.pool.ProxyConnection");
    private static final int DEBUG = 10;

    /**
     * Runs the action with HikariCP's loggers at DEBUG and returns what was logged. The simple logger
     * fixes a logger's level when it is created, and HikariCP's are created once per JVM, so the level
     * is set on the loggers themselves (and restored).
     */
    private static String loggedAtDebug(ThrowingRunnable action) throws Exception {
        Field level = Class.forName("org.slf4j.simple.SimpleLogger").getDeclaredField("currentLogLevel");
        level.setAccessible(true);
        List<Object> loggers = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        for (String name : HIKARI_LOGGERS) {
            Object logger = LoggerFactory.getLogger(name);
            loggers.add(logger);
            levels.add(level.getInt(logger));
            level.setInt(logger, DEBUG);
        }
        PrintStream original = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
            for (int i = 0; i < loggers.size(); i++) {
                level.setInt(loggers.get(i), levels.get(i));
            }
        }
        return logged.toString(StandardCharsets.UTF_8);
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aPasswordInsideTheUrlReachesTheDriverButNotTheDebugLog(Engine engine) throws Exception {
        String role = "ms_url_" + Integer.toHexString(ThreadLocalRandom.current().nextInt() & 0xfffffff);
        // PostgreSQL's password holds a ';', which HikariCP's own masking stops at.
        String secret = engine == Engine.H2 ? "S3cretDoNotPrint7f3a" : "S3cret;DoNotPrint7f3a";
        try (TestDatabase db = engine.create("url-secret")) {
            String url;
            if (engine == Engine.H2) {
                db.execute("CREATE USER " + role + " PASSWORD '" + secret + "' ADMIN");
                url = db.jdbcUrl() + ";PASSWORD=" + secret;
            } else if (engine == Engine.MARIADB) {
                db.execute("CREATE USER '" + role + "'@'%' IDENTIFIED BY '" + secret + "'",
                        "GRANT ALL ON " + db.name() + ".* TO '" + role + "'@'%'");
                url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "password=" + secret;
            } else {
                db.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + secret + "'");
                url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "password=" + secret + "&ssl=false";
            }
            try {
                String[] connectedAs = new String[1];
                String[] poolUrl = new String[1];
                String logged = loggedAtDebug(() -> {
                    try (HikariDataSource pool = JdbcUrls.pool(url, role, null, 2);
                         Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                         ResultSet rows = statement.executeQuery("SELECT CURRENT_USER")) {
                        rows.next();
                        connectedAs[0] = rows.getString(1);
                        poolUrl[0] = pool.getJdbcUrl();
                    }
                });

                // MariaDB names the account: user@host.
                assertThat(connectedAs[0].replaceFirst("@.*", "")).isEqualToIgnoringCase(role);
                assertThat(poolUrl[0]).doesNotContainIgnoringCase("password");
                assertThat(logged).as("HikariCP logged its configuration at DEBUG").contains("jdbcUrl");
                assertThat(logged).doesNotContain(secret).doesNotContain("DoNotPrint");
            } finally {
                if (engine == Engine.POSTGRES) {
                    db.execute("DROP OWNED BY " + role, "DROP ROLE " + role);
                } else if (engine == Engine.MARIADB) {
                    db.execute("DROP USER '" + role + "'@'%'");
                }
            }
        }
    }

    @Test
    void everyFormOfPasswordInAUrlIsRedacted() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://db/x?user=a&password=se;cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/x?user=a&password=***&ssl=true");
        assertThat(JdbcUrls.redact("jdbc:h2:mem:x;USER=sa;PASSWORD=s3cret")).isEqualTo("jdbc:h2:mem:x;USER=sa;PASSWORD=***");
        assertThat(JdbcUrls.redact("jdbc:oracle:thin:scott/tiger@db:1521:orcl"))
                .isEqualTo("jdbc:oracle:thin:scott/***@db:1521:orcl");
        assertThat(JdbcUrls.redact("jdbc:sqlserver://db;user=sa;password={se;c}}ret};encrypt=true"))
                .isEqualTo("jdbc:sqlserver://db;user=sa;password=***;encrypt=true");
        assertThat(JdbcUrls.redact("jdbc:mysql://bob:x/pass@db/x")).isEqualTo("jdbc:mysql://bob:***@db/x");
        assertThat(JdbcUrls.redact("jdbc:h2:tcp://db:9092/x;PASSWORD=a@b")).isEqualTo("jdbc:h2:tcp://db:9092/x;PASSWORD=***");
        assertThat(JdbcUrls.redact("jdbc:h2:tcp://db:9092/x")).isEqualTo("jdbc:h2:tcp://db:9092/x");
    }

    @Test
    void theSplitCredentialsNeverPrintThePassword() {
        assertThat(UrlCredentials.split("jdbc:h2:mem:x;PASSWORD=s3cret").toString())
                .doesNotContain("s3cret").contains("password=***");
    }

    @Test
    void theCredentialsAreTakenOutOfTheUrl() {
        assertThat(UrlCredentials.split("jdbc:postgresql://db/x?password=se%3Bc+ret&ssl=true")).isEqualTo(
                new UrlCredentials("jdbc:postgresql://db/x?ssl=true", Optional.empty(), Optional.of("se;c ret")));
        assertThat(UrlCredentials.split("jdbc:postgresql://db/x?ssl=true&password=se;cret")).isEqualTo(
                new UrlCredentials("jdbc:postgresql://db/x?ssl=true", Optional.empty(), Optional.of("se;cret")));
        assertThat(UrlCredentials.split("jdbc:h2:mem:x;PASSWORD=s3cret;MODE=PostgreSQL")).isEqualTo(
                new UrlCredentials("jdbc:h2:mem:x;MODE=PostgreSQL", Optional.empty(), Optional.of("s3cret")));
        assertThat(UrlCredentials.split("jdbc:sqlserver://db;password={se;c}}ret}")).isEqualTo(
                new UrlCredentials("jdbc:sqlserver://db", Optional.empty(), Optional.of("se;c}ret")));
        assertThat(UrlCredentials.split("jdbc:oracle:thin:scott/ti/ger@db:1521:orcl")).isEqualTo(
                new UrlCredentials("jdbc:oracle:thin:@db:1521:orcl", Optional.of("scott"), Optional.of("ti/ger")));
        assertThat(UrlCredentials.split("jdbc:mysql://bob:x/pass@db/x?ssl=true")).isEqualTo(
                new UrlCredentials("jdbc:mysql://db/x?ssl=true", Optional.of("bob"), Optional.of("x/pass")));
    }

    @Test
    void textThatIsNotAJdbcUrlIsRefusedWithoutBeingShown() {
        Throwable failure = catchThrowable(() -> JdbcUrls.pool("postgresql://bob:S3cret@db/x", "bob", null, 1));

        assertThat(failure).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JDBC URL");
        assertThat(failure.getMessage()).doesNotContain("S3cret").doesNotContain("bob");
    }
}
