package dev.migrationstudio.verify.internal;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.verify.ChecksumSummary;
import dev.migrationstudio.verify.IntegrityCheck;
import dev.migrationstudio.verify.ParityCheck;
import dev.migrationstudio.verify.ParityResult;
import dev.migrationstudio.verify.RowReconciliation;
import dev.migrationstudio.verify.SampleSummary;
import dev.migrationstudio.verify.TableVerification;
import dev.migrationstudio.verify.VerificationReport;
import dev.migrationstudio.verify.replay.ReplayResult;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One verification: opens both databases, verifies each selected table, runs the parity checks. */
public final class VerificationRun {
    private static final Logger LOG = LoggerFactory.getLogger(VerificationRun.class);
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Settings settings;
    private LoaderQuarantine quarantine = LoaderQuarantine.none("not consulted");
    private Optional<String> pushdownDeclined = Optional.empty();

    private final Optional<RemoteDigests.Executor> remote;

    /** A run with these settings. */
    public VerificationRun(Settings settings) {
        this(settings, Optional.empty());
    }

    /** A run whose keyed tables' digest passes are computed by {@code remote}'s workers (a distributed runner). */
    public VerificationRun(Settings settings, Optional<RemoteDigests.Executor> remote) {
        this.settings = settings;
        this.remote = remote;
    }

