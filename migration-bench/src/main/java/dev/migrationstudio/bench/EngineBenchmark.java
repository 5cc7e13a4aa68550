package dev.migrationstudio.bench;

import static dev.migrationstudio.mapping.Transforms.trim;
import static dev.migrationstudio.mapping.Transforms.upperCase;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.jdbc.Passthrough;
import dev.migrationstudio.mapping.MappingSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The engine against a raw baseline and against Spring Batch, in one process, on H2, PostgreSQL and
 * MariaDB, and from one engine to another.
 *
 * <pre>
 * scripts/bench engine [--rows 1000000] [--engines h2,postgres,mariadb-postgres,postgres-mariadb] [--repeat 2]
 *                      [--scenarios engine-identity,...]
 * </pre>
 *
 * An engine copies to itself; {@code source-target} copies from one engine to another. Scenarios per
 * pair: (a) hand-written baseline, written for the target (H2: JDBC batch loop; PostgreSQL: a streamed
 * SELECT into COPY; MariaDB: a streamed SELECT into LOAD DATA LOCAL INFILE), (b) the engine with an
 * identity mapping, (b'') on MariaDB targets the same with batched INSERTs instead of LOAD DATA, (b')
 * the same without the resumable ledger, (c) the engine with three transforms, (d) Spring Batch
 * {@code JdbcCursorItemReader -> JdbcBatchItemWriter}, and from MariaDB to PostgreSQL (e) pgloader
 * as a reference, when it is installed (skipped with the reason printed otherwise). Each is
 * warmed up on a small table, then timed on the full one (best of {@code --repeat} runs). Prints a
 * table and writes {@code migration-bench/target/bench/results.json} with rows/s, the ratio to the
 * baseline and the peak heap of each scenario.
 */
public final class EngineBenchmark {
    private static final String SOURCE = "bench_rows";
    private static final String WARMUP = "bench_warmup";
    private static final String TARGET = "bench_copy";

    private EngineBenchmark() {
    }

    /** A way of copying {@code from} to {@code to}. */
    @FunctionalInterface
    interface Copy {
        void run(DataSource source, DataSource target, String from, String to) throws Exception;
    }

    record Scenario(String name, String description, Copy copy) {
    }

    record Measurement(String engine, String scenario, String description, long rows, double seconds,
                       double rowsPerSecond, double ratioToBaseline, long peakHeapMegabytes) {
    }

    public static void main(String[] args) throws Exception {
        // jOOQ greets every new JVM with a banner and a tip; a console tool keeps its output for results.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        Map<String, String> options = BenchOptions.parse(args);
        long rows = Long.parseLong(options.getOrDefault("rows", "1000000"));
        int repeat = Integer.parseInt(options.getOrDefault("repeat", "2"));
        List<String> engines = List.of(options.getOrDefault("engines", "h2,postgres,mariadb-postgres,postgres-mariadb")
                .split(","));
        Path out = Path.of(options.getOrDefault("out", "target/bench"));

        List<Measurement> results = new ArrayList<>();
        for (String engine : engines) {
            String sourceEngine = engine.contains("-") ? engine.substring(0, engine.indexOf('-')) : engine;
            String targetEngine = engine.contains("-") ? engine.substring(engine.indexOf('-') + 1) : engine;
            try (BenchDatabase source = BenchOptions.database(sourceEngine, out, "ms_bench_source", options);
                 BenchDatabase target = BenchOptions.database(targetEngine, out, "ms_bench_target", options)) {
                System.out.printf("%s: generating %,d rows...%n", engine, rows);
                source.generate(SOURCE, rows);
                source.generate(WARMUP, Math.min(rows, 50_000));
                List<String> only = List.of(options.getOrDefault("scenarios", "").split(","));
                List<Scenario> all = new ArrayList<>(scenarios(targetEngine));
                if (sourceEngine.equals("postgres") && targetEngine.equals("postgres")) {
                    all.add(new Scenario("psql-pipe", "psql COPY TO STDOUT piped into psql COPY FROM STDIN "
                            + "(reference: no JVM, no row decoded)", ServerCopies.pipe(source, target)));
                    Optional<String> unavailable = ServerCopies.unavailable("pgcopydb");
                    if (unavailable.isPresent()) {
                        System.out.println(engine + ": pgcopydb scenario skipped: " + unavailable.get());
                    } else {
                        all.add(new Scenario("pgcopydb", "pgcopydb clone of the table, its index built after "
                                + "(reference)", ServerCopies.pgcopydb(source, target)));
                    }
                }
                if (sourceEngine.equals("mariadb") && targetEngine.equals("postgres")) {
                    Optional<String> unavailable = PgloaderCopy.unavailable();
                    if (unavailable.isPresent()) {
                        System.out.println(engine + ": pgloader scenario skipped: " + unavailable.get());
                    } else {
                        all.add(new Scenario("pgloader", "pgloader (reference): the table with its schema, "
                                + "no mapping, no verification", PgloaderCopy.between(source, target)));
                    }
                }
                List<Scenario> chosen = all.stream()
                        .filter(sc -> only.equals(List.of("")) || only.contains(sc.name()) || sc.name().equals("baseline"))
                        .toList();
                results.addAll(run(engine, chosen, source, target, rows, repeat));
            }
        }
        print(results);
        write(results, out.resolve("results.json"), rows);
    }

    /** The scenarios of a target engine, the baseline first. */
    static List<Scenario> scenarios(String targetEngine) {
        List<Scenario> scenarios = new ArrayList<>();
        switch (targetEngine) {
            case "postgres":
                scenarios.add(new Scenario("baseline", "hand-written streamed SELECT into COPY", RawCopy::postgresCopy));
                break;
            case "mariadb":
                scenarios.add(new Scenario("baseline", "hand-written streamed SELECT into LOAD DATA LOCAL INFILE",
                        RawCopy::mariadbLoadData));
                break;
            default:
                scenarios.add(new Scenario("baseline", "hand-written JDBC batch loop", RawCopy::jdbcBatchLoop));
        }
        scenarios.add(new Scenario("engine-identity", "JdbcMigrator, identity mapping, resumable (PostgreSQL to "
                + "PostgreSQL: COPY passthrough, text)", (s, t, from, to) ->
                migrate(s, t, identity(from, to), true, true, Passthrough.TEXT)));
        if (targetEngine.equals("postgres")) {
            scenarios.add(new Scenario("engine-passthrough-binary", "JdbcMigrator, identity mapping, resumable, "
                    + "COPY passthrough in binary format", (s, t, from, to) ->
                    migrate(s, t, identity(from, to), true, true, Passthrough.BINARY)));
            for (int writers : List.of(2, 4)) {
                scenarios.add(new Scenario("engine-passthrough-" + writers + "-writers", "JdbcMigrator, identity "
                        + "mapping, resumable, COPY passthrough (text), " + writers + " writers per table",
                        (s, t, from, to) -> migrate(s, t, identity(from, to), true, true, Passthrough.TEXT, writers)));
            }
            scenarios.add(new Scenario("engine-identity-java", "JdbcMigrator, identity mapping, resumable, "
                    + "passthrough(OFF): rows decoded and encoded in Java", (s, t, from, to) ->
                    migrate(s, t, identity(from, to), true, true, Passthrough.OFF)));
        }
        if (targetEngine.equals("mariadb")) {
            scenarios.add(new Scenario("engine-identity-insert", "JdbcMigrator, identity mapping, batched INSERTs "
                    + "(the driver's bulk protocol) instead of LOAD DATA", (s, t, from, to) ->
                    migrate(s, t, identity(from, to), true, false, Passthrough.TEXT)));
        }
        scenarios.add(new Scenario("engine-identity-no-ledger", "JdbcMigrator, identity mapping, resumable(false)",
                (s, t, from, to) -> migrate(s, t, identity(from, to), false, true, Passthrough.TEXT)));
        scenarios.add(new Scenario("engine-3-transforms", "JdbcMigrator, trim + upper case + decimal cast",
                (s, t, from, to) -> migrate(s, t, transformed(from, to), true, true, Passthrough.TEXT)));
        // The cast keeps every engine pair on the Java path: rows decoded, mapped and encoded in Java.
        for (int writers : List.of(2, 4)) {
            scenarios.add(new Scenario("engine-3-transforms-" + writers + "-writers", "JdbcMigrator, trim + upper "
                    + "case + decimal cast (Java path), " + writers + " writers per table", (s, t, from, to) ->
                    migrate(s, t, transformed(from, to), true, true, Passthrough.TEXT, writers)));
        }
        scenarios.add(new Scenario("spring-batch", "Spring Batch JdbcCursorItemReader -> JdbcBatchItemWriter",
                SpringBatchCopy::copy));
        return List.copyOf(scenarios);
    }

    static MappingSpec identity(String from, String to) {
        return MappingSpec.builder("bench-identity").table(from).to(to, t -> t
                .key("id").field("name").field("amount").field("created")).build();
    }

    static MappingSpec transformed(String from, String to) {
        return MappingSpec.builder("bench-transforms").table(from).to(to, t -> t
                .key("id").field("name").transform(trim()).transform(upperCase())
                .field("amount").cast("DECIMAL(12,2)").field("created")).build();
    }

    private static void migrate(DataSource source, DataSource target, MappingSpec spec, boolean resumable,
                                boolean bulkPath, Passthrough passthrough) {
        migrate(source, target, spec, resumable, bulkPath, passthrough, 1);
    }

    private static void migrate(DataSource source, DataSource target, MappingSpec spec, boolean resumable,
                                boolean bulkPath, Passthrough passthrough, int writers) {
        MigrationResult result = JdbcMigrator.configure().source(source).target(target).spec(spec)
                .resumable(resumable).passthrough(passthrough).writersPerTable(writers).mariadbLoadData(bulkPath).parallelism(1).logProgress(false).load().migrate();
        if (!result.isComplete() || !result.isBalanced()) {
            throw new IllegalStateException("benchmark migration incomplete: " + result.summary());
        }
    }

    private static List<Measurement> run(String engine, List<Scenario> scenarios, BenchDatabase source,
                                         BenchDatabase target, long rows, int repeat) throws Exception {
        for (Scenario scenario : scenarios) {
            target.recreateTarget(TARGET);
            scenario.copy().run(source.dataSource(), target.dataSource(), WARMUP, TARGET);
        }
        Map<String, double[]> best = new LinkedHashMap<>();
        for (int round = 0; round < repeat; round++) {
            for (Scenario scenario : scenarios) {
                target.recreateTarget(TARGET);
                System.gc();
                long start;
                long peak;
                long cpuStart = processCpuNanos();
                try (HeapSampler heap = new HeapSampler()) {
                    start = System.nanoTime();
                    scenario.copy().run(source.dataSource(), target.dataSource(), SOURCE, TARGET);
                    peak = heap.peakMegabytes();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = (processCpuNanos() - cpuStart) / 1e9;
                long copied = target.count(TARGET);
                if (copied != rows) {
                    throw new IllegalStateException(scenario.name() + " copied " + copied + " of " + rows + " rows");
                }
                System.out.printf("%s %-26s round %d: %.2f s (this JVM used %.2f s of CPU)%n", engine, scenario.name(),
                        round + 1, seconds, cpu);
                double[] previous = best.get(scenario.name());
                if (previous == null || seconds < previous[0]) {
                    best.put(scenario.name(), new double[] {seconds, peak});
                }
            }
        }
        double baseline = best.get("baseline")[0];
        List<Measurement> measurements = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            double[] m = best.get(scenario.name());
            measurements.add(new Measurement(engine, scenario.name(), scenario.description(), rows, m[0], rows / m[0],
                    baseline / m[0], (long) m[1]));
        }
        return measurements;
    }

    /** CPU time of this JVM, all threads (garbage collection included). */
    private static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : 0;
    }

    private static void print(List<Measurement> results) {
        System.out.println();
        System.out.printf("%-16s %-27s %12s %10s %10s %10s%n", "engine", "scenario", "rows/s", "seconds", "vs base",
                "peak heap");
        for (Measurement m : results) {
            System.out.printf("%-16s %-27s %,12.0f %10.2f %9.2fx %8d MB%n", m.engine(), m.scenario(), m.rowsPerSecond(),
                    m.seconds(), m.ratioToBaseline(), m.peakHeapMegabytes());
        }
    }

    private static void write(List<Measurement> results, Path file, long rows) throws Exception {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("benchmark", "engine").put("rows", rows).put("maxHeapMegabytes",
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        ArrayNode list = root.putArray("scenarios");
        for (Measurement m : results) {
            list.addObject().put("engine", m.engine()).put("scenario", m.scenario())
                    .put("description", m.description()).put("rows", m.rows()).put("seconds", m.seconds())
                    .put("rowsPerSecond", m.rowsPerSecond()).put("ratioToBaseline", m.ratioToBaseline())
                    .put("peakHeapMegabytes", m.peakHeapMegabytes());
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, json.writeValueAsString(root));
        System.out.println("Results written to " + file.toAbsolutePath());
    }
}
