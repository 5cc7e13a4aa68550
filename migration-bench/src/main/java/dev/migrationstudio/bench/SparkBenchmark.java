package dev.migrationstudio.bench;

import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.spark.SparkMigrator;
import dev.migrationstudio.spark.SparkPlan;
import dev.migrationstudio.verify.VerificationReport;
import dev.migrationstudio.verify.Verifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark runner against {@link JdbcMigrator} on the same data, in one process: one table of
 * {@code --rows} rows (id, text, decimal, timestamp) copied with an identity mapping, resumable, in
 * chunks of {@code --chunk} rows; Spark on {@code local[N]} with one task per key range.
 *
 * <pre>
 * scripts/bench spark [--rows 1000000] [--engines postgres,h2] [--master local[2]] [--chunk 50000] [--repeat 2]
 * </pre>
 *
 * Prints, per engine: each runner's time and rows per second (best of {@code --repeat}, after a
 * warm-up on 50,000 rows), the ratio Spark / JdbcMigrator, the per-partition throughput (rows of a
 * range over its task's run time, averaged over tasks) and the driver's overhead (the run's time
 * outside Spark jobs: lock, ledger, counting, planning the ranges, the result). Then verifies the
 * target once with {@link Verifier} (row counts and checksums, in this JVM) and once with
 * {@link SparkMigrator#verify()} (the same checks, digests summed by Spark tasks).
 */
public final class SparkBenchmark {
    private static final String SOURCE = "bench_rows";
    private static final String WARMUP = "bench_warmup";
    private static final String TARGET = "bench_copy";

    /** The databases and table of the current scenario: executors run in this JVM. */
    private static volatile DataSource source;
    private static volatile DataSource target;
    private static volatile String from = SOURCE;
    private static volatile int chunk = 50_000;

    private SparkBenchmark() {
    }

    /** The benchmark's plan: the identity mapping of the engine benchmark. */
    public static final class Plan implements SparkPlan {
        @Override
        public MappingSpec spec() {
            return EngineBenchmark.identity(from, TARGET);
        }

        @Override
        public DataSource source() {
            return source;
        }

        @Override
        public DataSource target() {
            return target;
        }

        @Override
        public JdbcMigrator.Configuration options(JdbcMigrator.Configuration migrator) {
            return migrator.chunkSize(chunk).parallelism(1).logProgress(false);
        }
    }

    /** Spark's time in jobs and tasks, from its listener bus. */
    private static final class Timings extends SparkListener {
        final AtomicLong jobNanos = new AtomicLong();
        final AtomicLong taskMillis = new AtomicLong();
        final AtomicLong tasks = new AtomicLong();
        private final Map<Integer, Long> started = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void onJobStart(SparkListenerJobStart job) {
            started.put(job.jobId(), System.nanoTime());
        }

        @Override
        public void onJobEnd(SparkListenerJobEnd job) {
            Long start = started.remove(job.jobId());
            if (start != null) {
                jobNanos.addAndGet(System.nanoTime() - start);
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd task) {
            if (task.taskMetrics() != null) {
                taskMillis.addAndGet(task.taskMetrics().executorRunTime());
                tasks.incrementAndGet();
            }
        }

        void reset() {
            jobNanos.set(0);
            taskMillis.set(0);
            tasks.set(0);
        }
    }

    record Measurement(String engine, double jdbcSeconds, double sparkSeconds, long ranges, double rowsPerTaskSecond,
                       double driverSeconds, double verifierSeconds, double sparkVerifySeconds) {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Map<String, String> options = BenchOptions.parse(args, "[--rows N] [--engines postgres,h2] [--master local[2]]"
                + " [--chunk N] [--repeat N]");
        long rows = Long.parseLong(options.getOrDefault("rows", "1000000"));
        int repeat = Integer.parseInt(options.getOrDefault("repeat", "2"));
        chunk = Integer.parseInt(options.getOrDefault("chunk", "50000"));
        String master = options.getOrDefault("master", "local[2]");
        List<String> engines = List.of(options.getOrDefault("engines", "postgres,h2").split(","));
        Path out = Path.of(options.getOrDefault("out", "target/bench"));

        SparkSession spark = SparkSession.builder().master(master).appName("migration-spark-bench")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        Timings timings = new Timings();
        spark.sparkContext().addSparkListener(timings);
        List<Measurement> results = new ArrayList<>();
        try {
            for (String engine : engines) {
                try (BenchDatabase src = BenchOptions.database(engine, out, "ms_bench_source", options);
                     BenchDatabase tgt = BenchOptions.database(engine, out, "ms_bench_target", options)) {
                    System.out.printf("%s: generating %,d rows...%n", engine, rows);
                    src.generate(SOURCE, rows);
                    src.generate(WARMUP, Math.min(rows, 50_000));
                    source = src.dataSource();
                    target = tgt.dataSource();
                    double jdbc = Double.MAX_VALUE;
                    double best = Double.MAX_VALUE;
                    Measurement measured = null;
                    for (String table : List.of(WARMUP, SOURCE)) {
                        from = table;
                        int runs = table.equals(WARMUP) ? 1 : repeat;
                        for (int i = 0; i < runs; i++) {
                            tgt.recreateTarget(TARGET);
                            long start = System.nanoTime();
                            check(new Plan().options(JdbcMigrator.configure().source(source).target(target)
                                    .spec(new Plan().spec())).load().migrate(), table);
                            double seconds = (System.nanoTime() - start) / 1e9;
                            jdbc = table.equals(SOURCE) ? Math.min(jdbc, seconds) : jdbc;

                            tgt.recreateTarget(TARGET);
                            timings.reset();
                            start = System.nanoTime();
                            check(SparkMigrator.configure().session(spark).plan(Plan.class).load().migrate(), table);
                            seconds = (System.nanoTime() - start) / 1e9;
                            if (table.equals(SOURCE) && seconds < best) {
                                best = seconds;
                                double perTask = timings.tasks.get() == 0 ? 0
                                        : timings.taskMillis.get() / 1000.0 / timings.tasks.get();
                                double rowsPerRange = (double) rows / Math.max(1, timings.tasks.get());
                                measured = new Measurement(engine, 0, seconds, timings.tasks.get(),
                                        perTask == 0 ? 0 : rowsPerRange / perTask,
                                        seconds - timings.jobNanos.get() / 1e9, 0, 0);
                            }
                        }
                    }
                    // Verification of the last Spark run's target: in this JVM, then with Spark's executors.
                    long start = System.nanoTime();
                    checkPassed(new Plan().checks(Verifier.between(source, target).spec(new Plan().spec())).verify());
                    double verifier = (System.nanoTime() - start) / 1e9;
                    start = System.nanoTime();
                    checkPassed(SparkMigrator.configure().session(spark).plan(Plan.class).load().verify());
                    double sparkVerify = (System.nanoTime() - start) / 1e9;
                    results.add(new Measurement(engine, jdbc, measured.sparkSeconds(), measured.ranges(),
                            measured.rowsPerTaskSecond(), measured.driverSeconds(), verifier, sparkVerify));
                }
            }
        } finally {
            spark.stop();
        }
        System.out.printf("%n%,d rows, chunks of %,d, Spark %s, best of %d%n", rows, chunk, master, repeat);
        System.out.printf("%-9s %12s %12s %12s %12s %8s %16s %10s%n", "engine", "JdbcMigrator", "rows/s", "Spark",
                "rows/s", "ratio", "per partition", "driver");
        for (Measurement m : results) {
            System.out.printf("%-9s %11.2fs %12s %11.2fs %12s %7.2fx %11s rows/s %9.2fs%n", m.engine(), m.jdbcSeconds(),
                    String.format("%,.0f", rows / m.jdbcSeconds()), m.sparkSeconds(),
                    String.format("%,.0f", rows / m.sparkSeconds()), m.jdbcSeconds() / m.sparkSeconds(),
                    String.format("%,.0f", m.rowsPerTaskSecond()), m.driverSeconds());
        }
        System.out.printf("%n%-9s %12s %12s %8s%n", "verify", "Verifier", "Spark", "ratio");
        for (Measurement m : results) {
            System.out.printf("%-9s %11.2fs %11.2fs %7.2fx%n", m.engine(), m.verifierSeconds(), m.sparkVerifySeconds(),
                    m.verifierSeconds() / m.sparkVerifySeconds());
        }
        System.out.println("ratio: Spark's rows/s over JdbcMigrator's (above 1: Spark is faster); per partition: rows of a "
                + "range over its task's run time; driver: the run's time outside Spark jobs; ranges per run: "
                + results.stream().map(m -> m.engine() + " " + m.ranges()).toList());
    }

    private static void checkPassed(VerificationReport report) {
        if (!report.passed()) {
            throw new IllegalStateException("benchmark verification failed: " + report.summary());
        }
    }

    private static void check(MigrationResult result, String table) {
        if (!result.isComplete() || !result.isBalanced() || result.thisRun().read() == 0) {
            throw new IllegalStateException("benchmark migration of " + table + " incomplete: " + result.summary());
        }
    }
}
