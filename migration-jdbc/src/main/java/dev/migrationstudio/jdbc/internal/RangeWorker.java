package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.jdbc.QuarantinedRow;
import dev.migrationstudio.jdbc.RowCounts;
import dev.migrationstudio.jdbc.ledger.LedgerChunk;
import dev.migrationstudio.jdbc.ledger.MappingProgress;
import dev.migrationstudio.mapping.TableMapping;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jooq.SQLDialect;

/**
 * A chunk-parallel runner's worker: copies one {@link RangePlan.Range} with the engine's own reader,
 * mapping, writers and ledger ({@link TableCopier}), in a process that holds no run lock. Its commits
 * are fenced by the lock's token, which the run that holds the lock hands out ({@link Fence}); a
 * range whose chunks are already recorded (a retried task, a resubmitted job) goes on after them, so
 * no row is loaded twice.
 */
public final class RangeWorker {
    // The tables a worker process resolved for the current run, by mapping: a table has as many ranges
    // as it has chunks, and reading both catalogs for each would cost more than copying a small range.
    private static final Map<String, Resolved> RESOLVED = new ConcurrentHashMap<>();

    private RangeWorker() {
    }

    /** A mapping resolved against both databases, as every range of it in one run sees them. */
    private record Resolved(String run, TableJob job, Ledger ledger, WritePath path, SQLDialect targetDialect) {
    }

    private static Resolved resolve(MigrationSettings settings, TableMapping mapping, Connection src, Connection tgt,
                                    String run) {
        Resolved resolved = RESOLVED.get(mapping.describe());
        if (resolved != null && resolved.run().equals(run)) {
            return resolved;
        }
        SQLDialect sourceDialect = Engines.dialectOf(src);
        SQLDialect targetDialect = Engines.dialectOf(tgt);
        resolved = new Resolved(run, new TableJob(mapping, TableShape.require(src, mapping.source(), "source"),
                TableShape.require(tgt, mapping.target(), "target"), sourceDialect),
                new Ledger(settings.ledgerSchema(), settings.ledgerPrefix(), targetDialect),
                WritePath.of(tgt, targetDialect, settings), targetDialect);
        RESOLVED.put(mapping.describe(), resolved);
        return resolved;
    }

