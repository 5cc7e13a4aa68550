package dev.migrationstudio.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.migrationstudio.cdc.PostgresChangeCapture;
import dev.migrationstudio.jdbc.CatchUpResult;
import dev.migrationstudio.jdbc.ChangeCounts;
import dev.migrationstudio.jdbc.JdbcMigrator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures a comparison catch-up against a full reload of the same table, in one process: the table is
 * loaded by the engine; then for 0.1%, 1% and 10% of its rows changed in the source (a third updated,
 * a third inserted, a third deleted) a catch-up runs and is timed. Baselines, timed in the same run: a
 * full reload ({@code reset()} then {@code migrate()}) and a plain JDBC read of both sides (best of two
 * each, after a warm-up), and a catch-up when nothing changed. Prints a table and writes
 * {@code catchup-results.json}. Then rounds of changes that set {@code created} are caught up by
 * watermark on that column. With a PostgreSQL source, the same rounds of changes are then applied
 * from a replication slot ({@code migration-cdc}), after a reload from the slot's snapshot.
 *
 * <pre>
 * CatchUpBenchmark [--rows 200000] [--engines h2,postgres,...] [--out DIR], and the servers as for
 *                  {@link VerifyBenchmark}
 * </pre>
 */
public final class CatchUpBenchmark {
    private static final double[] CHANGED = {0.001, 0.01, 0.1};

    private CatchUpBenchmark() {
    }

