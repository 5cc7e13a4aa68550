package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.jdbc.QuarantinedRow;
import dev.migrationstudio.jdbc.RowCounts;
import dev.migrationstudio.jdbc.TableResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts what a run does to one table mapping, chunk by chunk, and turns it into the table's
 * {@link TableResult} once, at the end of the run, after the parent-row retry: the one place where a
 * table's result is assembled (copied, failed, not started or planned alike). One thread writes it
 * at a time.
 */
final class TableTally {
    private static final int SAMPLES = 100;

    private final TableJob job;
    private final Ledger.MappingState before;
    private final long sourceRows;
    private final List<QuarantinedRow> samples = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private RowCounts thisRun = RowCounts.zero();
    private long chunksDone;
    private long waiting;
    private TableResult.Status status = TableResult.Status.NOT_STARTED;
    private Duration duration = Duration.ZERO;

    /**
     * Starts a table's tally.
     *
     * @param before what earlier runs recorded in the ledger
     * @param sourceRows the source table's rows when the run started
     */
    TableTally(TableJob job, Ledger.MappingState before, long sourceRows) {
        this.job = job;
        this.before = before;
        this.sourceRows = sourceRows;
    }

    /**
     * What the parent-row retry did to a table's rows that waited for their parent.
     *
     * @param loaded rows it loaded
     * @param loadedOfThisRun of those, the rows this run had quarantined
     * @param loadedRows the ledger places of the rows it loaded
     * @param refused the ledger places of the rows it found refused for another reason, with that reason
     */
    record Retried(long loaded, long loadedOfThisRun, Set<QuarantinePlace> loadedRows,
                   Map<QuarantinePlace, String> refused) {
        /** Nothing retried. */
        static final Retried NONE = new Retried(0, 0, Set.of(), Map.of());

        Retried {
            loadedRows = Set.copyOf(loadedRows);
            refused = Map.copyOf(refused);
        }
    }

    /** Where a quarantined row is in the ledger: the chunk that quarantined it and its key. */
    record QuarantinePlace(long chunk, String key) {
        static QuarantinePlace of(QuarantinedRow row) {
            return new QuarantinePlace(row.chunk(), row.key());
        }
    }

    /** The mapping's name. */
    String mapping() {
        return job.name();
    }

    /** What the ledger holds for the table, this run included. */
    RowCounts total() {
        return new RowCounts(before.read(), before.loaded(), before.filteredBy(), before.quarantined()).plus(thisRun);
    }

    /** Chunks committed by this run. */
    long chunksDone() {
        return chunksDone;
    }

    /** Adds a warning for people. */
    void warn(String warning) {
        warnings.add(warning);
    }

    /** Counts a committed chunk (or piece of one) and keeps the first quarantined rows as samples. */
    void chunk(long read, long loaded, Map<String, Long> filtered, List<Rejection> bad) {
        thisRun = thisRun.plus(new RowCounts(read, loaded, filtered, bad.size()));
        chunksDone++;
        waiting += bad.stream().filter(Rejection::waitsForParent).count();
        for (Rejection rejection : bad) {
            if (samples.size() < SAMPLES) {
                samples.add(rejection.row());
            }
        }
    }

    /** What this run counted, without the ledger's earlier counts. */
    RowCounts thisRun() {
        return thisRun;
    }

    /** Rows this run quarantined to wait for their parent row. */
    long waiting() {
        return waiting;
    }

    /** The first quarantined rows, kept as samples. */
    List<QuarantinedRow> samples() {
        return List.copyOf(samples);
    }

    /** Counts chunks committed elsewhere (by a chunk-parallel runner's worker), with their samples. */
    void add(RowCounts counts, long chunks, List<QuarantinedRow> quarantined) {
        thisRun = thisRun.plus(counts);
        chunksDone += chunks;
        for (QuarantinedRow row : quarantined) {
            if (samples.size() < SAMPLES) {
                samples.add(row);
            }
        }
    }

    /** Records how the table ended, and the time it took. */
    void end(TableResult.Status how, Duration took) {
        this.status = how;
        this.duration = took;
    }

    /**
     * The table's result, with what the parent-row retry did: the rows it loaded count as loaded
     * instead of quarantined (and leave the samples), those it refused keep its reason.
     */
    TableResult result(Retried retried) {
        List<String> allWarnings = new ArrayList<>(warnings);
        RowCounts total = total();
        if (status == TableResult.Status.COMPLETED && job.keyWidth() > 0 && total.read() != sourceRows) {
            allWarnings.add(String.format("the ledger accounts for %,d source rows over all runs but the source table "
                    + "had %,d at the start of this run: the source changed between runs, or rows were added "
                    + "below the last migrated key; verify the table", total.read(), sourceRows));
        }
        if (retried.loaded() > 0) {
            long earlier = retried.loaded() - retried.loadedOfThisRun();
            allWarnings.add(String.format("%,d rows refused for a missing parent row were loaded at the end of the "
                    + "run, once their parents were in%s", retried.loaded(),
                    earlier == 0 ? "" : String.format(" (%,d of them quarantined by an earlier run)", earlier)));
        }
        List<QuarantinedRow> quarantined = new ArrayList<>();
        for (QuarantinedRow row : samples) {
            QuarantinePlace place = QuarantinePlace.of(row);
            String refusedWhy = retried.refused().get(place);
            if (refusedWhy != null) {
                quarantined.add(new QuarantinedRow(row.mapping(), row.chunk(), row.key(), row.values(), row.column(),
                        ParentRetry.BAD_ROW_RULE, refusedWhy));
            } else if (!retried.loadedRows().contains(place)) {
                quarantined.add(row);
            }
        }
        return new TableResult(job.name(), job.mapping().source(), job.mapping().target(), status, sourceRows,
                loadedInstead(thisRun, retried.loadedOfThisRun()), loadedInstead(total, retried.loaded()),
                chunksDone, before.chunks(), duration, quarantined, allWarnings);
    }

    private static RowCounts loadedInstead(RowCounts counts, long rows) {
        return new RowCounts(counts.read(), counts.loaded() + rows, counts.filteredByRule(),
                counts.quarantined() - rows);
    }
}
