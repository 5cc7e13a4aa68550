package dev.migrationstudio.verify;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.format.Formats;
import dev.migrationstudio.inventory.TableId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything verified about one mapped table. Checks that were not asked for are empty.
 *
 * @param source the source table
 * @param target the target table
 * @param keyless whether the table was compared as a multiset (no key)
 * @param rowCounts row-count reconciliation
 * @param checksums how the digests compared
 * @param discrepancies the differing rows found, up to the report's limit per table
 * @param missingRows rows missing from the target, in total (may exceed the rows listed)
 * @param extraRows extra rows in the target, in total
 * @param changedRows rows with different values, in total
 * @param sample the spot checks
 * @param integrity the integrity checks run on the target table
 * @param errors what prevented a check from running (a missing table or column, a failed query)
 * @param timings time taken per phase, e.g. {@code checksums}, {@code integrity}
 */
public record TableVerification(TableId source, TableId target, boolean keyless, Optional<RowReconciliation> rowCounts,
                                Optional<ChecksumSummary> checksums, List<Discrepancy> discrepancies,
                                long missingRows, long extraRows, long changedRows,
                                Optional<SampleSummary> sample, List<IntegrityCheck> integrity,
                                List<String> errors, Map<String, Duration> timings) {

    private static final int SHOWN = 10;

    /**
     * Validates and copies the parts.
     *
     * @param source the source table
     * @param target the target table
     * @param keyless whether the table was compared as a multiset (no key)
     * @param rowCounts row-count reconciliation
     * @param checksums how the digests compared
     * @param discrepancies the differing rows found, up to the report's limit per table
     * @param missingRows rows missing from the target, in total (may exceed the rows listed)
     * @param extraRows extra rows in the target, in total
     * @param changedRows rows with different values, in total
     * @param sample the spot checks
     * @param integrity the integrity checks run on the target table
     * @param errors what prevented a check from running (a missing table or column, a failed query)
     * @param timings time taken per phase, e.g. {@code checksums}, {@code integrity}
     */
    public TableVerification {
        checkNotNull(source, "source");
        checkNotNull(target, "target");
        checkNotNull(rowCounts, "rowCounts");
        checkNotNull(checksums, "checksums");
        discrepancies = List.copyOf(discrepancies);
        checkArgument(missingRows >= 0 && extraRows >= 0 && changedRows >= 0, "row totals must not be negative");
        checkNotNull(sample, "sample");
        integrity = List.copyOf(integrity);
        errors = List.copyOf(errors);
        timings = Collections.unmodifiableMap(new LinkedHashMap<>(timings));
    }

    /**
     * Rows found different in any way: missing + extra + changed.
     *
     * @return the number of differing rows
     */
    public long differingRows() {
        return missingRows + extraRows + changedRows;
    }

    /**
     * Whether every check run on this table passed.
     *
     * @return {@code true} when {@link #failures()} is empty
     */
    public boolean passed() {
        return failures().isEmpty();
    }

    /**
     * Why the table fails, one line each; empty when it passes. Each differing row listed is one
     * line naming its key (the first ten; one more line counts those not listed). A row
     * count that the differing rows already explain, and sampled rows that the checksums already
     * found, add no line of their own: one bad row is one failure.
     *
     * @return the failures, in the order the checks ran
     */
    public List<String> failures() {
        List<String> failures = new ArrayList<>();
        errors.forEach(e -> failures.add(target + ": " + e));
        boolean explained = missingRows - extraRows == rowCounts.map(c -> -c.difference()).orElse(0L)
                && differingRows() > 0;
        rowCounts.filter(c -> !c.matches() && !explained)
                .ifPresent(c -> failures.add(target + ": row count " + c.describe()));
        discrepancies.stream().limit(SHOWN).forEach(d -> failures.add(d.describe()));
        long unlisted = differingRows() - Math.min(discrepancies.size(), SHOWN);
        if (unlisted > 0) {
            failures.add(target + ": " + Formats.plural(unlisted, "more differing row") + " not listed ("
                    + Formats.plural(missingRows, "missing row") + ", " + Formats.plural(extraRows, "extra row") + ", "
                    + Formats.plural(changedRows, "changed row") + " in total)");
        }
        sample.filter(s -> !s.passed() && differingRows() == 0).ifPresent(s -> failures.add(target + ": "
                + s.mismatches().size() + " of " + Formats.plural(s.checked(), "sampled row") + " differ; first: "
                + s.mismatches().get(0).describe()));
        integrity.stream().filter(IntegrityCheck::failed).forEach(c -> failures.add(c.describe()));
        return failures;
    }

    /**
     * Total time spent on this table.
     *
     * @return the sum of the phases' times
     */
    public Duration duration() {
        return timings.values().stream().reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * The discrepancies of one kind among those listed.
     *
     * @param kind the kind to select; not null
     * @return those discrepancies, in the order listed; empty when there is none
     */
    public List<Discrepancy> discrepancies(Discrepancy.Kind kind) {
        return discrepancies.stream().filter(d -> d.kind() == kind).toList();
    }
}
