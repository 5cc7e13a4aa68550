package dev.migrationstudio.jdbc;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.OptionalLong;

/**
 * What happens to a row that cannot be carried: a cast that would lose information, a NULL in a
 * NOT NULL column, a constraint violation, a value too long for its column.
 *
 * <pre>{@code
 * .onBadRow(BadRows.failFast())                 // stop at the first bad row, naming its key and reason
 * .onBadRow(BadRows.quarantine())               // keep going; each bad row goes to the quarantine table
 * .onBadRow(BadRows.quarantine().upTo(100))     // ... but fail once more than 100 rows are quarantined
 * }</pre>
 *
 * Either way nothing is dropped silently: a quarantined row keeps its key, its values, the rule and
 * the reason, and is counted in the result.
 */
public final class BadRows {
    private final boolean quarantine;
    private final long limit;

    private BadRows(boolean quarantine, long limit) {
        this.quarantine = quarantine;
        this.limit = limit;
    }

    /**
     * Fail the run at the first bad row; the chunk holding it is rolled back, earlier chunks stay.
     *
     * @return the fail-fast policy, the default
     */
    public static BadRows failFast() {
        return new BadRows(false, 0);
    }

    /**
     * Quarantine bad rows and go on (without limit until {@link #upTo(long)}).
     *
     * @return a policy that quarantines every bad row; limit it with {@link #upTo(long)}
     */
    public static BadRows quarantine() {
        return new BadRows(true, -1);
    }

    /**
     * Fails the run once more than {@code maximum} rows have been quarantined in this run.
     *
     * @param maximum the most rows this run may quarantine; not negative (0: the first bad row fails the run)
     * @return a quarantine policy with that limit
     * @throws IllegalArgumentException if this policy does not quarantine, or {@code maximum} is negative
     */
    public BadRows upTo(long maximum) {
        checkArgument(quarantine, "upTo() applies to quarantine()");
        checkArgument(maximum >= 0, "the quarantine limit must not be negative, got %s", maximum);
        return new BadRows(true, maximum);
    }

    /**
     * Whether bad rows are quarantined (rather than failing the run).
     *
     * @return {@code true} when bad rows are quarantined, {@code false} when the first one fails the run
     */
    public boolean quarantines() {
        return quarantine;
    }

    /**
     * The most rows quarantined before the run fails, when limited.
     *
     * @return the limit, in rows; empty when unlimited or when the policy fails fast
     */
    public OptionalLong limit() {
        return limit < 0 ? OptionalLong.empty() : OptionalLong.of(limit);
    }

    @Override
    public String toString() {
        return !quarantine ? "fail fast" : limit < 0 ? "quarantine" : "quarantine up to " + limit + " rows";
    }
}
