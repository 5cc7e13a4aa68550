package dev.migrationstudio.verify.internal;

import dev.migrationstudio.MigrationException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * The reads of one table that every check makes: source rows projected through the mapping (the
 * rows it loads), target rows as they are, the target's row count, and reads run in parallel on
 * the run's workers. What the rows are then used for (digests, buckets, leaves) is the caller's.
 */
final class TableReader {
    private final Settings settings;
    private final TablePlan plan;
    private final Side source;
    private final Side target;
    private final ExecutorService pool;
    private final Optional<RemoteDigests.Executor> remote;

    TableReader(Settings settings, TablePlan plan, Side source, Side target, ExecutorService pool) {
        this(settings, plan, source, target, pool, Optional.empty());
    }

    /** A reader whose digest pass is computed by {@code remote}'s workers, when there is one. */
    TableReader(Settings settings, TablePlan plan, Side source, Side target, ExecutorService pool,
                Optional<RemoteDigests.Executor> remote) {
        this.settings = settings;
        this.plan = plan;
        this.source = source;
        this.target = target;
        this.pool = pool;
        this.remote = remote;
    }

    /** Where the digest pass is computed, when not in this process. */
    Optional<RemoteDigests.Executor> remote() {
        return remote;
    }

    Settings settings() {
        return settings;
    }

    TablePlan plan() {
        return plan;
    }

    Side source() {
        return source;
    }

    Side target() {
        return target;
    }

    /**
     * Streams the source rows matching {@code where} through the mapping and hands each row it
     * loads, as a target row, to {@code loaded}; counts every row's outcome in {@code tally} when one
     * is given. {@code pass} matches the copies of quarantined rows of a table without a key.
     */
    void readSource(Condition where, SourceTally tally, TablePlan.LoaderPass pass, Sql.RowHandler loaded)
            throws SQLException {
        Sql.stream(source, plan.selectSource(where), values -> {
            Object[] row = plan.loadedRow(values, tally, pass);
            if (row != null) {
                loaded.row(row);
            }
        });
    }

    /** Streams the target rows matching {@code where}, in the mapping's column order. */
    void readTarget(Condition where, Sql.RowHandler rows) throws SQLException {
        Sql.stream(target, plan.selectTarget(where), rows);
    }

    /** The rows in the target table. */
    long countTarget() throws SQLException {
        return ((Number) Sql.fetch(target, DSL.selectCount().from(plan.targetRef())).get(0)[0]).longValue();
    }

    /** Runs the tasks on the workers and returns their results in order; reports progress of the phase. */
    <T> List<T> inParallel(List<Callable<T>> tasks, String phase) throws SQLException {
        return run(tasks, phase);
    }

    /** Runs the tasks on the workers and returns their results in order, without reporting progress. */
    <T> List<T> inParallel(List<Callable<T>> tasks) throws SQLException {
        return run(tasks, null);
    }

    private <T> List<T> run(List<Callable<T>> tasks, String phase) throws SQLException {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(task));
        }
        List<T> results = new ArrayList<>();
        int done = 0;
        try {
            for (Future<T> future : futures) {
                results.add(future.get());
                if (phase != null) {
                    settings.listener().progress(plan.mapping().target(), phase, ++done, futures.size());
                }
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new MigrationException("verification of " + plan.describe() + " was interrupted", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof SQLException) {
                throw (SQLException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new MigrationException("verification of " + plan.describe() + " failed: " + cause, cause);
        }
        return results;
    }
}