    /**
     * The run lock's fence, as a worker proves it: the lease row's owner and token.
     *
     * @param migration the migration's name
     * @param owner the lease row's owner
     * @param token the token the run took the lock with
     * @param runId the run's id, recorded with every chunk
     */
    public record Fence(String migration, String owner, long token, String runId) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Checks the parts. */
        public Fence {
            Objects.requireNonNull(migration, "migration");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(runId, "runId");
        }
    }

    /**
     * A quarantined row as it travels back from a worker.
     *
     * @param text the texts of a {@link QuarantinedRow}, in its order: mapping, key, column, rule, reason, cause
     * @param chunk the ledger chunk that quarantined it
     * @param values the row's values as text, by column
     */
    public record Sample(String[] text, long chunk, LinkedHashMap<String, String> values) implements Serializable {
        private static final long serialVersionUID = 1L;

        static Sample of(QuarantinedRow q) {
            return new Sample(new String[] {q.mapping(), q.key(), q.column(), q.rule(), q.reason(),
                q.cause().name()}, q.chunk(),
                    new LinkedHashMap<>(q.values()));
        }

        QuarantinedRow row() {
            return new QuarantinedRow(text[0], chunk, text[1], values, text[2], text[3], text[4],
                    dev.migrationstudio.mapping.RowResult.Cause.valueOf(text[5]));
        }
    }

    /**
     * What a worker did to its range.
     *
     * @param mapping the table mapping
     * @param read rows read
     * @param loaded rows loaded
     * @param filtered rows filtered, by rule
     * @param quarantined rows quarantined (waiting for a parent included)
     * @param badRows of those, the bad rows (which count against the bad-row limit)
     * @param chunks ledger chunks committed
     * @param samples the first quarantined rows
     * @param nanos how long the range took
     */
    public record Outcome(String mapping, long read, long loaded, HashMap<String, Long> filtered, long quarantined,
                          long badRows, long chunks, ArrayList<Sample> samples, long nanos) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The row counts. */
        public RowCounts counts() {
            return new RowCounts(read, loaded, filtered, quarantined);
        }
    }

    /**
     * Copies a range: resolves its mapping against both databases, checks what the ledger already
     * holds of the range, and copies the rest.
     *
     * @throws MigrationException when the copy fails (the open chunk is rolled back; committed ones stay)
     */
    public static Outcome copy(MigrationSettings settings, DataSource source, DataSource target, RangePlan.Range range,
                               Fence fence) {
        long started = System.nanoTime();
        TableMapping mapping = settings.spec().tables().stream().filter(m -> m.describe().equals(range.mapping()))
                .findFirst().orElseThrow(() -> new MigrationException("spec '" + settings.migration()
                        + "' has no table mapping " + range.mapping()));
        TableJob job;
        Ledger ledger;
        WritePath path;
        SQLDialect targetDialect;
        List<Object> after = range.after();
        long number = range.start() - 1;
        boolean opens = range.opens();
        // The range's numbers are new to this run: chunks found there were committed by an earlier attempt.
        RowCounts earlier = RowCounts.zero();
        long earlierChunks = 0;
        try (Connection src = source.getConnection(); Connection tgt = target.getConnection()) {
            Resolved resolved = resolve(settings, mapping, src, tgt, fence.runId());
            job = resolved.job();
            ledger = resolved.ledger();
            path = resolved.path();
            targetDialect = resolved.targetDialect();
            // A retried task or a resubmitted job: go on after what the range already committed.
            MappingProgress progress = ledger.progress(tgt, settings.migration(), range.mapping());
            for (LedgerChunk chunk : progress.chunks()) {
                if (chunk.number() >= range.start() && chunk.number() < range.limit()) {
                    after = chunk.lastKey().orElse(null);
                    number = chunk.number();
                    opens = false;
                    earlier = earlier.plus(chunk.counts());
                    earlierChunks += chunk.counts().read() > 0 || chunk.number() != range.start() ? 1 : 0;
                }
            }
        } catch (SQLException e) {
            throw new MigrationException(range.describe() + ": " + SqlStates.reason(e), e);
        }
        if (range.upto() != null && range.upto().equals(after)) {
            return new Outcome(range.mapping(), earlier.read(), earlier.loaded(),
                    new HashMap<>(earlier.filteredByRule()), earlier.quarantined(), 0, earlierChunks, new ArrayList<>(),
                    System.nanoTime() - started);
        }
        RunLock lock = new RunFence(ledger, fence.migration(), fence.owner(), fence.token());
        RunContext context = new RunContext(settings, source, target, ledger, lock, fence.runId(),
                targetDialect == SQLDialect.POSTGRES, Map.of(), List.of(), null);
        IsolatingWriter writer = new IsolatingWriter(path.writer(job.target(), job.targetColumns(), targetDialect,
                settings.batchSize()), job.name());
        TableTally tally = new TableCopier(context, job, writer, Ledger.MappingState.empty(), 0, java.util.Optional.empty())
                .copyRange(after, range.upto(), number, opens);
        RowCounts counts = tally.thisRun().plus(earlier);
        ArrayList<Sample> samples = new ArrayList<>();
        tally.samples().forEach(row -> samples.add(Sample.of(row)));
        return new Outcome(range.mapping(), counts.read(), counts.loaded(), new HashMap<>(counts.filteredByRule()),
                counts.quarantined(), tally.thisRun().quarantined() - tally.waiting(),
                tally.chunksDone() + earlierChunks, samples, System.nanoTime() - started);
    }
}
