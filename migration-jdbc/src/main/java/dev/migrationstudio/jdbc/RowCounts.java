package dev.migrationstudio.jdbc;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What became of source rows: every row read is loaded, filtered by a named rule, or quarantined.
 *
 * @param read source rows read
 * @param loaded rows written to the target
 * @param filteredByRule rows left out on purpose, by filter name
 * @param quarantined rows that could not be carried, kept in the quarantine table
 */
public record RowCounts(long read, long loaded, Map<String, Long> filteredByRule, long quarantined) {

    /**
     * Validates that no count is negative.
     *
     * @param read source rows read
     * @param loaded rows written to the target
     * @param filteredByRule rows left out on purpose, by filter name
     * @param quarantined rows that could not be carried, kept in the quarantine table
     */
    public RowCounts {
        checkArgument(read >= 0 && loaded >= 0 && quarantined >= 0, "row counts must not be negative");
        filteredByRule = Map.copyOf(filteredByRule);
    }

    /**
     * No rows.
     *
     * @return counts that are all zero, the identity of {@link #plus}
     */
    public static RowCounts zero() {
        return new RowCounts(0, 0, Map.of(), 0);
    }

    /**
     * Rows filtered, over all rules.
     *
     * @return the number of rows filtered
     */
    public long filtered() {
        return filteredByRule.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Whether read = loaded + filtered + quarantined, as it must always be.
     *
     * @return {@code true} when every row read is accounted for
     */
    public boolean isBalanced() {
        return read == loaded + filtered() + quarantined;
    }

    /**
     * The sum of two counts.
     *
     * @param other the counts to add; not null
     * @return new counts, each the sum of the two; filter counts added rule by rule
     */
    public RowCounts plus(RowCounts other) {
        Map<String, Long> filtered = new LinkedHashMap<>(filteredByRule);
        other.filteredByRule.forEach((k, v) -> filtered.merge(k, v, Long::sum));
        return new RowCounts(read + other.read, loaded + other.loaded, filtered, quarantined + other.quarantined);
    }

    /**
     * E.g. {@code 412 read = 410 loaded + 1 filtered + 1 quarantined}.
     *
     * @return the counts on one line, for logs
     */
    public String describe() {
        return String.format("%,d read = %,d loaded + %,d filtered + %,d quarantined", read, loaded, filtered(),
                quarantined);
    }
}