    /** Runs the benchmark and writes its results. */
    public static void main(String[] args) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        List<String> given = new ArrayList<>(Arrays.asList(args));
        if (!given.contains("--rows")) {
            // A few minutes on two cores: a full reload of 1,000,000 rows per scenario would take much longer.
            given.addAll(List.of("--rows", "200000"));
        }
        // The same options and servers as the verification benchmark (--repeats and --parallelism unused).
        VerifyBenchmark.Options options = VerifyBenchmark.Options.parse(given.toArray(String[]::new));
        long rows = options.rows();
        Path out = options.out();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "catchup");
        root.put("rows", rows);
        root.put("cores", Runtime.getRuntime().availableProcessors());
        root.put("java", System.getProperty("java.version"));
        List<Map<String, Object>> results = new ArrayList<>();
        System.out.printf("%nCatch-up benchmark: %,d rows, %d cores%n%n", rows, Runtime.getRuntime().availableProcessors());
        System.out.printf("%-12s %-44s %10s %14s %16s%n", "engine", "scenario", "time (s)", "x full reload",
                "x read both sides");
        for (String engine : options.engines()) {
            List<String> sides = VerifyBenchmark.Options.sides(engine);
            try (BenchDatabases db = BenchDatabases.of(sides.get(0), sides.get(1), options.servers(), 4)) {
                results.add(measure(db, rows));
            }
        }
        root.put("engines", results);
        try {
            Files.createDirectories(out);
            Path file = out.resolve("catchup-results.json");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
            System.out.println("Results written to " + file.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark results: " + e.getMessage(), e);
        }
    }

    private static JdbcMigrator migrator(BenchDatabases db) {
        return JdbcMigrator.configure().source(db.source()).target(db.target()).spec(BenchDatabases.spec())
                .logProgress(false).load();
    }

    private static Map<String, Object> measure(BenchDatabases db, long rows) {
        db.fill(rows);
        JdbcMigrator migrator = migrator(db);
        // Warm-up, and the load the catch-ups start from: the target is emptied and loaded by the engine.
        migrator.reset();
        migrator.migrate();
        migrator.catchUp();
        VerifyBenchmark.baseline(db);
        // Best of two each: the machine is shared, and the best run is the least disturbed.
        double reload = Math.min(time(() -> {
            migrator.reset();
            migrator.migrate();
        }), time(() -> {
            migrator.reset();
            migrator.migrate();
        }));
        double read = Math.min(time(() -> VerifyBenchmark.baseline(db)), time(() -> VerifyBenchmark.baseline(db)));
        print(db.engine(), "full reload (reset, migrate)", reload, reload, read);
        print(db.engine(), "plain JDBC read of both sides", read, reload, read);
        List<Map<String, Object>> scenarios = new ArrayList<>();
        double unchanged = time(migrator::catchUp);
        print(db.engine(), "catch-up, nothing changed", unchanged, reload, read);
        Map<String, Object> none = new LinkedHashMap<>();
        none.put("changedShare", 0.0);
        none.put("seconds", round(unchanged));
        none.put("ratioToFullReload", round(unchanged / reload));
        none.put("ratioToReadOfBothSides", round(unchanged / read));
        scenarios.add(none);
        long nextId = rows + 1;
        for (double share : CHANGED) {
            long changes = Math.max(3, Math.round(rows * share));
            nextId = change(db, rows, changes, nextId);
            CatchUpResult[] result = new CatchUpResult[1];
            double seconds = time(() -> result[0] = migrator.catchUp());
            ChangeCounts counts = result[0].total();
            if (!result[0].isBalanced() || counts.changed() == 0) {
                throw new IllegalStateException("the catch-up did not balance or changed nothing: " + result[0].summary());
            }
            String name = String.format(Locale.ROOT, "catch-up, %s%% changed (%,d rows written)",
                    share * 100 < 1 ? String.valueOf(share * 100) : String.valueOf((int) (share * 100)), counts.changed());
            print(db.engine(), name, seconds, reload, read);
            Map<String, Object> scenario = new LinkedHashMap<>();
            scenario.put("changedShare", share);
            scenario.put("seconds", round(seconds));
            scenario.put("inserted", counts.inserted());
            scenario.put("updated", counts.updated());
            scenario.put("deleted", counts.deleted());
            scenario.put("unchanged", counts.unchanged());
            scenario.put("ratioToFullReload", round(seconds / reload));
            scenario.put("ratioToReadOfBothSides", round(seconds / read));
            scenarios.add(scenario);
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("engine", db.engine());
        entry.put("fullReloadSeconds", round(reload));
        entry.put("readBothSidesSeconds", round(read));
        entry.put("catchUps", scenarios);
        long[] next = {nextId};
        entry.put("watermark", watermark(db, next, reload, read));
        nextId = next[0];
        if (db.engine().startsWith("PostgreSQL")) {
            entry.put("changeCapture", changeCapture(db, migrator, nextId, reload, read));
        }
        return entry;
    }

    /**
     * The same rounds of changes, with every update and insert setting {@code created} above all earlier
     * values, caught up by watermark on {@code created}: the first catch-up compares and records the
     * mark, each later one reads the rows above it. Deletes are not seen by a watermark (the issue's
     * limit), so the target keeps the deleted rows; the figure is the cost of the rest.
     */
    private static List<Map<String, Object>> watermark(BenchDatabases db, long[] nextId, double reload, double read) {
        JdbcMigrator migrator = JdbcMigrator.configure().source(db.source()).target(db.target())
                .spec(BenchDatabases.spec()).watermark("bench_rows", "created", java.time.Duration.ZERO)
                .logProgress(false).load();
        migrator.catchUp();
        List<Map<String, Object>> scenarios = new ArrayList<>();
        long rows = count(db);
        int round = 0;
        for (double share : CHANGED) {
            long changes = Math.max(3, Math.round(rows * share));
            long third = changes / 3;
            long step = Math.max(1, rows / third);
            String stamp = "TIMESTAMP '2100-01-0" + (++round) + " 00:00:00'";
            db.executeOnSource("UPDATE bench_rows SET name = 'stamped', qty = qty + 1, created = " + stamp
                            + " WHERE MOD(id, " + step + ") = 3",
                    "DELETE FROM bench_rows WHERE MOD(id, " + step + ") = 4",
                    "INSERT INTO bench_rows SELECT id + " + (nextId[0] - 1) + ", name, amount, " + stamp
                            + ", qty, flag FROM bench_rows WHERE id <= " + third);
            nextId[0] += third;
            CatchUpResult[] result = new CatchUpResult[1];
            double seconds = time(() -> result[0] = migrator.catchUp());
            ChangeCounts counts = result[0].total();
            if (!result[0].isBalanced() || counts.changed() == 0) {
                throw new IllegalStateException("the watermark catch-up did not balance or changed nothing: "
                        + result[0].summary());
            }
            print(db.engine(), String.format(Locale.ROOT, "watermark, %,d rows written", counts.changed()), seconds,
                    reload, read);
            Map<String, Object> scenario = new LinkedHashMap<>();
            scenario.put("changedShare", share);
            scenario.put("rowsWritten", counts.changed());
            scenario.put("seconds", round(seconds));
            scenario.put("ratioToFullReload", round(seconds / reload));
            scenarios.add(scenario);
        }
        // The rows the watermark could not see deleted: a comparison brings the target back in line.
        JdbcMigrator.configure().source(db.source()).target(db.target()).spec(BenchDatabases.spec())
                .logProgress(false).load().catchUp();
        return scenarios;
    }

    /**
     * The same rounds of changes, applied from a replication slot: the target is reloaded from the
     * slot's snapshot, then each round's changes are made and {@code applyChanges} timed.
     */
    private static List<Map<String, Object>> changeCapture(BenchDatabases db, JdbcMigrator migrator, long firstId,
                                                           double reload, double read) {
        BenchDatabase.Address source = db.sourceAddress().orElseThrow();
        PostgresChangeCapture capture = PostgresChangeCapture.configure()
                .source("jdbc:postgresql://" + source.host() + ":" + source.port() + "/" + source.database(),
                        source.user(), source.password())
                .slot(source.database()).build();
        List<Map<String, Object>> scenarios = new ArrayList<>();
        try {
            migrator.reset();
            capture.load(migrator);
            // The fixed cost of a call: the stream started, the source's WAL since the slot's restart
            // point decoded (every database's, on a shared server), the marker awaited.
            migrator.applyChanges(capture);
            double idle = time(() -> migrator.applyChanges(capture));
            print(db.engine(), "change capture, nothing changed", idle, reload, read);
            Map<String, Object> none = new LinkedHashMap<>();
            none.put("changes", 0);
            none.put("seconds", round(idle));
            none.put("ratioToFullReload", round(idle / reload));
            scenarios.add(none);
            long rows = count(db);
            long nextId = firstId;
            for (double share : CHANGED) {
                long changes = Math.max(3, Math.round(rows * share));
                nextId = change(db, rows, changes, nextId);
                CatchUpResult[] result = new CatchUpResult[1];
                double seconds = time(() -> result[0] = migrator.applyChanges(capture));
                ChangeCounts counts = result[0].total();
                if (!result[0].isBalanced() || counts.changed() == 0) {
                    throw new IllegalStateException("applying the slot's changes did not balance or changed nothing: "
                            + result[0].summary());
                }
                print(db.engine(), String.format(Locale.ROOT, "change capture, %,d changes applied", counts.changed()),
                        seconds, reload, read);
                Map<String, Object> scenario = new LinkedHashMap<>();
                scenario.put("changedShare", share);
                scenario.put("changes", counts.changed());
                scenario.put("seconds", round(seconds));
                scenario.put("ratioToFullReload", round(seconds / reload));
                scenarios.add(scenario);
            }
        } finally {
            capture.drop();
        }
        return scenarios;
    }

    private static long count(BenchDatabases db) {
        try (var connection = db.source().getConnection(); var statement = connection.createStatement();
             var result = statement.executeQuery("SELECT COUNT(*) FROM bench_rows")) {
            result.next();
            return result.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot count the source rows: " + e.getMessage(), e);
        }
    }

    /**
     * Changes about {@code changes} rows of the source: a third updated and a third deleted, spread
     * evenly over the keys (offset so they never meet), a third inserted above the highest key.
     *
     * @return the next free key
     */
    private static long change(BenchDatabases db, long rows, long changes, long nextId) {
        long third = changes / 3;
        long step = Math.max(1, rows / third);
        db.executeOnSource("UPDATE bench_rows SET name = 'changed', qty = qty + 1 WHERE MOD(id, " + step + ") = 1",
                "DELETE FROM bench_rows WHERE MOD(id, " + step + ") = 2",
                "INSERT INTO bench_rows SELECT id + " + (nextId - 1) + ", name, amount, created, qty, flag"
                        + " FROM bench_rows WHERE id <= " + third);
        return nextId + third;
    }

    private static void print(String engine, String scenario, double seconds, double reload, double read) {
        System.out.printf("%-12s %-44s %10.2f %14.2f %16.2f%n", engine, scenario, seconds, seconds / reload,
                seconds / read);
    }

    private static double time(Runnable work) {
        long started = System.nanoTime();
        work.run();
        return (System.nanoTime() - started) / 1e9;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
