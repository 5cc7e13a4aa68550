package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.jdbc.CatchUpResult;
import dev.migrationstudio.jdbc.ChangeFeed;
import dev.migrationstudio.jdbc.MigrationFailedException;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.jdbc.ProgressListener;
import dev.migrationstudio.jdbc.RepairPlan;
import dev.migrationstudio.jdbc.TableResult;
import dev.migrationstudio.jdbc.source.BorrowedConnection;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.SpecChanges;
import dev.migrationstudio.mapping.TableMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a migration, on the migrator's frozen {@link MigrationSettings}: resolves the spec against
 * both databases, takes the lock, checks the fingerprint, orders the tables, copies them (or plans
 * them, for a dry run), retries the rows that waited for a parent row, and only then assembles each
 * table's result from its {@link TableTally}.
 */
public final class MigrationRun {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationRun.class);

    private final MigrationSettings settings;
    private final MappingSpec spec;
    private final DataSource source;
    private final DataSource target;
    private final String sourceSnapshot;

    /** Prepares a run; nothing happens until {@link #run()}. */
    public MigrationRun(MigrationSettings settings, DataSource source, DataSource target) {
        this(settings, source, target, null);
    }

    /**
     * Prepares a run whose tables all read the PostgreSQL source from an exported snapshot
     * ({@link SourceSnapshots}); null to read the latest data.
     */
    public MigrationRun(MigrationSettings settings, DataSource source, DataSource target, String sourceSnapshot) {
        this.settings = settings;
        this.spec = settings.spec();
        this.source = source;
        this.target = target;
        this.sourceSnapshot = sourceSnapshot == null ? null : SourceSnapshots.checkName(sourceSnapshot);
    }

    /** Runs (or plans) the migration. */
    public MigrationResult run() {
        return run(null);
    }

    /**
     * Runs the migration with each keyed table's key ranges copied by {@code ranges} (a chunk-parallel
     * runner), one table after the other, parents first; everything else as {@link #run()}.
     *
     * @param ranges the executor, or null to copy the tables in this process
     */
    public MigrationResult run(RangeExecutor ranges) {
        if (ranges != null && (settings.dryRun() || !settings.resumable())) {
            throw new IllegalStateException("a chunk-parallel run writes and keeps the ledger: set dryRun(false) "
                    + "and resumable(true)");
        }
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        // One connection per side does all the preparation: opening connections is not free
        // (authentication), and users may hand in unpooled data sources.
        try (Connection src = source.getConnection(); Connection tgt = target.getConnection()) {
            SQLDialect sourceDialect = Engines.dialectOf(src);
            SQLDialect targetDialect = Engines.dialectOf(tgt);
            List<TableJob> jobs = orderedJobs(resolve(src, tgt, sourceDialect));
            LOG.debug("Resolved {} tables in {} ms", jobs.size(), (System.nanoTime() - startNanos) / 1_000_000);
            checkKeys(src, jobs);
            if (targetDialect == SQLDialect.MARIADB) {
                TransactionalTargets.require(tgt, jobs);
            }
            Ledger ledger = new Ledger(settings.ledgerSchema(), settings.ledgerPrefix(), targetDialect);
            WritePath path = WritePath.of(tgt, targetDialect, settings);
            Map<String, PassthroughCopy.Choice> paths = new LinkedHashMap<>();
            for (TableJob job : jobs) {
                paths.put(job.name(), PassthroughCopy.choose(job, settings.passthrough(), src, tgt, path));
            }
            if (settings.dryRun()) {
                return new DryRun(settings, ledger, jobs, path, paths, targetDialect).plan(src, tgt, started);
            }
            LOG.info("Migration '{}' ({} tables, spec fingerprint {}) starting", spec.name(), jobs.size(),
                    spec.fingerprint().substring(0, 12));
            try (RunLock lock = lock(tgt, targetDialect, ledger)) {
                LOG.debug("Migration '{}' holds {}", spec.name(), lock.describe());
                moveRenamedLedger(tgt, targetDialect, ledger, lock);
                if (settings.reapply() && settings.resumable()) {
                    reapplyIfChanged(tgt, ledger, lock, jobs, targetDialect);
                }
                Map<String, Ledger.MappingState> states = prepareLedger(tgt, ledger, jobs);
                Map<String, Long> sourceRows = countSourceRows(src, jobs);
                LOG.debug("Locked, ledger read and source counted after {} ms", (System.nanoTime() - startNanos) / 1_000_000);
                RangeWorker.Fence fence = ranges == null ? null : fence(tgt, ledger);
                return execute(jobs, settings.resumable() ? ledger : null, lock, states, sourceRows, path, paths,
                        targetDialect, started, startNanos, ranges, fence);
            }
        } catch (SQLException e) {
            throw new MigrationException("cannot connect: " + SqlStates.reason(e), e);
        }
    }

    /**
     * Catches the target up with the source by comparison ({@link TableCatchUp}), table by table,
     * parents first; with {@code dryRun} it only reads and reports.
     */
    public CatchUpResult catchUp() {
        return catchUp(eachTable((table, job) -> table.catchUp()), jobs -> jobs, "by comparison");
    }

    /**
     * Applies a change feed's batches ({@link TableCatchUp#applyKeys}), each committed with the feed's
     * position, until the feed has handed over every change committed when it was called; with
     * {@code dryRun} it finds what each batch would change and writes nothing.
     */
    public CatchUpResult applyChanges(ChangeFeed feed) {
        return catchUp((context, tables) -> {
            FeedSink sink = new FeedSink(context, feed.name(), tables);
            try {
                feed.drain(sink);
                sink.finish();
            } catch (MigrationException e) {
                throw e;
            } catch (Exception e) {
                throw new MigrationException("change feed " + feed.name() + " failed after " + sink.applied()
                        + " changes (applied batches stay committed): " + e.getMessage(), e);
            }
            return tables.values().stream().map(TableCatchUp::result).toList();
        }, jobs -> jobs, "from change feed " + feed.name());
    }

    /** What a catch-up does with the table catch-ups of the run's mappings, parents first. */
    @FunctionalInterface
    private interface CatchUpWork {
        List<CatchUpResult.Table> run(RunContext context, Map<TableJob, TableCatchUp> tables);
    }

    private static CatchUpWork eachTable(BiFunction<TableCatchUp, TableJob, CatchUpResult.Table> work) {
        return (context, tables) -> {
            List<CatchUpResult.Table> results = new ArrayList<>();
            tables.forEach((job, table) -> results.add(work.apply(table, job)));
            return results;
        };
    }

    /**
     * Repairs the rows a verification found, one transaction per table ({@link TableCatchUp#repair});
     * with {@code dryRun} it only reads and reports.
     */
    public CatchUpResult repair(RepairPlan plan) {
        if (!plan.migration().equals(spec.name())) {
            throw new MigrationException("the repair plan is for migration '" + plan.migration() + "', this migrator runs '"
                    + spec.name() + "'");
        }
        Map<String, List<List<Object>>> keys = new LinkedHashMap<>();
        for (RepairPlan.Table table : plan.tables()) {
            List<List<Object>> rows = keys.computeIfAbsent(table.mapping(), m -> new ArrayList<>());
            table.rows().forEach(r -> rows.add(new ArrayList<>(r.key().values())));
        }
        for (String mapping : keys.keySet()) {
            if (spec.tables().stream().noneMatch(m -> m.describe().equals(mapping))) {
                throw new MigrationException("the repair plan names table mapping " + mapping + ", which spec '"
                        + spec.name() + "' does not have");
            }
        }
        return catchUp(eachTable((table, job) -> table.repair(keys.get(job.name()))),
                jobs -> jobs.stream().filter(j -> keys.containsKey(j.name()) && !keys.get(j.name()).isEmpty())
                        .toList(), "from a verification's repair plan");
    }

    private CatchUpResult catchUp(CatchUpWork work, UnaryOperator<List<TableJob>> which, String how) {
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        try (Connection src = source.getConnection(); Connection tgt = target.getConnection()) {
            SQLDialect sourceDialect = Engines.dialectOf(src);
            SQLDialect targetDialect = Engines.dialectOf(tgt);
            List<TableJob> jobs = which.apply(orderedJobs(resolve(src, tgt, sourceDialect)));
            List<String> unsupported = jobs.stream().map(TableCatchUp::unsupported).flatMap(Optional::stream).toList();
            if (!unsupported.isEmpty()) {
                throw new MigrationException("cannot catch up migration '" + spec.name() + "': "
                        + String.join("; ", unsupported));
            }
            checkKeys(src, jobs);
            Ledger ledger = new Ledger(settings.ledgerSchema(), settings.ledgerPrefix(), targetDialect);
            if (settings.dryRun()) {
                tgt.setAutoCommit(false);
                Map<String, Ledger.MappingState> states = new LinkedHashMap<>();
                boolean recorded = ledger.exists(tgt);
                for (TableJob job : jobs) {
                    states.put(job.name(), recorded ? ledger.state(tgt, spec.name(), job.name())
                            : Ledger.MappingState.empty());
                }
                tgt.rollback();
                return catchUp(jobs, ledger, null, states, targetDialect, started, startNanos, work, how);
            }
            try (RunLock lock = lock(tgt, targetDialect, ledger)) {
                moveRenamedLedger(tgt, targetDialect, ledger, lock);
                Map<String, Ledger.MappingState> states = prepareLedger(tgt, ledger, jobs);
                return catchUp(jobs, settings.resumable() ? ledger : null, lock, states, targetDialect, started,
                        startNanos, work, how);
            }
        } catch (SQLException e) {
            throw new MigrationException("cannot connect: " + SqlStates.reason(e), e);
        }
    }

    private CatchUpResult catchUp(List<TableJob> jobs, Ledger ledger, RunLock lock,
                                  Map<String, Ledger.MappingState> states, SQLDialect targetDialect, Instant started,
                                  long startNanos, CatchUpWork work, String how) {
        LOG.info("Migration '{}': catching up {} tables {}{}", spec.name(), jobs.size(), how,
                settings.dryRun() ? " (dry run: nothing is written)" : "");
        List<ProgressListener> listeners = new ArrayList<>(settings.listeners());
        if (settings.logProgress()) {
            listeners.add(new LoggingProgressListener(5));
        }
        RunContext context = new RunContext(settings, source, target, ledger, lock, UUID.randomUUID().toString(),
                targetDialect == SQLDialect.POSTGRES, Map.of(), listeners, null);
        Map<TableJob, TableCatchUp> catchUps = new LinkedHashMap<>();
        for (TableJob job : jobs) {
            ChangeWriter changes = new ChangeWriter(job.target(), job.targetColumns(),
                    TableCatchUp.keyPositions(job), targetDialect, settings.batchSize());
            catchUps.put(job, new TableCatchUp(context, job, changes, states.get(job.name()), settings.dryRun(),
                    settings.deleteUnloaded()));
        }
        List<CatchUpResult.Table> tables = work.run(context, catchUps);
        CatchUpResult result = new CatchUpResult(spec.name(), settings.dryRun(), started,
                Duration.ofNanos(System.nanoTime() - startNanos), tables);
        LOG.info("{}", result.summary());
        return result;
    }

    /**
     * Deletes every row of the spec's target tables (children first) and the ledger's record of the
     * migration, in one transaction, under the run lock: the target is as before the first run.
     */
    public void reset() {
        try (Connection tgt = target.getConnection()) {
            SQLDialect targetDialect = Engines.dialectOf(tgt);
            Ledger ledger = new Ledger(settings.ledgerSchema(), settings.ledgerPrefix(), targetDialect);
            List<TableShape> tables = spec.tables().stream()
                    .map(m -> TableShape.require(tgt, m.target(), "target")).toList();
            try (RunLock lock = lock(tgt, targetDialect, ledger)) {
                tgt.setAutoCommit(false);
                TableOrder.deleteAllRows(Engines.dsl(tgt), tables);
                if (ledger.exists(tgt)) {
                    ledger.forget(tgt, spec.name());
                }
                lock.prove(tgt);
                tgt.commit();
                LOG.warn("Migration '{}': target reset, {} tables emptied and the ledger's record forgotten",
                        spec.name(), tables.size());
            }
        } catch (SQLException e) {
            throw new MigrationException("cannot reset the target of migration '" + spec.name() + "': "
                    + SqlStates.reason(e), e);
        }
    }

    private List<TableJob> resolve(Connection src, Connection tgt, SQLDialect sourceDialect) {
        List<TableJob> jobs = new ArrayList<>();
        for (TableMapping mapping : spec.tables()) {
            TableShape sourceShape = TableShape.require(src, mapping.source(), "source");
            TableShape targetShape = TableShape.require(tgt, mapping.target(), "target");
            jobs.add(new TableJob(mapping, sourceShape, targetShape, sourceDialect));
        }
        return jobs;
    }

    /** Parents first, by the target's foreign keys; mappings to the same table in declaration order. */
    private static List<TableJob> orderedJobs(List<TableJob> jobs) {
        List<TableJob> ordered = new ArrayList<>();
        for (TableShape target : TableOrder.parentsFirst(jobs.stream().map(TableJob::target).toList())) {
            jobs.stream().filter(j -> j.target().id().equals(target.id())).forEach(ordered::add);
        }
        return ordered;
    }

    /**
     * Keyset reading skips rows when the key is not unique or holds NULLs; a declared key that the
     * source does not enforce is checked before anything is written.
     */
    private void checkKeys(Connection src, List<TableJob> jobs) {
        var sql = Engines.dsl(src);
        for (TableJob job : jobs) {
            if (job.keyWidth() == 0) {
                continue;
            }
            List<String> key = job.selectColumns().subList(0, job.keyWidth());
            if (key.equals(job.source().primaryKey())) {
                continue;
            }
            var fields = key.stream().map(c -> DSL.field(DSL.name(c))).toList();
            var table = DSL.table(job.source().qualifiedName());
            var duplicate = sql.select(fields).select(DSL.count()).from(table).groupBy(fields)
                    .having(DSL.count().gt(1)).limit(1).fetchOne();
            if (duplicate != null) {
                throw new MigrationException(String.format("%s: the declared key (%s) is not unique in source "
                        + "table %s: %s appears %s times; keyset chunking would skip rows, so declare a unique key",
                        job.name(), String.join(", ", key), job.source().id(),
                        duplicate.intoList().subList(0, key.size()), duplicate.get(key.size())));
            }
            var nulls = sql.fetchCount(table, DSL.or(fields.stream().map(f -> f.isNull()).toList()));
            if (nulls > 0) {
                throw new MigrationException(String.format("%s: the declared key (%s) is NULL in %d rows of source "
                        + "table %s; keyset chunking cannot reach them, so declare a key without NULLs",
                        job.name(), String.join(", ", key), nulls, job.source().id()));
            }
        }
    }

    private RunLock lock(Connection tgt, SQLDialect targetDialect, Ledger ledger) {
        return lock(tgt, targetDialect, ledger, spec.name());
    }

    /** The run lock of migration {@code name}. */
    private RunLock lock(Connection tgt, SQLDialect targetDialect, Ledger ledger, String name) {
        var sessionLock = AdvisoryLock.Kind.of(targetDialect);
        if (sessionLock.isPresent()) {
            return AdvisoryLock.acquire(target, sessionLock.get(), name, settings.lockWait(),
                    settings.resumable() ? ledger : null);
        }
        if (!settings.resumable()) {
            return new RunLock() {
                @Override
                public String describe() {
                    return "no lock (the run is not resumable and keeps no ledger)";
                }

                @Override
                public void prove(Connection target) {
                    // Nothing to prove: without a ledger there is no lock.
                }

                @Override
                public void check(Connection target) {
                    // Nothing to check: without a ledger there is no lock.
                }

                @Override
                public void close() {
                }
            };
        }
        createLedger(tgt, ledger);
        return LeaseLock.acquire(target, ledger, name, settings.lease(), settings.lockWait(),
                !(target instanceof BorrowedConnection));
    }

    private static void createLedger(Connection tgt, Ledger ledger) {
        try {
            tgt.setAutoCommit(false);
            ledger.create(tgt);
        } catch (SQLException e) {
            throw new MigrationException("cannot create the ledger in the target: " + SqlStates.reason(e), e);
        }
    }

    /**
     * With {@code renamedFrom}, moves the old name's ledger to this spec's name before anything reads it,
     * under both names' locks: a run of the old name still working refuses the move, and neither name
     * can start a run while it happens. One transaction, so the ledger is under one name or the other.
     */
    private void moveRenamedLedger(Connection tgt, SQLDialect targetDialect, Ledger ledger, RunLock lock) {
        String from = settings.renamedFrom();
        if (from.isEmpty() || !settings.resumable()) {
            return;
        }
        createLedger(tgt, ledger);
        RunLock old;
        try {
            old = lock(tgt, targetDialect, ledger, from);
        } catch (MigrationException e) {
            throw new MigrationException("cannot move the ledger of migration '" + from + "' to '" + spec.name()
                    + "' while a run of it may be writing: " + e.getMessage(), e);
        }
        try (old) {
            if (new LedgerMove(ledger, from, spec).move(tgt)) {
                old.prove(tgt);
                lock.prove(tgt);
            }
            tgt.commit();
        } catch (SQLException e) {
            throw new MigrationException("cannot move the ledger of migration '" + from + "' to '" + spec.name()
                    + "': " + SqlStates.reason(e), e);
        } catch (RuntimeException e) {
            rollbackQuietly(tgt);
            throw e;
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback after a refused ledger move failed: {}", SqlStates.reason(e));
        }
    }

    /** Creates the ledger, checks the fingerprint (starting over if asked), and reads each table's state. */
    private Map<String, Ledger.MappingState> prepareLedger(Connection connection, Ledger ledger, List<TableJob> jobs) {
        Map<String, Ledger.MappingState> states = new LinkedHashMap<>();
        if (!settings.resumable()) {
            jobs.forEach(j -> states.put(j.name(), Ledger.MappingState.empty()));
            return states;
        }
        createLedger(connection, ledger);
        // Claimed before anything is deleted or written: a table another migration owns refuses the run.
        List<String> tables = jobs.stream().map(j -> j.target().id().toString()).distinct().toList();
        ledger.claim(connection, spec.name(), tables);
        try {
            Optional<String> recorded = ledger.fingerprint(connection, spec.name());
            if (recorded.isPresent() && !recorded.get().equals(spec.fingerprint())) {
                if (!settings.startOver()) {
                    throw new MigrationException(String.format("the spec '%s' changed since it last ran against this "
                            + "target (recorded fingerprint %s, now %s): %s. Resuming would mix two specs in one "
                            + "target. Run with reapplyChangedSpec(true) to rewrite, chunk by chunk, only the loaded "
                            + "rows the change affects; restore the previous spec; or run with startOver(true) to "
                            + "delete the target tables' rows and migrate from scratch", spec.name(),
                            recorded.get().substring(0, 12), spec.fingerprint().substring(0, 12),
                            changes(connection, ledger)));
                }
                startOver(connection, ledger, jobs);
                // Forgetting released the tables: claimed again, committed with the new fingerprint.
                ledger.claim(connection, spec.name(), tables);
            }
            if (recorded.isEmpty() || !recorded.get().equals(spec.fingerprint())) {
                ledger.recordFingerprint(connection, spec.name(), spec.fingerprint(), spec.canonicalText());
            }
            connection.commit();
            for (TableJob job : jobs) {
                states.put(job.name(), ledger.state(connection, spec.name(), job.name()));
            }
            connection.commit();
        } catch (SQLException e) {
            throw new MigrationException("cannot read the ledger: " + SqlStates.reason(e), e);
        }
        return states;
    }

    /** What changed between the recorded spec and this one, for people. */
    private String changes(Connection connection, Ledger ledger) {
        Optional<String> recorded = ledger.specText(connection, spec.name());
        if (recorded.isEmpty()) {
            return "the ledger, written by an earlier version, holds no text of the spec that ran, so what changed "
                    + "cannot be shown";
        }
        List<String> changes = SpecChanges.between(recorded.get(), spec.canonicalText());
        return changes.isEmpty() ? "the same rules, compiled differently" : String.join("; ", changes);
    }

    /**
     * When the spec changed since it last ran, re-applies it to what is loaded before the load goes on:
     * every table is caught up by comparison with what the new spec makes of the source
     * ({@link TableCatchUp#reapply}), which rewrites only the rows that differ, chunk by chunk with
     * the ledger. The new fingerprint is recorded only once every table is done, so a run that stops
     * half-way finds the old one again and resumes the catch-up passes where they stopped.
     */
    private void reapplyIfChanged(Connection connection, Ledger ledger, RunLock lock, List<TableJob> jobs,
                                  SQLDialect targetDialect) {
        createLedger(connection, ledger);
        Optional<String> recorded = ledger.fingerprint(connection, spec.name());
        if (recorded.isEmpty() || recorded.get().equals(spec.fingerprint())) {
            return;
        }
        List<String> unsupported = jobs.stream().map(TableCatchUp::unsupported).flatMap(Optional::stream).toList();
        if (!unsupported.isEmpty()) {
            throw new MigrationException("cannot re-apply the changed spec '" + spec.name() + "': "
                    + String.join("; ", unsupported) + "; run with startOver(true) instead");
        }
        List<String> tables = jobs.stream().map(j -> j.target().id().toString()).distinct().toList();
        ledger.claim(connection, spec.name(), tables);
        LOG.warn("Migration '{}': the spec changed since it last ran ({}); re-applying it to the rows already loaded",
                spec.name(), changes(connection, ledger));
        try {
            Map<String, Ledger.MappingState> states = new LinkedHashMap<>();
            for (TableJob job : jobs) {
                states.put(job.name(), ledger.state(connection, spec.name(), job.name()));
            }
            connection.commit();
            catchUp(jobs, ledger, lock, states, targetDialect, Instant.now(), System.nanoTime(),
                    eachTable((table, job) -> table.reapply()), "to re-apply the changed spec");
            ledger.recordFingerprint(connection, spec.name(), spec.fingerprint(), spec.canonicalText());
            lock.prove(connection);
            connection.commit();
        } catch (SQLException e) {
            throw new MigrationException("cannot re-apply the changed spec: " + SqlStates.reason(e), e);
        }
    }

    private void startOver(Connection connection, Ledger ledger, List<TableJob> jobs) {
        LOG.warn("Migration '{}': the spec changed and startOver is set: deleting the rows of {} target tables",
                spec.name(), jobs.size());
        TableOrder.deleteAllRows(Engines.dsl(connection), jobs.stream().map(TableJob::target).toList());
        ledger.forget(connection, spec.name());
    }

    /** The fence of the lock this run holds, as its workers prove it. */
    private RangeWorker.Fence fence(Connection tgt, Ledger ledger) throws SQLException {
        LeaseTable.Lease lease = ledger.leases().current(ledger.dsl(tgt), spec.name(), false)
                .orElseThrow(() -> new MigrationException("migration '" + spec.name() + "' holds no lease row in "
                        + ledger.leases().tableName()));
        tgt.commit();
        return new RangeWorker.Fence(spec.name(), lease.owner(), lease.token(), UUID.randomUUID().toString());
    }

    private MigrationResult execute(List<TableJob> jobs, Ledger ledger, RunLock lock,
                                    Map<String, Ledger.MappingState> states,
                                    Map<String, Long> sourceRows, WritePath path,
                                    Map<String, PassthroughCopy.Choice> paths, SQLDialect targetDialect,
                                    Instant started, long startNanos, RangeExecutor ranges,
                                    RangeWorker.Fence fence) {
        Map<String, Long> remaining = new LinkedHashMap<>();
        jobs.forEach(j -> remaining.put(j.name(), Math.max(0, sourceRows.get(j.name()) - states.get(j.name()).read())));
        List<ProgressListener> listeners = new ArrayList<>(settings.listeners());
        if (settings.logProgress()) {
            listeners.add(new LoggingProgressListener(5));
        }
        String runId = fence == null ? UUID.randomUUID().toString() : fence.runId();
        RunContext context = new RunContext(settings, source, target, ledger, lock, runId,
                targetDialect == SQLDialect.POSTGRES, remaining, listeners, sourceSnapshot);
        AtomicInteger threads = new AtomicInteger();
        // With a range executor the tables go one after the other, each spread over the executor's workers.
        ExecutorService tables = Executors.newFixedThreadPool(ranges == null ? settings.parallelism() : 1,
                r -> daemon(r, "migration-table-" + threads.incrementAndGet()));
        Map<String, CompletableFuture<TableTally>> futures = new LinkedHashMap<>();
        Map<String, IsolatingWriter> writers = new LinkedHashMap<>();
        try {
            for (TableJob job : jobs) {
                List<CompletableFuture<TableTally>> parents = parentsOf(job, jobs).stream()
                        .map(p -> futures.get(p.name())).toList();
                RowWriter rowWriter = path.writer(job.target(), job.targetColumns(), targetDialect, settings.batchSize());
                IsolatingWriter writer = new IsolatingWriter(rowWriter, job.name());
                writers.put(job.name(), writer);
                TableCopier copier = new TableCopier(context, job, writer, states.get(job.name()),
                        sourceRows.get(job.name()), paths.get(job.name()).passthrough());
                futures.put(job.name(), CompletableFuture.allOf(parents.toArray(CompletableFuture[]::new))
                        .thenApplyAsync(ignored -> copier.copy(ranges, fence), tables));
            }
            List<TableTally> tallies = new ArrayList<>();
            Throwable failure = null;
            for (TableJob job : jobs) {
                try {
                    tallies.add(futures.get(job.name()).join());
                } catch (CompletionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof TableCopier.TableFailure) {
                        tallies.add(((TableCopier.TableFailure) cause).tally);
                        failure = failure == null ? cause.getCause() : failure;
                    } else {
                        tallies.add(new TableTally(job, states.get(job.name()), sourceRows.get(job.name())));
                        if (failure == null && !(cause instanceof CompletionException)) {
                            failure = cause;
                        }
                    }
                }
            }
            ParentRetry.Outcome retried = ParentRetry.Outcome.NONE;
            if (failure == null && ledger != null) {
                try {
                    retried = new ParentRetry(context, jobs, writers).retry();
                    stillBad(retried, context);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            List<TableResult> results = new ArrayList<>();
            for (TableTally tally : tallies) {
                results.add(tally.result(retried.of(tally.mapping())));
            }
            MigrationResult result = new MigrationResult(spec.name(), spec.fingerprint(), false, started,
                    Duration.ofNanos(System.nanoTime() - startNanos), results, Optional.empty(), List.of());
            if (failure != null) {
                LOG.error("Migration '{}' failed: {}", spec.name(), failure.getMessage());
                throw new MigrationFailedException("migration '" + spec.name() + "' failed: " + failure.getMessage()
                        + " (committed chunks stay; run it again to resume)", result, failure);
            }
            LOG.info("{}", result.summary());
            return result;
        } finally {
            tables.shutdownNow();
        }
    }

    /**
     * Rows still waiting for their parent after the retry, and rows the retry found refused for
     * another reason, are bad rows: the policy decides. They stay quarantined in the ledger either
     * way; the next run retries those still waiting.
     */
    private static void stillBad(ParentRetry.Outcome retried, RunContext context) {
        List<String> bad = new ArrayList<>();
        long ofThisRun = 0;
        for (ParentRetry.Refused row : retried.refused()) {
            bad.add(row.row().mapping() + ", " + row.row().key() + ": " + row.reason());
            ofThisRun += row.row().run().equals(context.runId) ? 1 : 0;
        }
        for (Ledger.Waiting row : retried.left()) {
            bad.add(row.describe() + " (it waits for its parent; the next run retries it)");
            ofThisRun += row.run().equals(context.runId) ? 1 : 0;
        }
        if (bad.isEmpty()) {
            return;
        }
        String example = bad.get(0) + (bad.size() == 1 ? ""
                : " (and " + (bad.size() - 1) + " more rows quarantined at the end of the run)");
        context.badRows.badRow(example, "such rows stay quarantined in the ledger, the other rows are loaded");
        context.badRows.quarantined(ofThisRun, example);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** The jobs that fill the parent tables of this job's target and come before it in load order. */
    private static List<TableJob> parentsOf(TableJob job, List<TableJob> ordered) {
        List<TableJob> parents = new ArrayList<>();
        for (TableJob other : ordered) {
            if (other == job) {
                break;
            }
            boolean isParent = job.target().foreignKeys().stream()
                    .anyMatch(fk -> other.target().id().matches(fk.referencedTable())
                            || fk.referencedTable().matches(other.target().id()));
            if (isParent || other.target().id().equals(job.target().id())) {
                parents.add(other);
            }
        }
        return parents;
    }

    private static Map<String, Long> countSourceRows(Connection src, List<TableJob> jobs) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try {
            for (TableJob job : jobs) {
                counts.put(job.name(), count(src, job));
            }
        } catch (SQLException e) {
            throw new MigrationException("cannot count the source rows: " + SqlStates.reason(e), e);
        }
        return counts;
    }

    static long count(Connection connection, TableJob job) throws SQLException {
        String sql = Engines.dsl(connection).render(DSL.selectCount().from(DSL.table(job.source().qualifiedName())));
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
