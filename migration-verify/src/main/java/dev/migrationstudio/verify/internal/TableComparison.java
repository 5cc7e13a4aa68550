package dev.migrationstudio.verify.internal;

import dev.migrationstudio.verify.Discrepancy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The mutable outcome of comparing one table, filled by the comparison and read into the report. */
public final class TableComparison {
    /** What the source projection gave. */
    public final SourceTally tally = new SourceTally();
    /** Rows in the target. */
    public long targetRows;
    /** Whole-table digest of the source projection, as text, when checksums ran. */
    public Optional<String> sourceDigest = Optional.empty();
    /** Whole-table digest of the target, as text. */
    public Optional<String> targetDigest = Optional.empty();
    /** Chunks (or buckets). */
    public int chunks;
    /** Chunks whose digests differed. */
    public int chunksDiffering;
    /** Ranges re-read and split. */
    public int rangesBisected;
    /** Rows compared one by one. */
    public long rowsCompared;
    /** Whether the databases computed digests. */
    public boolean pushdown;
    /** How rows were compared. */
    public String method = "key ranges";
    /** Listed discrepancies. */
    public final List<Discrepancy> discrepancies = new ArrayList<>();
    /** Totals. */
    public long missing;
    /** Totals. */
    public long extra;
    /** Totals. */
    public long changed;
    /** Sampled rows' mismatches, when sampling ran. */
    public Optional<List<Discrepancy>> sampleMismatches = Optional.empty();
    /** Rows sampled. */
    public int sampled;
    /** Problems that prevented part of the comparison. */
    public final List<String> errors = new ArrayList<>();
}
