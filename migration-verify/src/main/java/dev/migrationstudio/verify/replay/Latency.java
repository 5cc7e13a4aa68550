package dev.migrationstudio.verify.replay;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long a query took on one side over several runs (each run executes it and reads every row).
 *
 * @param p50 the median run
 * @param p95 the 95th percentile run (nearest rank)
 * @param runs how many runs were timed
 */
public record Latency(Duration p50, Duration p95, int runs) {

    /**
     * Validates the parts.
     *
     * @param p50 the median run
     * @param p95 the 95th percentile run (nearest rank)
     * @param runs how many runs were timed
     */
    public Latency {
        checkNotNull(p50, "p50");
        checkNotNull(p95, "p95");
        checkArgument(runs > 0, "a latency needs at least one run");
    }

    /**
     * The percentiles of some timed runs.
     *
     * @param times the runs' times; at least one
     * @return the percentiles
     */
    public static Latency of(List<Duration> times) {
        checkArgument(!times.isEmpty(), "a latency needs at least one run");
        List<Duration> sorted = new ArrayList<>(times);
        sorted.sort(null);
        return new Latency(rank(sorted, 0.50), rank(sorted, 0.95), sorted.size());
    }

    private static Duration rank(List<Duration> sorted, double percentile) {
        int index = (int) Math.ceil(percentile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
