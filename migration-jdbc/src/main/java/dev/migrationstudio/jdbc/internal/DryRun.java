package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.jdbc.DryRunPlan;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.jdbc.RowCounts;
import dev.migrationstudio.jdbc.TableResult;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.RowResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    private final JdbcMigrator.Configuration config;
    private final Ledger ledger;
    private final List<TableJob> jobs;
    private final boolean copy;
    private final SQLDialect targetDialect;

    DryRun(JdbcMigrator.Configuration config, Ledger ledger, List<TableJob> jobs, boolean copy, SQLDialect targetDialect) {
        this.config = config;
        this.ledger = ledger;
        this.jobs = jobs;
        this.copy = copy;
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
            boolean hasLedger = config.isResumable() && ledger.exists(tgt);
            String ledgerSql = ledger.chunkInsertSql();
            int position = 0;
            for (TableJob job : jobs) {
                Ledger.MappingState state = hasLedger ? ledger.state(tgt, config.spec().name(), job.name())
                        : Ledger.MappingState.empty();
                long rows = MigrationRun.count(src, job);
                Sample sample = sample(src, job, state);
                long remaining = Math.max(0, rows - state.read());
                long chunks = job.keyWidth() == 0 ? (state.complete() ? 0 : 1)
                        : (remaining + config.chunkSize() - 1) / config.chunkSize();
                if (sample.rowsPerSecond.isPresent()) {
                    estimatedSeconds += remaining / sample.rowsPerSecond.get();
                } else if (remaining > 0) {
                    estimable = false;
                }
                List<String> warnings = new ArrayList<>();
                if (job.keyWidth() == 0) {
                    warnings.add("no key (" + job.mapping().withoutKeyReason().orElse("") + "): the table is reloaded "
                            + "whole in one transaction");
                }
                String readSql = job.keyWidth() == 0 ? job.wholeTableSql() : job.scanAfterSql();
                String writeSql = copy ? new CopyWriter(job.target(), job.targetColumns()).sql()
                        : new InsertWriter(job.target(), job.targetColumns(), targetDialect, config.batchSize()).sql();
                plans.add(new DryRunPlan.TablePlan(++position, job.name(), rows, chunks, state.chunks(), readSql,
                        writeSql, ledgerSql, sample.shown, sample.rowsPerSecond, warnings));
                RowCounts total = new RowCounts(state.read(), state.loaded(), state.filteredBy(), state.quarantined());
                results.add(new TableResult(job.name(), job.mapping().source(), job.mapping().target(),
                        TableResult.Status.PLANNED, rows, RowCounts.zero(), total, 0, state.chunks(), Duration.ZERO,
                        List.of(), warnings));
            }
        } catch (SQLException e) {
            throw new MigrationException("dry run failed: " + SqlStates.reason(e), e);
        }
        String lock = targetDialect == SQLDialect.POSTGRES ? "PostgreSQL advisory lock on the target"
                : "lease row in " + ledger.locks() + " with a heartbeat";
        DryRunPlan plan = new DryRunPlan(plans, ledger.tableNames(), lock,
                estimable ? Optional.of(Duration.ofMillis((long) (estimatedSeconds * 1000))) : Optional.empty());
        return new MigrationResult(config.spec().name(), config.spec().fingerprint(), true, started,
                Duration.ofNanos(System.nanoTime() - startNanos), results, Optional.of(plan),
                List.of("dry run: nothing was written; estimates come from reading a sample and exclude write time"));
    }

    private record Sample(List<String> shown, Optional<Double> rowsPerSecond) {
    }

    /** Reads up to 1,000 rows where a real run would start, maps them, and times the read. */
    private Sample sample(Connection src, TableJob job, Ledger.MappingState state) throws SQLException {
        if (job.keyWidth() == 0 && state.complete()) {
            return new Sample(List.of(), Optional.empty());
        }
        boolean resume = job.keyWidth() > 0 && state.lastKey().isPresent();
        String sql = job.keyWidth() == 0 ? job.wholeTableSql() : resume ? job.scanAfterSql() : job.scanSql();
        List<String> shown = new ArrayList<>();
        long start = System.nanoTime();
        int read = 0;
        try (PreparedStatement query = src.prepareStatement(sql)) {
            query.setMaxRows(SAMPLE_ROWS);
            if (resume) {
                List<Object> after = state.lastKey().get();
                for (int i = 0; i < after.size(); i++) {
                    query.setObject(i + 1, after.get(i));
                }
            }
            try (ResultSet rs = query.executeQuery()) {
                int[] types = JdbcValues.types(rs.getMetaData());
                while (rs.next() && read < SAMPLE_ROWS) {
                    Object[] values = new Object[types.length];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = JdbcValues.read(rs, i + 1, types[i]);
                    }
                    Row row = job.sourceLayout().adopt(values);
                    if (shown.size() < SHOWN_ROWS) {
                        shown.add(row + " => " + describe(job.mapping().apply(row)));
                    }
                    read++;
                }
            }
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
