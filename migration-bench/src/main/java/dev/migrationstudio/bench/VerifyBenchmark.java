package dev.migrationstudio.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.migrationstudio.verify.Discrepancy;
import dev.migrationstudio.verify.VerificationReport;
import dev.migrationstudio.verify.Verifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Measures verification against a raw baseline in one process: (a) a plain JDBC read of every row
 * of both sides, (b) a full verification that finds no difference, (c) the same with one changed
 * row, (d) the same as (b) with digests computed inside the databases where both sides are PostgreSQL
 * ({@code hash_record_extended} or {@code hashtextextended}) or H2 ({@code HASH('SHA-256')}, asked for with {@code pushdownOnH2}), (e) (d)
 * without the sample (whose seeded pick reads every source key in Java).
 * Prints a table and writes {@code verify-results.json} with each scenario's rows per second and
 * its ratio to the baseline.
 *
 * <pre>
 * VerifyBenchmark [--rows 1000000] [--engines h2,postgres,mariadb-postgres,postgres-mariadb] [--repeats 5]
 *                 [--parallelism 2] [--pg-url jdbc:postgresql://...] [--pg-user u] [--pg-password p]
 *                 [--mariadb-url jdbc:mariadb://...] [--mariadb-user u] [--mariadb-password p] [--out DIR]
 * </pre>
 *
 * PostgreSQL is included when a server is given by {@code --pg-url} or {@code MS_TEST_PG_URL}
 * (with {@code MS_TEST_PG_USER} and {@code MS_TEST_PG_PASSWORD}), and the MariaDB pairs (MariaDB to
 * PostgreSQL and back) when MariaDB is given too ({@code --mariadb-url} or {@code MS_TEST_MARIADB_URL});
 * the benchmark creates its databases on the servers and drops them at the end.
 */
public final class VerifyBenchmark {

    private VerifyBenchmark() {
    }

    /**
     * What to run. Each setup is an engine ({@code h2}, {@code postgres}, {@code mariadb}: source and
     * target alike) or a pair {@code source-target} such as {@code mariadb-postgres}.
     */
    record Options(long rows, List<String> engines, Optional<String> pgUrl, String pgUser, String pgPassword,
                   Optional<String> mariadbUrl, String mariadbUser, String mariadbPassword,
                   Path out, int repeats, int parallelism) {
        /** Never the passwords: a record's own text would show them. */
        @Override
        public String toString() {
            return "Options[" + rows + " rows, " + engines + ", repeats " + repeats + ", parallelism " + parallelism
                    + ", out " + out + "]";
        }

        private static final List<String> ENGINES = List.of("h2", "postgres", "mariadb");

        static Options parse(String[] args) {
            Map<String, String> given = BenchOptions.parse(args, "[--rows N] [--engines h2,postgres,mariadb-postgres,"
                    + "postgres-mariadb] [--repeats N] [--parallelism N] [--pg-url URL] [--pg-user USER]"
                    + " [--pg-password PASSWORD] [--mariadb-url URL] [--mariadb-user USER]"
                    + " [--mariadb-password PASSWORD] [--out DIR]");
            Optional<String> pgUrl = Optional.ofNullable(given.getOrDefault("pg-url", System.getenv("MS_TEST_PG_URL")))
                    .filter(u -> !u.isBlank());
            Optional<String> mariadbUrl = Optional.ofNullable(given.getOrDefault("mariadb-url",
                    System.getenv("MS_TEST_MARIADB_URL"))).filter(u -> !u.isBlank());
            String defaultEngines = "h2" + (pgUrl.isPresent() ? ",postgres" : "")
                    + (pgUrl.isPresent() && mariadbUrl.isPresent() ? ",mariadb-postgres,postgres-mariadb" : "");
            List<String> engines = Arrays.stream(given.getOrDefault("engines", defaultEngines).split(","))
                    .map(e -> e.trim().toLowerCase(Locale.ROOT)).toList();
            for (String setup : engines) {
                List<String> sides = sides(setup);
                if (sides.size() != 2 || !ENGINES.containsAll(sides)) {
                    throw new IllegalArgumentException("unknown engine '" + setup + "'; use h2, postgres, mariadb"
                            + " or a pair source-target such as mariadb-postgres");
                }
                if (sides.contains("postgres") && pgUrl.isEmpty()) {
                    throw new IllegalArgumentException("--engines " + setup + " needs a PostgreSQL server: --pg-url"
                            + " or MS_TEST_PG_URL (scripts/pg-test-server start DIR, then . DIR/env)");
                }
                if (sides.contains("mariadb") && mariadbUrl.isEmpty()) {
                    throw new IllegalArgumentException("--engines " + setup + " needs a MariaDB server: --mariadb-url"
                            + " or MS_TEST_MARIADB_URL (scripts/mariadb-test-server start DIR, then . DIR/env)");
                }
            }
            String user = given.getOrDefault("pg-user", Optional.ofNullable(System.getenv("MS_TEST_PG_USER")).orElse("postgres"));
            String password = given.getOrDefault("pg-password",
                    Optional.ofNullable(System.getenv("MS_TEST_PG_PASSWORD")).orElse(""));
            String mariadbUser = given.getOrDefault("mariadb-user",
                    Optional.ofNullable(System.getenv("MS_TEST_MARIADB_USER")).orElse("root"));
            String mariadbPassword = given.getOrDefault("mariadb-password",
                    Optional.ofNullable(System.getenv("MS_TEST_MARIADB_PASSWORD")).orElse(""));
            Path out = Path.of(given.getOrDefault("out", "target/bench"));
            long rows = Long.parseLong(given.getOrDefault("rows", "1000000"));
            int repeats = Integer.parseInt(given.getOrDefault("repeats", "5"));
            int parallelism = Integer.parseInt(given.getOrDefault("parallelism",
                    String.valueOf(Math.max(2, Runtime.getRuntime().availableProcessors()))));
            if (rows < 10 || repeats < 1 || parallelism < 1) {
                throw new IllegalArgumentException("rows must be at least 10, repeats and parallelism at least 1");
            }
            return new Options(rows, engines, pgUrl, user, password, mariadbUrl, mariadbUser, mariadbPassword, out,
                    repeats, parallelism);
        }

        /** The source and target engines of a setup. */
        static List<String> sides(String setup) {
            List<String> sides = List.of(setup.split("-", -1));
            return sides.size() == 1 ? List.of(setup, setup) : sides;
        }

        BenchDatabases.Servers servers() {
            return new BenchDatabases.Servers(
                    pgUrl.map(url -> new BenchDatabase.PostgresServer(url, pgUser, pgPassword)),
                    mariadbUrl.map(url -> new BenchDatabase.PostgresServer(url, mariadbUser, mariadbPassword)));
        }
    }

    /** One scenario's measured times (in the order run), or why it did not run. */
    record Scenario(String name, List<Double> samples, long rowsRead, Optional<String> skipped) {
        /** The median, the figure the ratios use. */
        double seconds() {
            return samples.isEmpty() ? Double.NaN : median(samples);
        }

        /** The fastest run, less disturbed by other work on the machine. */
        double best() {
            return samples.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        double rowsPerSecond() {
            return rowsRead / seconds();
        }
    }

    /** Runs the benchmark and writes its results. */
    public static void main(String[] args) {
        // jOOQ greets every new JVM with a banner and a tip; a console tool keeps its output for results.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        Options options = Options.parse(args);
        Map<String, List<Scenario>> results = new LinkedHashMap<>();
        for (String engine : options.engines()) {
            List<String> sides = Options.sides(engine);
            try (BenchDatabases databases = BenchDatabases.of(sides.get(0), sides.get(1), options.servers(),
                    options.parallelism() + 2)) {
                System.out.printf("%s: loading %,d rows into the source and the target...%n", engine, options.rows());
                databases.fill(options.rows());
                results.put(databases.engine(), measure(databases, options));
            }
        }
        print(options, results);
        Path file = write(options, results);
        System.out.println("Results written to " + file.toAbsolutePath());
    }

    private static List<Scenario> measure(BenchDatabases db, Options options) {
        long rows = options.rows();
        long bothSides = 2 * rows;
        // Warm-up: the JIT compiles the read and hash paths before anything is timed.
        for (int i = 0; i < 3; i++) {
            baseline(db);
            verify(db, options, false);
        }
        List<List<Double>> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            times.add(new ArrayList<>());
        }
        Optional<String> pushdownSkipped = db.isPostgres() || db.engine().equals("H2") ? Optional.empty()
                : Optional.of("needs PostgreSQL (or H2) on both sides");
        for (int round = 0; round < options.repeats(); round++) {
            times.get(0).add(time(() -> baseline(db)));
            times.get(1).add(time(() -> expectPassed(verify(db, options, false))));
            long changedId = rows / 2 + round;
            db.execute("UPDATE bench_rows SET name = 'changed' WHERE id = " + changedId);
            try {
                times.get(2).add(time(() -> expectOneChanged(verify(db, options, false), changedId)));
            } finally {
                db.execute("UPDATE bench_rows SET name = CONCAT('name-', id) WHERE id = " + changedId);
            }
            if (pushdownSkipped.isEmpty()) {
                times.get(3).add(time(() -> expectPushedDown(verify(db, options, true))));
                times.get(4).add(time(() -> expectPushedDown(Verifier.between(db.source(), db.target())
                        .spec(BenchDatabases.spec()).rowCounts().checksums().parallelism(options.parallelism())
                        .pushdown(true).pushdownOnH2(true).verify())));
            }
        }
        List<Scenario> scenarios = new ArrayList<>();
        scenarios.add(new Scenario("(a) baseline: plain JDBC read of both sides", times.get(0), bothSides,
                Optional.empty()));
        scenarios.add(new Scenario("(b) verification, no difference", times.get(1), bothSides, Optional.empty()));
        scenarios.add(new Scenario("(c) verification, one changed row", times.get(2), bothSides, Optional.empty()));
        scenarios.add(new Scenario("(d) pushdown (PG record hash, H2 SHA-256)", times.get(3), bothSides, pushdownSkipped));
        scenarios.add(new Scenario("(e) (d) without the 1,000-row sample", times.get(4), bothSides, pushdownSkipped));
        return scenarios;
    }

    private interface Timed {
        void run();
    }

    private static double time(Timed work) {
        long started = System.nanoTime();
        work.run();
        return (System.nanoTime() - started) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The raw baseline: every row of the source, then of the target, read with getObject, 10,000 per fetch. */
    static long baseline(BenchDatabases db) {
        return read(db.source()) + read(db.target());
    }

    private static long read(javax.sql.DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                if (connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2")) {
                    // The same streaming mode the verifier uses, so both read H2 alike.
                    statement.execute("SET LAZY_QUERY_EXECUTION TRUE");
                }
                statement.setFetchSize(10_000);
                long rows = 0;
                try (ResultSet result = statement.executeQuery("SELECT * FROM bench_rows")) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        for (int i = 1; i <= columns; i++) {
                            result.getObject(i);
                        }
                        rows++;
                    }
                }
                connection.rollback();
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("baseline read failed: " + e.getMessage(), e);
        }
    }

    static VerificationReport verify(BenchDatabases db, Options options, boolean pushdown) {
        return Verifier.between(db.source(), db.target()).spec(BenchDatabases.spec())
                .rowCounts().checksums().sample(1_000)
                .parallelism(options.parallelism()).pushdown(pushdown).pushdownOnH2(pushdown)
                .verify();
    }

    private static void expectPassed(VerificationReport report) {
        if (!report.passed()) {
            throw new IllegalStateException("a clean verification must pass: " + report.summary());
        }
    }

    private static void expectOneChanged(VerificationReport report, long id) {
        List<Discrepancy> found = report.discrepancies();
        if (found.size() != 1 || !found.get(0).keyText().equals("id=" + id)) {
            throw new IllegalStateException("expected exactly the changed row id=" + id + ": " + report.summary());
        }
    }

    private static void expectPushedDown(VerificationReport report) {
        expectPassed(report);
        if (!report.tables().get(0).checksums().orElseThrow().pushdown()) {
            throw new IllegalStateException("pushdown was expected: " + report.summary());
        }
    }

    private static void print(Options options, Map<String, List<Scenario>> results) {
        System.out.printf("%nVerification benchmark: %,d rows per side, %d cores, median (and best) of %d runs%n%n",
                options.rows(), Runtime.getRuntime().availableProcessors(), options.repeats());
        System.out.printf("%-22s %-46s %10s %14s %12s %14s%n", "engine", "scenario", "time (s)", "rows/s",
                "x baseline", "best of runs");
        results.forEach((engine, scenarios) -> {
            double baseline = scenarios.get(0).seconds();
            double bestBaseline = scenarios.get(0).best();
            for (Scenario s : scenarios) {
                if (s.skipped().isPresent()) {
                    System.out.printf("%-22s %-46s %10s %14s %12s%n", engine, s.name(), "-", "-",
                            "skipped: " + s.skipped().get());
                } else {
                    System.out.printf("%-22s %-46s %10.2f %,14.0f %12.2f %14.2f%n", engine, s.name(), s.seconds(),
                            s.rowsPerSecond(), s.seconds() / baseline, s.best() / bestBaseline);
                }
            }
            double b = scenarios.get(1).seconds();
            double c = scenarios.get(2).seconds();
            System.out.printf("%-22s targets: (b) <= 1.0x baseline: %.2fx %s; (c) <= 1.2x (b): %.2fx %s%n%n", engine,
                    b / baseline, b <= baseline ? "met" : "MISSED", c / b, c <= 1.2 * b ? "met" : "MISSED");
        });
    }

    static Path write(Options options, Map<String, List<Scenario>> results) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "verify");
        root.put("rowsPerSide", options.rows());
        root.put("repeats", options.repeats());
        root.put("parallelism", options.parallelism());
        root.put("cores", Runtime.getRuntime().availableProcessors());
        root.put("java", System.getProperty("java.version"));
        List<Map<String, Object>> engines = new ArrayList<>();
        results.forEach((engine, scenarios) -> {
            double baseline = scenarios.get(0).seconds();
            List<Map<String, Object>> list = new ArrayList<>();
            for (Scenario s : scenarios) {
                Map<String, Object> scenario = new LinkedHashMap<>();
                scenario.put("name", s.name());
                if (s.skipped().isPresent()) {
                    scenario.put("skipped", s.skipped().get());
                } else {
                    scenario.put("seconds", round(s.seconds()));
                    scenario.put("rowsRead", s.rowsRead());
                    scenario.put("rowsPerSecond", Math.round(s.rowsPerSecond()));
                    scenario.put("ratioToBaseline", round(s.seconds() / baseline));
                    scenario.put("bestSeconds", round(s.best()));
                    scenario.put("bestRatioToBaseline", round(s.best() / scenarios.get(0).best()));
                    scenario.put("runs", s.samples().stream().map(VerifyBenchmark::round).toList());
                }
                list.add(scenario);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("engine", engine);
            entry.put("scenarios", list);
            double b = scenarios.get(1).seconds();
            double c = scenarios.get(2).seconds();
            entry.put("verificationToBaseline", round(b / baseline));
            entry.put("oneChangedRowToVerification", round(c / b));
            entry.put("targetsMet", b <= baseline && c <= 1.2 * b);
            engines.add(entry);
        });
        root.put("engines", engines);
        try {
            Files.createDirectories(options.out());
            Path file = options.out().resolve("verify-results.json");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark results: " + e.getMessage(), e);
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
