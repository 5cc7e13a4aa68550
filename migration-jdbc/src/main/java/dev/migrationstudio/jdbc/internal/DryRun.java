package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.jdbc.DryRunPlan;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.jdbc.TableResult;
import dev.migrationstudio.jdbc.source.SourceCursor;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.RowResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.SQLDialect;

/**
 * Plans a run without writing to the target: it reads the ledger if one exists (to show what a real
 * run would skip), counts and samples the source, and renders the exact statements a real run would
 * execute. The target sees only reads.
 */
final class DryRun {
    private static final int SAMPLE_ROWS = 1_000;
    private static final int SHOWN_ROWS = 5;

    private final MigrationSettings settings;
    private final Ledger ledger;
    private final List<TableJob> jobs;
    private final WritePath path;
    private final Map<String, PassthroughCopy.Choice> paths;
    private final SQLDialect targetDialect;

    DryRun(MigrationSettings settings, Ledger ledger, List<TableJob> jobs, WritePath path,
           Map<String, PassthroughCopy.Choice> paths, SQLDialect targetDialect) {
        this.settings = settings;
        this.ledger = ledger;
        this.jobs = jobs;
        this.path = path;
        this.paths = paths;
        this.targetDialect = targetDialect;
    }

    /** Plans the run through the given connections; the target only sees reads. */
    MigrationResult plan(Connection src, Connection tgt, Instant started) {
        long startNanos = System.nanoTime();
        List<DryRunPlan.TablePlan> plans = new ArrayList<>();
        List<TableResult> results = new ArrayList<>();
        double estimatedSeconds = 0;
        boolean estimable = true;
        try {
            boolean hasLedger = settings.resumable() && ledger.exists(tgt);
            String ledgerSql = ledger.chunkInsertSql();
            int position = 0;
            for (TableJob job : jobs) {
                Ledger.MappingState state = hasLedger ? ledger.state(tgt, settings.migration(), job.name())
                        : Ledger.MappingState.empty();
                long rows = MigrationRun.count(src, job);
                Sample sample = sample(src, job, state);
                long remaining = Math.max(0, rows - state.read());
                long chunks = job.keyWidth() == 0 ? (state.complete() ? 0 : 1)
                        : (remaining + settings.chunkSize() - 1) / settings.chunkSize();
                if (sample.rowsPerSecond.isPresent()) {
                    estimatedSeconds += remaining / sample.rowsPerSecond.get();
                } else if (remaining > 0) {
                    estimable = false;
                }
                TableTally tally = new TableTally(job, state, rows);
                List<String> warnings = new ArrayList<>();
                if (job.keyWidth() == 0) {
                    warnings.add("no key (" + job.mapping().withoutKeyReason().orElse("") + "): the table is reloaded "
                            + "whole in one transaction");
                }
                String readSql = job.keyWidth() == 0 ? job.wholeTableSql() : job.scanAfterSql();
                String writeSql = path.writer(job.target(), job.targetColumns(), targetDialect, settings.batchSize()).sql();
                plans.add(new DryRunPlan.TablePlan(++position, job.name(), rows, chunks, state.chunks(), readSql,
                        writeSql, ledgerSql, writePath(src, job, state), sample.shown, sample.rowsPerSecond, warnings));
                warnings.forEach(tally::warn);
                tally.end(TableResult.Status.PLANNED, Duration.ZERO);
                results.add(tally.result(TableTally.Retried.NONE));
            }
        } catch (SQLException e) {
            throw new MigrationException("dry run failed: " + SqlStates.reason(e), e);
        }
        String lock = AdvisoryLock.Kind.of(targetDialect)
                .map(kind -> kind.describe(AdvisoryLock.keyOf(settings.migration())) + " on the target, with a fencing "
                        + "token in " + ledger.locks())
                .orElse("lease row in " + ledger.locks() + " with a heartbeat");
        DryRunPlan plan = new DryRunPlan(plans, ledger.tableNames(), lock,
                estimable ? Optional.of(Duration.ofMillis((long) (estimatedSeconds * 1000))) : Optional.empty());
        return new MigrationResult(settings.migration(), settings.spec().fingerprint(), true, started,
                Duration.ofNanos(System.nanoTime() - startNanos), results, Optional.of(plan),
                List.of("dry run: nothing was written; estimates come from reading a sample and exclude write time"));
    }

    /** The path a real run would take for the table and why, the passthrough's canary run (reads only). */
    private String writePath(Connection src, TableJob job, Ledger.MappingState state) throws SQLException {
        PassthroughCopy.Choice choice = paths.get(job.name());
        if (choice.passthrough().isEmpty()) {
            return choice.why();
        }
        PassthroughCopy copy = choice.passthrough().get();
        Optional<String> differs = copy.canary(src, state.lastKey().orElse(null));
        return differs.map(d -> "Java path: the passthrough canary differs: " + d)
                .orElseGet(() -> choice.why().replace(", once the canary agrees", "; the canary agrees") + ": "
                        + copy.describe());
    }

    private record Sample(List<String> shown, Optional<Double> rowsPerSecond) {
    }

    /** Reads up to 1,000 rows where a real run would start, maps them, and times the read. */
    private Sample sample(Connection src, TableJob job, Ledger.MappingState state) throws SQLException {
        if (job.keyWidth() == 0 && state.complete()) {
            return new Sample(List.of(), Optional.empty());
        }
        List<String> shown = new ArrayList<>();
        long start = System.nanoTime();
        long read;
        try (SourceCursor rows = job.scan(src, state.lastKey().orElse(null), SAMPLE_ROWS, SAMPLE_ROWS)) {
            for (Row row = job.next(rows); row != null && shown.size() < SHOWN_ROWS; row = job.next(rows)) {
                shown.add(row + " => " + describe(job.mapping().apply(row)));
            }
            while (rows.next() != null) {
                // The rest of the sample is read to time the read, not shown.
            }
            read = rows.rowsRead();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Sample(shown, read == 0 || seconds <= 0 ? Optional.empty() : Optional.of(read / seconds));
    }

    private static String describe(RowResult result) {
        if (result instanceof RowResult.Loaded) {
            return "load " + ((RowResult.Loaded) result).row();
        }
        if (result instanceof RowResult.Filtered) {
            return "filtered by '" + ((RowResult.Filtered) result).filter() + "'";
        }
        return "quarantine: " + ((RowResult.Rejected) result).describe();
    }
}
