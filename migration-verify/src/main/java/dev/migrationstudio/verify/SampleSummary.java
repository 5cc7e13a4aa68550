package dev.migrationstudio.verify;

import java.util.List;

/**
 * Spot checks of randomly chosen rows, compared column by column with typed comparison. The choice
 * depends only on the seed and the keys, so a run with the same seed checks the same rows.
 *
 * @param requested rows asked for
 * @param checked rows actually compared (fewer when the table has fewer loaded rows)
 * @param seed the seed of the choice
 * @param mismatches the sampled rows that differ or are missing
 */
public record SampleSummary(int requested, int checked, long seed, List<Discrepancy> mismatches) {

    /**
     * Copies the list.
     *
     * @param requested rows asked for
     * @param checked rows actually compared (fewer when the table has fewer loaded rows)
     * @param seed the seed of the choice
     * @param mismatches the sampled rows that differ or are missing
     */
    public SampleSummary {
        mismatches = List.copyOf(mismatches);
    }

    /**
     * Whether every sampled row matched.
     *
     * @return {@code true} when no sampled row differs
     */
    public boolean passed() {
        return mismatches.isEmpty();
    }
}
