package dev.migrationstudio.verify.internal;

import dev.migrationstudio.mapping.RowResult;
import dev.migrationstudio.verify.RowReconciliation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What became of the source rows read: loaded, filtered by which rule, rejected with which reason,
 * or quarantined by the loader. Filled by one read at a time; {@link #counts()} is what it found.
 */
final class SourceTally {
    private static final int EXAMPLES = 10;

    private long rows;
    private long loaded;
    private long rejected;
    private long quarantinedByLoader;
    private final Map<String, Long> filtered = new LinkedHashMap<>();
    private final List<String> quarantineExamples = new ArrayList<>();

    /** Counts one row's outcome; {@code sourceKey} is called only for rejected rows. */
    void count(RowResult result, java.util.function.Supplier<String> sourceKey) {
        rows++;
        if (result instanceof RowResult.Loaded) {
            loaded++;
        } else if (result instanceof RowResult.Filtered) {
            filtered.merge(((RowResult.Filtered) result).filter(), 1L, Long::sum);
        } else {
            rejected++;
            if (quarantineExamples.size() < EXAMPLES) {
                RowResult.Rejected why = (RowResult.Rejected) result;
                // A rule whose code threw is a bug in the spec, not a row to repair: the report says which.
                quarantineExamples.add(sourceKey.get() + ": " + why.describe() + (why.ruleFailed() ? " [rule failed]" : ""));
            }
        }
    }

    /** Counts one loaded row. */
    void countLoaded() {
        rows++;
        loaded++;
    }

    /** Counts one row the mapping loads but the loader quarantined; {@code example} says which and why. */
    void countQuarantinedByLoader(String example) {
        rows++;
        quarantinedByLoader++;
        if (quarantineExamples.size() < EXAMPLES) {
            quarantineExamples.add(example);
        }
    }

    /** Counts rows loaded and rows rejected for a NULL key, when the databases counted them. */
    void countInBulk(long loadedRows, long nullKeyRows, String nullKeyExample) {
        rows += loadedRows + nullKeyRows;
        loaded += loadedRows;
        rejected += nullKeyRows;
        if (nullKeyRows > 0 && quarantineExamples.size() < EXAMPLES) {
            quarantineExamples.add(nullKeyExample);
        }
    }

    /** Adds what another tally counted. */
    void add(Counts other) {
        rows += other.rows();
        loaded += other.loaded();
        rejected += other.rejected();
        quarantinedByLoader += other.quarantinedByLoader();
        other.filtered().forEach((k, v) -> filtered.merge(k, v, Long::sum));
        for (String example : other.quarantineExamples()) {
            if (quarantineExamples.size() < EXAMPLES) {
                quarantineExamples.add(example);
            }
        }
    }

    /** Adds another tally. */
    void add(SourceTally other) {
        add(other.counts());
    }

    /**
     * What a tally found, as a value.
     *
     * @param rows source rows read
     * @param loaded rows the mapping loads
     * @param filtered filtered rows by filter name
     * @param rejected rows the mapping rejects
     * @param quarantinedByLoader rows the mapping loads but the loader quarantined
     * @param quarantineExamples the first rejected or loader-quarantined rows: key and reason
     */
    record Counts(long rows, long loaded, Map<String, Long> filtered, long rejected, long quarantinedByLoader,
                  List<String> quarantineExamples) {
        Counts {
            filtered = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(filtered));
            quarantineExamples = List.copyOf(quarantineExamples);
        }

        /** These source rows against the rows found in the target. */
        RowReconciliation reconcile(long targetRows) {
            return new RowReconciliation(rows, loaded, filtered, rejected, quarantinedByLoader, quarantineExamples,
                    targetRows);
        }
    }

    /** What was counted so far. */
    Counts counts() {
        return new Counts(rows, loaded, filtered, rejected, quarantinedByLoader, quarantineExamples);
    }
}
