package dev.migrationstudio.bench;

import dev.migrationstudio.jdbc.JdbcUrls;
import dev.migrationstudio.mapping.MappingSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A source and a target database holding the same generated table, {@code bench_rows}: a BIGINT
 * key and text, decimal, timestamp, integer and boolean columns, written by each database itself
 * (no client round trips), identical on both sides. The two may be of different engines (MariaDB to
 * PostgreSQL), each holding the rows in its own types.
 */
final class BenchDatabases implements AutoCloseable {
    private final String engine;
    private final boolean bothPostgres;
    private final BenchDatabase source;
    private final BenchDatabase target;

    private BenchDatabases(String engine, boolean bothPostgres, BenchDatabase source, BenchDatabase target) {
        this.engine = engine;
        this.bothPostgres = bothPostgres;
        this.source = source;
        this.target = target;
    }

    /** The servers a setup may use: PostgreSQL and MariaDB, each when configured. */
    record Servers(Optional<BenchDatabase.PostgresServer> postgres,
                   Optional<BenchDatabase.PostgresServer> mariadb) {
    }

    /** The mapping: the table copied as it is. */
    static MappingSpec spec() {
        return MappingSpec.builder("bench")
                .table("bench_rows", t -> t.key("id").field("name").field("amount").field("created").field("qty")
                        .field("flag"))
                .build();
    }

    /**
     * A source of one engine and a target of another (or the same): {@code h2}, {@code postgres} or
     * {@code mariadb}; server databases are created on the configured servers and dropped on close.
     */
    static BenchDatabases of(String sourceEngine, String targetEngine, Servers servers, int poolSize) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        BenchDatabase source = create(sourceEngine, "ms_bench_source_" + suffix, servers, poolSize);
        BenchDatabase target;
        try {
            target = create(targetEngine, "ms_bench_target_" + suffix, servers, poolSize);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        String name = sourceEngine.equals(targetEngine) ? label(sourceEngine)
                : label(sourceEngine) + " -> " + label(targetEngine);
        return new BenchDatabases(name, sourceEngine.equals("postgres") && targetEngine.equals("postgres"), source,
                target);
    }

    private static BenchDatabase create(String engine, String name, Servers servers, int poolSize) {
        Optional<BenchDatabase.PostgresServer> server = engine.equals("postgres") ? servers.postgres()
                : servers.mariadb();
        try {
            switch (engine) {
                case "h2":
                    return BenchDatabase.h2InMemory(name);
                case "postgres":
                    return BenchDatabase.postgres(server.orElseThrow(), name, poolSize);
                case "mariadb":
                    return BenchDatabase.mariadb(server.orElseThrow(), name);
                default:
                    throw new IllegalArgumentException("unknown engine '" + engine + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the benchmark database on "
                    + JdbcUrls.redact(server.orElseThrow().url()) + ": " + e.getMessage(), e);
        }
    }

    private static String label(String engine) {
        switch (engine) {
            case "postgres":
                return "PostgreSQL";
            case "mariadb":
                return "MariaDB";
            default:
                return "H2";
        }
    }

    String engine() {
        return engine;
    }

    /** Whether both sides are PostgreSQL, where digests may be computed in the databases. */
    boolean isPostgres() {
        return bothPostgres;
    }

    DataSource source() {
        return source.dataSource();
    }

    /** Where the source is, when it is a server database (for change capture); empty for H2. */
    java.util.Optional<BenchDatabase.Address> sourceAddress() {
        return source.address();
    }

    DataSource target() {
        return target.dataSource();
    }

    /** Creates and fills {@code bench_rows} with the same rows on both sides. */
    void fill(long rows) {
        for (BenchDatabase side : new BenchDatabase[] {source, target}) {
            switch (side.engine()) {
                case "postgres":
                    execute(side.dataSource(), create("TIMESTAMP"), "INSERT INTO bench_rows SELECT g,"
                            + " 'name-' || g, ((g % 100000) * 0.01)::numeric(12,2), TIMESTAMP '2020-01-01 00:00:00'"
                            + " + g * INTERVAL '1 second' + (g % 1000) * INTERVAL '1 microsecond', (g % 1000)::int,"
                            + " g % 2 = 0 FROM generate_series(1, " + rows + ") AS g", "VACUUM ANALYZE bench_rows");
                    break;
                case "mariadb":
                    // The same values in MariaDB's types: DATETIME is its timestamp without time zone.
                    execute(side.dataSource(), create("DATETIME(6)"), "INSERT INTO bench_rows SELECT seq,"
                            + " CONCAT('name-', seq), (seq % 100000) * 0.01, TIMESTAMP '2020-01-01 00:00:00'"
                            + " + INTERVAL seq SECOND + INTERVAL (seq % 1000) MICROSECOND, seq % 1000, seq % 2 = 0"
                            + " FROM seq_1_to_" + rows, "ANALYZE TABLE bench_rows");
                    break;
                default:
                    execute(side.dataSource(), create("TIMESTAMP"), ("INSERT INTO bench_rows SELECT X,"
                            + " CONCAT('name-', X), CAST(MOD(X, 100000) * 0.01 AS NUMERIC(12,2)),"
                            + " DATEADD(MICROSECOND, MOD(X, 1000), DATEADD(SECOND, X, TIMESTAMP '2020-01-01 00:00:00')),"
                            + " CAST(MOD(X, 1000) AS INT), MOD(X, 2) = 0 FROM SYSTEM_RANGE(1, " + rows + ")")
                            .replace("X", "\"X\""), "ANALYZE");
            }
        }
    }

    /** Runs statements on the source. */
    void executeOnSource(String... statements) {
        execute(source(), statements);
    }

    private static String create(String timestamp) {
        return "CREATE TABLE bench_rows (id BIGINT PRIMARY KEY, name VARCHAR(40) NOT NULL,"
                + " amount NUMERIC(12,2) NOT NULL, created " + timestamp + " NOT NULL, qty INT NOT NULL,"
                + " flag BOOLEAN NOT NULL)";
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