    /** Runs it. */
    public VerificationReport run() {
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        List<TableMapping> selected = selectTables();
        List<TableVerification> tables = new ArrayList<>();
        List<ParityResult> parity = new ArrayList<>();
        List<ReplayResult> replays = new ArrayList<>();
        String sourceEngine;
        String targetEngine;
        try (Side source = Side.open("source", settings.source(), settings.sourceSchema(), settings.fetchSize());
             Side target = Side.open("target", settings.target(), settings.targetSchema(), settings.fetchSize())) {
            sourceEngine = source.product();
            targetEngine = target.product();
            pushdownDeclined = Pushdown.declined(source, target, settings.pushdownOnH2());
            quarantine = settings.ledger()
                    .map(l -> LoaderQuarantine.read(settings.target(), l, settings.spec()))
                    .orElse(LoaderQuarantine.none("not consulted"));
            ExecutorService pool = Executors.newFixedThreadPool(settings.parallelism(), workers());
            try {
                for (TableMapping mapping : selected) {
                    tables.add(verifyTable(mapping, source, target, pool));
                }
                ParityRunner runner = new ParityRunner(settings, source, target, pool);
                for (ParityCheck check : settings.parity()) {
                    ParityResult result = runner.run(check);
                    LOG.info("{}", result.describe());
                    parity.add(result);
                }
                if (settings.replay().isPresent()) {
                    ReplayRunner replayer = new ReplayRunner(settings.spec(), source, target, runner);
                    replays.addAll(replayer.run(settings.replay().get()));
                    replays.forEach(r -> LOG.info("replay {}: {}", r.name(), r.results().map(ParityResult::describe)
                            .orElse(r.rewrite().status() + ": " + r.rewrite().reason())));
                }
            } finally {
                pool.shutdownNow();
                awaitQuietly(pool);
            }
        }
        VerificationReport report = new VerificationReport(settings.spec().name(), settings.spec().fingerprint(),
                sourceEngine, targetEngine, checks(), describeSettings(), startedAt,
                Duration.ofNanos(System.nanoTime() - started), tables, parity, replays);
        LOG.info("verification of '{}' {} in {} ms", settings.spec().name(), report.passed() ? "passed" : "FAILED",
                report.duration().toMillis());
        return report;
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory workers() {
        int run = RUNS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "migration-verify-" + run + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private List<TableMapping> selectTables() {
        List<TableMapping> all = settings.spec().tables();
        if (settings.tables().isEmpty()) {
            return all;
        }
        List<TableMapping> selected = new ArrayList<>();
        for (TableMapping mapping : all) {
            if (settings.tables().stream().anyMatch(n -> mapping.target().matches(TableId.of(n))
                    || mapping.source().matches(TableId.of(n)))) {
                selected.add(mapping);
            }
        }
        for (String name : settings.tables()) {
            if (all.stream().noneMatch(m -> m.target().matches(TableId.of(name)) || m.source().matches(TableId.of(name)))) {
                throw new IllegalArgumentException("table '" + name + "' is not mapped by spec '" + settings.spec().name()
                        + "' (its tables: " + all.stream().map(TableMapping::describe).toList() + ")");
            }
        }
        return selected;
    }

    private TableVerification verifyTable(TableMapping mapping, Side source, Side target, ExecutorService pool) {
        TableId id = mapping.target();
        settings.listener().tableStarted(id);
        List<String> errors = new ArrayList<>();
        Map<String, Duration> timings = new LinkedHashMap<>();
        Optional<TablePlan> plan = TablePlan.resolve(mapping, source, target, quarantine, errors);
        Optional<TableComparison> comparison = Optional.empty();
        if (plan.isPresent() && (settings.rowCounts() || settings.checksums() || settings.sampleRows() > 0)) {
            long started = System.nanoTime();
            try {
                TableReader reader = new TableReader(settings, plan.get(), source, target, pool, remote);
                comparison = Optional.of(TableCheck.choose(reader).run());
            } catch (SQLException | RuntimeException e) {
                errors.add("comparison failed: " + message(e));
                LOG.warn("{}: comparison failed", mapping.describe(), e);
            }
            timings.put(settings.checksums() ? "checksums" : "row counts", Duration.ofNanos(System.nanoTime() - started));
        }
        List<IntegrityCheck> integrity = new ArrayList<>();
        if (plan.isPresent() && settings.constraints()) {
            long started = System.nanoTime();
            try {
                integrity.addAll(new IntegrityChecker(settings, source, target).check(plan.get()));
            } catch (SQLException | RuntimeException e) {
                errors.add("integrity checks failed: " + message(e));
                LOG.warn("{}: integrity checks failed", mapping.describe(), e);
            }
            timings.put("integrity", Duration.ofNanos(System.nanoTime() - started));
        }
        comparison.ifPresent(c -> errors.addAll(c.errors()));
        Optional<RowReconciliation> counts = comparison.filter(c -> settings.rowCounts())
                .map(c -> c.source().reconcile(c.targetRows()));
        Optional<ChecksumSummary> checksums = comparison.flatMap(TableComparison::checksums);
        Optional<SampleSummary> sample = comparison.flatMap(TableComparison::sample);
        Differences differences = comparison.map(TableComparison::differences).orElse(Differences.NONE);
        TableVerification result = new TableVerification(mapping.source(), id, plan.map(TablePlan::keyless)
                .orElse(mapping.isKeyless()), counts, checksums, differences.listed(), differences.missing(),
                differences.extra(), differences.changed(), sample, integrity, errors, timings);
        LOG.info("{}: {} ({} missing, {} extra, {} changed rows, {} ms)", mapping.describe(),
                result.passed() ? "passed" : "FAILED", result.missingRows(), result.extraRows(), result.changedRows(),
                result.duration().toMillis());
        settings.listener().tableFinished(result);
        return result;
    }

    private static String message(Exception e) {
        String message = e.getMessage();
        if (e instanceof MigrationException && e.getCause() != null && e.getCause().getMessage() != null) {
            message = message + ": " + e.getCause().getMessage();
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private List<String> checks() {
        List<String> checks = new ArrayList<>();
        if (settings.rowCounts()) {
            checks.add("row counts");
        }
        if (settings.checksums()) {
            checks.add("checksums");
        }
        if (settings.sampleRows() > 0) {
            checks.add("sample of " + settings.sampleRows() + " rows");
        }
        if (settings.constraints()) {
            checks.add("constraints");
        }
        if (!settings.parity().isEmpty()) {
            checks.add("query parity");
        }
        if (settings.replay().isPresent()) {
            checks.add("query replay");
        }
        return checks;
    }

    private Map<String, String> describeSettings() {
        Map<String, String> described = new LinkedHashMap<>();
        described.put("chunk size", String.valueOf(settings.chunkSize()));
        described.put("bisection leaf rows", String.valueOf(settings.leafRows()));
        described.put("parallelism", String.valueOf(settings.parallelism()));
        described.put("fetch size", String.valueOf(settings.fetchSize()));
        described.put("float tolerance (relative)", String.valueOf(settings.floatTolerance()));
        described.put("float digits hashed", String.valueOf(settings.floatDigits()));
        if (settings.sampleRows() > 0) {
            described.put("sample seed", String.valueOf(settings.seed()));
        }
        described.put("pushdown", !settings.pushdown() ? "off"
                : pushdownDeclined.map(reason -> "allowed, " + reason).orElse("allowed"));
        described.put("loader's ledger", quarantine.describe());
        settings.intendedTarget().ifPresent(i -> described.put("intended target", i.tables().size() + " tables"));
        return described;
    }
}
