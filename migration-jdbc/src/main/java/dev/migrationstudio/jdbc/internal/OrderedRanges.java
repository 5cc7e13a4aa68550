package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.MigrationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table's key ranges, each of a chunk's rows, written by {@code writersPerTable} connections at
 * once and committed in key order. Each writer takes the next range, streams it into its own open
 * target transaction ({@link RangeCopy}), then waits for the ranges before it to commit before it
 * commits its own ({@link Staged}): so the ledger always holds a prefix of the table in key order and a
 * resumed run goes on from its last key, as with one writer (which runs the same loop on the caller's
 * connections). How a range is streamed (COPY passthrough or the Java path) is the caller's.
 */
final class OrderedRanges {
    private static final Logger LOG = LoggerFactory.getLogger(OrderedRanges.class);

    /** A key range of the table, and its place in the order the ranges commit in. */
    record Range(long place, List<Object> after, List<Object> until) {
    }

    /**
     * How a writer copies one key range: streamed into its open target transaction while the ranges
     * before it are still being written, then committed in its turn.
     */
    @FunctionalInterface
    interface RangeCopy {
        Staged stage(Connection source, Connection target, Range range, OrderedRanges ranges) throws SQLException;
    }

    /** A key range streamed into a writer's open target transaction, waiting for its turn to commit. */
    @FunctionalInterface
    interface Staged {
        /**
         * Commits the range in one or more ledger chunks numbered after {@link #number}, which it moves on.
         *
         * @param again whether the stream was rolled back while it waited, and is to be written again
         */
        void commit(boolean again) throws SQLException;
    }

    /**
     * Writes a range alone, in its turn, when its stream failed for another reason than a refused row (a
     * lock timeout, a deadlock between writers): in chunks numbered after {@link #number}.
     */
    @FunctionalInterface
    interface Rewrite {
        void write(Connection source, Connection target, Range range, OrderedRanges ranges) throws SQLException;
    }

    private final RunContext run;
    private final TableJob job;
    private List<Object> after;
    private long handedOut;
    private long committed;
    private RuntimeException failure;
    private boolean ended;
    /** The last ledger chunk number; only the writer whose turn it is reads or moves it. */
    long number;

    /**
     * @param number the table's last committed ledger chunk number
     * @param after  the table's last committed key; null when nothing is committed yet
     */
    OrderedRanges(RunContext run, TableJob job, long number, List<Object> after) {
        this.run = run;
        this.job = job;
        this.number = number;
        this.after = after;
    }

    /**
     * Writes every range after the last committed key, with the caller's connections and, for
     * {@code writersPerTable} above one, as many more writers as it takes, each on connections of its
     * own; returns when all are committed, or throws the first writer's failure.
     */
    void write(Connection source, Connection target, RangeCopy copy, Rewrite rewrite) throws SQLException {
        int helpers = run.settings.writersPerTable() - 1;
        if (helpers == 0) {
            writeRanges(source, target, copy, rewrite);
            return;
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(helpers, r -> {
            Thread thread = new Thread(r, "migration-writer-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<Void>> others = new ArrayList<>();
            for (int i = 0; i < helpers; i++) {
                others.add(CompletableFuture.runAsync(() -> run.withConnections(job.name(),
                        (s, t) -> writeRanges(s, t, copy, rewrite)), pool));
            }
            try {
                writeRanges(source, target, copy, rewrite);
            } finally {
                others.forEach(f -> f.exceptionally(e -> null).join());
            }
            rethrow();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One writer: stages ranges and commits them in turn. A range whose stream fails for another reason
     * than a refused row is rolled back and written again alone in its turn ({@link Rewrite}), where an
     * error that stays fails the run as it does with one writer.
     */
    private void writeRanges(Connection source, Connection target, RangeCopy copy, Rewrite rewrite)
            throws SQLException {
        try {
            Range range;
            while ((range = next(source)) != null) {
                run.stopIfAnotherTableFailed(job.name());
                long started = System.nanoTime();
                Staged staged;
                try {
                    staged = copy.stage(source, target, range, this);
                } catch (SQLException e) {
                    try {
                        target.rollback();
                    } catch (SQLException lost) {
                        e.addSuppressed(lost);
                        throw e;
                    }
                    LOG.debug("{}: writing the rows after {} failed ({}); they are written again in their turn",
                            job.name(), range.after(), SqlStates.reason(e));
                    Range failed = range;
                    staged = again -> rewrite.write(source, target, failed, this);
                }
                boolean again = awaitTurn(range.place(), System.nanoTime() - started, target);
                staged.commit(again);
                committed();
            }
        } catch (SQLException e) {
            fail(new MigrationException(job.name() + ": " + SqlStates.reason(e), e));
            throw e;
        } catch (RuntimeException e) {
            fail(e);
            throw e;
        }
    }

    /**
     * The next range, of a chunk's rows, its end found on the caller's source connection; null at the
     * end or after a failure.
     */
    private synchronized Range next(Connection source) throws SQLException {
        if (failure != null || ended) {
            return null;
        }
        Optional<List<Object>> until = job.chunkEnd(source, after, run.settings.chunkSize());
        if (until.isEmpty()) {
            ended = true;
            return null;
        }
        Range range = new Range(handedOut++, after, until.get());
        after = until.get();
        return range;
    }

    /**
     * Waits until every range before {@code place} is committed; throws when a writer failed. A writer
     * waits holding the rows it streamed, uncommitted; should a writer before it need one of them (the
     * same value of a unique column in both ranges), it would wait for this one, which waits for it,
     * and no database sees that. So a writer that sees no range commit for twice as long as its own
     * stream took (at least a second) rolls its stream back, and writes it again in its turn, where
     * such a row is refused as it is with one writer.
     *
     * @param streamed how long the writer's stream took, in nanoseconds
     * @param target   the writer's target connection, whose transaction holds the stream
     * @return whether the writer's stream was rolled back
     */
    private synchronized boolean awaitTurn(long place, long streamed, Connection target) throws SQLException {
        long patience = Math.max(TimeUnit.SECONDS.toNanos(1), 2 * streamed);
        boolean rolledBack = false;
        long seen = committed;
        long since = System.nanoTime();
        while (committed < place && failure == null) {
            long left = patience - (System.nanoTime() - since);
            if (!rolledBack && left <= 0) {
                target.rollback();
                rolledBack = true;
                LOG.debug("{}: no range committed for {} ms while range {} waited; it is written again in its turn",
                        job.name(), TimeUnit.NANOSECONDS.toMillis(patience), place);
                continue;
            }
            try {
                if (rolledBack) {
                    wait();
                } else {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(new MigrationException(job.name() + ": interrupted"));
            }
            if (committed != seen) {
                seen = committed;
                since = System.nanoTime();
            }
        }
        if (failure != null) {
            throw new MigrationException(job.name() + ": stopped because another writer of the table failed: "
                    + failure.getMessage(), failure);
        }
        return rolledBack;
    }

    private synchronized void committed() {
        committed++;
        notifyAll();
    }

    private synchronized void fail(RuntimeException e) {
        if (failure == null) {
            failure = e;
        }
        notifyAll();
    }

    /** The first writer's failure, if any: the cause the others stopped for. */
    private synchronized void rethrow() {
        if (failure != null) {
            throw failure;
        }
    }
}
