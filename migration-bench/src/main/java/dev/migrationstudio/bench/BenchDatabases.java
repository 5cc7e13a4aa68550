package dev.migrationstudio.bench;

import dev.migrationstudio.jdbc.JdbcUrls;
import dev.migrationstudio.mapping.MappingSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A source and a target database holding the same generated table, {@code bench_rows}: a BIGINT
 * key and text, decimal, timestamp, integer and boolean columns, written by the database itself
 * (no client round trips), identical on both sides.
 */
final class BenchDatabases implements AutoCloseable {
    private final String engine;
    private final BenchDatabase source;
    private final BenchDatabase target;

    private BenchDatabases(String engine, BenchDatabase source, BenchDatabase target) {
        this.engine = engine;
        this.source = source;
        this.target = target;
    }

    /** The mapping: the table copied as it is. */
    static MappingSpec spec() {
        return MappingSpec.builder("bench")
                .table("bench_rows", t -> t.key("id").field("name").field("amount").field("created").field("qty")
                        .field("flag"))
                .build();
    }

    /** Two in-memory H2 databases. */
    static BenchDatabases h2() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return new BenchDatabases("H2", BenchDatabase.h2InMemory("bench_source_" + suffix),
                BenchDatabase.h2InMemory("bench_target_" + suffix));
    }

    /** Two new databases on a PostgreSQL server, dropped on close. */
    static BenchDatabases postgres(String adminUrl, String user, String password, int poolSize) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        BenchDatabase.PostgresServer server = new BenchDatabase.PostgresServer(adminUrl, user, password);
        try {
            return new BenchDatabases("PostgreSQL", BenchDatabase.postgres(server, "ms_bench_source_" + suffix, poolSize),
                    BenchDatabase.postgres(server, "ms_bench_target_" + suffix, poolSize));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the benchmark databases on " + JdbcUrls.redact(adminUrl)
                    + ": " + e.getMessage(), e);
        }
    }

    String engine() {
        return engine;
    }

    boolean isPostgres() {
        return engine.equals("PostgreSQL");
    }

    DataSource source() {
        return source.dataSource();
    }

    DataSource target() {
        return target.dataSource();
    }

    /** Creates and fills {@code bench_rows} with the same rows on both sides. */
    void fill(long rows) {
        for (DataSource dataSource : new DataSource[] {source(), target()}) {
            String insert = isPostgres()
                    ? "INSERT INTO bench_rows SELECT g, 'name-' || g, ((g % 100000) * 0.01)::numeric(12,2),"
                    + " TIMESTAMP '2020-01-01 00:00:00' + g * INTERVAL '1 second' + (g % 1000) * INTERVAL '1 microsecond',"
                    + " (g % 1000)::int, g % 2 = 0 FROM generate_series(1, " + rows + ") AS g"
                    : ("INSERT INTO bench_rows SELECT X, CONCAT('name-', X), CAST(MOD(X, 100000) * 0.01 AS NUMERIC(12,2)),"
                    + " DATEADD(MICROSECOND, MOD(X, 1000), DATEADD(SECOND, X, TIMESTAMP '2020-01-01 00:00:00')),"
                    + " CAST(MOD(X, 1000) AS INT), MOD(X, 2) = 0 FROM SYSTEM_RANGE(1, " + rows + ")").replace("X", "\"X\"");
            execute(dataSource, "CREATE TABLE bench_rows (id BIGINT PRIMARY KEY, name VARCHAR(40) NOT NULL,"
                    + " amount NUMERIC(12,2) NOT NULL, created TIMESTAMP NOT NULL, qty INT NOT NULL, flag BOOLEAN NOT NULL)",
                    insert, isPostgres() ? "VACUUM ANALYZE bench_rows" : "ANALYZE");
        }
    }

    /** Runs statements on the source. */
    void executeOnSource(String... statements) {
        execute(source(), statements);
    }

    /** Runs statements on the target. */
    void execute(String... statements) {
        execute(target(), statements);
    }

    private static void execute(DataSource dataSource, String... statements) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("benchmark statement failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        source.close();
        target.close();
    }

    @Override
    public String toString() {
        return engine.toLowerCase(Locale.ROOT);
    }
}
