package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.jdbc.ChangeLag;
import dev.migrationstudio.jdbc.ChangeSink;
import dev.migrationstudio.jdbc.ProgressListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a change feed's batches through the table catch-ups of a run: each batch's keys go to
 * every mapping that reads the batch's table (parents first), and the feed's position is written
 * into the ledger in the transaction that commits the batch's changes.
 */
final class FeedSink implements ChangeSink {
    private static final Logger LOG = LoggerFactory.getLogger(FeedSink.class);

    private final RunContext run;
    private final String feed;
    private final Map<TableJob, TableCatchUp> tables;
    private final Optional<String> startPosition;
    /** A dry run's keys per source table, compared once at the end: what applying would change now. */
    private final Map<TableId, LinkedHashSet<List<Object>>> planned = new java.util.LinkedHashMap<>();
    private long applied;

    FeedSink(RunContext run, String feed, Map<TableJob, TableCatchUp> tables) {
        this.run = run;
        this.feed = feed;
        this.tables = tables;
        this.startPosition = recordedPosition();
    }

    private Optional<String> recordedPosition() {
        if (run.ledger == null) {
            return Optional.empty();
        }
        try (Connection target = run.target.getConnection()) {
            return run.ledger.exists(target) ? run.ledger.feeds().position(target, run.migration(), feed)
                    : Optional.empty();
        } catch (SQLException e) {
            throw new MigrationException("cannot read the ledger's position of change feed " + feed + ": "
                    + SqlStates.reason(e), e);
        }
    }

    /** Changes applied so far. */
    long applied() {
        return applied;
    }

    /**
     * Ends a drain: a dry run compares the rows its batches named; a real one tries again the rows
     * that wait for a parent row (a batch may have brought the parent, while the waiting row itself
     * did not change, so no batch names it).
     */
    void finish() {
        if (dryRun()) {
            planned.forEach((table, keys) -> jobsReading(table).forEach(job ->
                    tables.get(job).applyKeys(List.copyOf(keys), target -> { })));
            return;
        }
        if (run.ledger == null) {
            return;
        }
        List<Ledger.Waiting> waiting;
        try (Connection target = run.target.getConnection()) {
            waiting = run.ledger.exists(target) ? run.ledger.waitingForParent(target, run.migration()) : List.of();
        } catch (SQLException e) {
            throw new MigrationException("cannot read the rows that wait for a parent row: " + SqlStates.reason(e), e);
        }
        tables.forEach((job, table) -> {
            List<List<Object>> keys = waiting.stream()
                    .filter(w -> w.mapping().equals(job.name()) && w.sourceKey() != null)
                    .map(Ledger.Waiting::sourceKey).toList();
            if (!keys.isEmpty()) {
                LOG.info("{}: trying again {} rows that wait for a parent row", job.name(), keys.size());
                table.applyKeys(keys, target -> { });
            }
        });
    }

    @Override
    public List<TableId> sourceTables() {
        return tables.keySet().stream().map(job -> job.source().id()).distinct().toList();
    }

    @Override
    public List<String> keyColumns(TableId sourceTable) {
        return jobsReading(sourceTable).stream().findFirst()
                .map(job -> job.selectColumns().subList(0, job.keyWidth()))
                .orElseThrow(() -> new IllegalArgumentException("the spec reads no source table " + sourceTable
                        + " (it reads " + sourceTables() + ")"));
    }

    @Override
    public boolean dryRun() {
        return run.settings.dryRun();
    }

    @Override
    public Optional<String> lastPosition() {
        return startPosition;
    }

    @Override
    public void apply(TableId sourceTable, List<List<Object>> keys, String position, Instant committedAt) {
        List<TableJob> jobs = jobsReading(sourceTable);
        if (jobs.isEmpty()) {
            LOG.debug("change feed {}: {} changes to {}, which the spec does not read", feed, keys.size(), sourceTable);
            return;
        }
        applied += keys.size();
        if (dryRun()) {
            // Nothing is written, so a row named by two batches would be counted twice: keys are
            // gathered and compared once, when the feed is drained.
            planned.computeIfAbsent(sourceTable, t -> new LinkedHashSet<>()).addAll(keys);
            return;
        }
        List<List<Object>> distinct = List.copyOf(new LinkedHashSet<>(keys));
        long[] changes = {keys.size()};
        for (TableJob job : jobs) {
            tables.get(job).applyKeys(distinct, target -> {
                if (run.ledger != null) {
                    run.ledger.feeds().record(target, run.migration(), feed, position, changes[0], run.runId);
                    changes[0] = 0;
                }
            });
        }
        LOG.debug("change feed {}: {} changes to {} applied, at {}", feed, keys.size(), sourceTable, position);
    }

    @Override
    public void lag(ChangeLag lag) {
        for (ProgressListener listener : run.listeners()) {
            listener.onChangeLag(lag);
        }
    }

    private List<TableJob> jobsReading(TableId sourceTable) {
        List<TableJob> jobs = new ArrayList<>();
        for (TableJob job : tables.keySet()) {
            TableId id = job.source().id();
            if (id.name().equalsIgnoreCase(sourceTable.name())
                    && (sourceTable.schema().isEmpty() || id.schema().equalsIgnoreCase(sourceTable.schema()))) {
                jobs.add(job);
            }
        }
        return jobs;
    }
}
