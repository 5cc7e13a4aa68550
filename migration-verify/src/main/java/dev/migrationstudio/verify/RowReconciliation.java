package dev.migrationstudio.verify;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Row-count reconciliation of one table: every source row is expected in the target (loaded),
 * expected absent because a filter left it out, expected absent because the mapping rejects it
 * (quarantined), or absent because the loader quarantined it when the target database refused it
 * (as the migration engine's ledger in the target records). The target must hold exactly the
 * loaded rows.
 *
 * @param sourceRows rows in the source table
 * @param expectedLoaded source rows the mapping loads
 * @param filteredByRule source rows left out, by filter name
 * @param expectedQuarantined source rows the mapping rejects (they belong in quarantine, not the target)
 * @param quarantinedByLoader source rows the mapping loads but the loader quarantined, by its ledger
 *     (the target database refused them, e.g. a constraint); always 0 without a ledger
 * @param quarantineExamples the first rejected rows: source key and reason
 * @param targetRows rows found in the target table
 */
public record RowReconciliation(long sourceRows, long expectedLoaded, Map<String, Long> filteredByRule,
                        long expectedQuarantined, long quarantinedByLoader, List<String> quarantineExamples,
                        long targetRows) {

    /**
     * Validates that the source rows add up.
     *
     * @param sourceRows rows in the source table
     * @param expectedLoaded source rows the mapping loads
     * @param filteredByRule source rows left out, by filter name
     * @param expectedQuarantined source rows the mapping rejects (they belong in quarantine, not the target)
     * @param quarantinedByLoader source rows the mapping loads but the loader quarantined, by its ledger (the
     *     target database refused them, e.g. a constraint); always 0 without a ledger
     * @param quarantineExamples the first rejected rows: source key and reason
     * @param targetRows rows found in the target table
     */
    public RowReconciliation {
        checkNotNull(filteredByRule, "filteredByRule");
        filteredByRule = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(filteredByRule));
        quarantineExamples = List.copyOf(quarantineExamples);
        checkArgument(sourceRows == expectedLoaded + filteredByRule.values().stream().mapToLong(Long::longValue).sum()
                + expectedQuarantined + quarantinedByLoader,
                "source rows %s do not add up: loaded %s + filtered %s + quarantined %s + quarantined by the loader %s",
                sourceRows, expectedLoaded, filteredByRule, expectedQuarantined, quarantinedByLoader);
    }

    /**
     * Source rows left out by filters, all rules together.
     *
     * @return the number of rows filtered
     */
    public long filtered() {
        return filteredByRule.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Target rows minus expected rows: negative when rows are missing, positive when there are extra rows.
     *
     * @return the difference, in rows; 0 when the counts match
     */
    public long difference() {
        return targetRows - expectedLoaded;
    }

    /**
     * Whether the target holds as many rows as the mapping loads.
     *
     * @return {@code true} when {@link #difference()} is 0
     */
    public boolean matches() {
        return targetRows == expectedLoaded;
    }

    /**
     * E.g. {@code source 412 = loaded 410 + filtered 2 + quarantined 0; target 410}, with
     * {@code + quarantined by the loader 1} when the ledger accounts for such rows.
     *
     * @return the reconciliation on one line
     */
    public String describe() {
        return "source " + sourceRows + " = loaded " + expectedLoaded + " + filtered " + filtered()
                + " + quarantined " + expectedQuarantined
                + (quarantinedByLoader == 0 ? "" : " + quarantined by the loader " + quarantinedByLoader)
                + "; target " + targetRows
                + (matches() ? "" : " (" + (difference() > 0 ? "+" : "") + difference() + ")");
    }
}
