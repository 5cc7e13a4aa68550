package dev.migrationstudio.verify.internal;

import dev.migrationstudio.mapping.RowResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What became of the source rows read: loaded, filtered by which rule, rejected with which reason,
 * or quarantined by the loader.
 */
public final class SourceTally {
    private static final int EXAMPLES = 10;

    private long rows;
    private long loaded;
    private long rejected;
    private long quarantinedByLoader;
    private final Map<String, Long> filtered = new LinkedHashMap<>();
    private final List<String> quarantineExamples = new ArrayList<>();

    /** Counts one row's outcome; {@code sourceKey} is called only for rejected rows. */
    public void count(RowResult result, java.util.function.Supplier<String> sourceKey) {
        rows++;
        if (result instanceof RowResult.Loaded) {
            loaded++;
        } else if (result instanceof RowResult.Filtered) {
            filtered.merge(((RowResult.Filtered) result).filter(), 1L, Long::sum);
        } else {
            rejected++;
            if (quarantineExamples.size() < EXAMPLES) {
                quarantineExamples.add(sourceKey.get() + ": " + ((RowResult.Rejected) result).describe());
            }
        }
    }

    /** Counts one loaded row. */
    public void countLoaded() {
        rows++;
        loaded++;
    }

    /** Counts one row the mapping loads but the loader quarantined; {@code example} says which and why. */
    public void countQuarantinedByLoader(String example) {
        rows++;
        quarantinedByLoader++;
        if (quarantineExamples.size() < EXAMPLES) {
            quarantineExamples.add(example);
        }
    }

    /** Counts rows loaded and rows rejected for a NULL key, when the databases counted them. */
    public void countInBulk(long loadedRows, long nullKeyRows, String nullKeyExample) {
        rows += loadedRows + nullKeyRows;
        loaded += loadedRows;
        rejected += nullKeyRows;
        if (nullKeyRows > 0 && quarantineExamples.size() < EXAMPLES) {
            quarantineExamples.add(nullKeyExample);
        }
    }

    /** Adds another tally. */
    public void add(SourceTally other) {
        rows += other.rows;
        loaded += other.loaded;
        rejected += other.rejected;
        quarantinedByLoader += other.quarantinedByLoader;
        other.filtered.forEach((k, v) -> filtered.merge(k, v, Long::sum));
        for (String example : other.quarantineExamples) {
            if (quarantineExamples.size() < EXAMPLES) {
                quarantineExamples.add(example);
            }
        }
    }

    /** Source rows read. */
    public long rows() {
        return rows;
    }

    /** Rows the mapping loads. */
    public long loaded() {
        return loaded;
    }

    /** Rows the mapping rejects. */
    public long rejected() {
        return rejected;
    }

    /** Rows the mapping loads but the loader quarantined. */
    public long quarantinedByLoader() {
        return quarantinedByLoader;
    }

    /** Filtered rows by filter name. */
    public Map<String, Long> filtered() {
        return filtered;
    }

    /** The first rejected or loader-quarantined rows: key and reason. */
    public List<String> quarantineExamples() {
        return quarantineExamples;
    }
}
