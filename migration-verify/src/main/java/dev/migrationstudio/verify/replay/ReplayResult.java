package dev.migrationstudio.verify.replay;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.verify.ParityResult;
import java.util.Optional;

/**
 * One captured query, replayed: its rewrite, the comparison of its results on both sides, the
 * latency on each side and, when the target is too slow, a performance finding.
 *
 * @param rewrite the rewrite (a query that is not replayable has only this)
 * @param results the comparison of both sides' rows, when replayed
 * @param source the latency on the source, when replayed and both sides returned rows
 * @param target the latency on the target, when replayed and both sides returned rows
 * @param performance how much slower the target is, when beyond the replay's threshold; empty otherwise
 * @param plan where the target's plan reads a table in full that the source's plan reads through an
 *     index, naming that index (engines that explain plans: PostgreSQL, H2, MariaDB); empty otherwise
 */
public record ReplayResult(RewrittenQuery rewrite, Optional<ParityResult> results, Optional<Latency> source,
                           Optional<Latency> target, Optional<String> performance, Optional<String> plan) {

    /**
     * Validates the parts.
     *
     * @param rewrite the rewrite (a query that is not replayable has only this)
     * @param results the comparison of both sides' rows, when replayed
     * @param source the latency on the source, when replayed and both sides returned rows
     * @param target the latency on the target, when replayed and both sides returned rows
     * @param performance how much slower the target is, when beyond the replay's threshold; empty otherwise
     * @param plan where the target's plan reads a table in full that the source's plan reads through an index,
     *     naming that index (engines that explain plans: PostgreSQL, H2, MariaDB); empty otherwise
     */
    public ReplayResult {
        checkNotNull(rewrite, "rewrite");
        checkNotNull(results, "results");
        checkNotNull(source, "source latency");
        checkNotNull(target, "target latency");
        checkNotNull(performance, "performance");
        checkNotNull(plan, "plan");
    }

    /**
     * A query that was not replayed, for the rewrite's reason.
     *
     * @param rewrite the refused rewrite
     * @return a result with no comparison and no timing
     */
    public static ReplayResult notReplayed(RewrittenQuery rewrite) {
        return new ReplayResult(rewrite, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /**
     * Whether the results differ (or a side failed to run the query): a failure of the verification.
     *
     * @return {@code true} when the comparison failed; {@code false} when it passed or the query was not replayed
     */
    public boolean resultsDiffer() {
        return results.map(r -> !r.passed()).orElse(false);
    }

    /**
     * The target's p95 over the source's, when both were timed.
     *
     * @return the ratio; empty when a side was not timed
     */
    public Optional<Double> ratio() {
        if (source.isEmpty() || target.isEmpty()) {
            return Optional.empty();
        }
        long sourceNanos = Math.max(1, source.get().p95().toNanos());
        return Optional.of(target.get().p95().toNanos() / (double) sourceNanos);
    }

    /**
     * The query's name in reports: where it was captured.
     *
     * @return the query's origin
     */
    public String name() {
        return rewrite.query().origin();
    }
}
