package dev.migrationstudio.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Command-line options shared by the benchmarks: {@code --name value} pairs. */
final class BenchOptions {
    private BenchOptions() {
    }

    static Map<String, String> parse(String[] args) {
        return parse(args, "--name value pairs");
    }

    /** As {@link #parse(String[])}, with the usage shown when the arguments are malformed. */
    static Map<String, String> parse(String[] args, String usage) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'; usage: " + usage);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    /**
     * A benchmark database of the given engine. PostgreSQL comes from {@code --pg-url},
     * {@code --pg-user}, {@code --pg-password}, or the MS_TEST_PG_* variables set by
     * {@code scripts/pg-test-server}; MariaDB from {@code --mariadb-url}, {@code --mariadb-user},
     * {@code --mariadb-password}, or the MS_TEST_MARIADB_* variables of {@code scripts/mariadb-test-server}.
     */
    static BenchDatabase database(String engine, Path out, String name, Map<String, String> options) throws Exception {
        switch (engine) {
            case "h2":
                return BenchDatabase.h2(out.resolve("h2"), name);
            case "postgres":
                String url = options.getOrDefault("pg-url", System.getenv("MS_TEST_PG_URL"));
                if (url == null) {
                    throw new IllegalArgumentException("no PostgreSQL: pass --pg-url, --pg-user, --pg-password, "
                            + "or run through scripts/bench, which starts one");
                }
                return BenchDatabase.postgres(new BenchDatabase.PostgresServer(url,
                        options.getOrDefault("pg-user", System.getenv().getOrDefault("MS_TEST_PG_USER", "postgres")),
                        options.getOrDefault("pg-password", System.getenv().getOrDefault("MS_TEST_PG_PASSWORD", ""))),
                        name);
            case "mariadb":
                String mariadbUrl = options.getOrDefault("mariadb-url", System.getenv("MS_TEST_MARIADB_URL"));
                if (mariadbUrl == null) {
                    throw new IllegalArgumentException("no MariaDB: pass --mariadb-url, --mariadb-user, "
                            + "--mariadb-password, or run through scripts/bench, which starts one");
                }
                return BenchDatabase.mariadb(new BenchDatabase.PostgresServer(mariadbUrl,
                        options.getOrDefault("mariadb-user", System.getenv().getOrDefault("MS_TEST_MARIADB_USER", "root")),
                        options.getOrDefault("mariadb-password",
                                System.getenv().getOrDefault("MS_TEST_MARIADB_PASSWORD", ""))), name);
            default:
                throw new IllegalArgumentException("unknown engine '" + engine + "'; use h2, postgres or mariadb");
        }
    }
}
