package dev.migrationstudio.verify.replay;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What a verification replays and how: the captured queries, how their placeholders are filled, how
 * many timed runs each side gets, and when a query counts as slower on the target. Immutable; each
 * option returns a new value.
 *
 * <pre>{@code
 * Verifier.between(legacy, v2).spec(spec)
 *     .replay(Replay.of(QueryLog.fromPgStatStatements(legacy).top(50, QueryLog.Ranking.TOTAL_TIME))
 *         .runs(7).slowerThan(2.0, Duration.ofMillis(5)))
 *     .verify();
 * }</pre>
 *
 * @param log the queries
 * @param sampler fills placeholders the log did not observe
 * @param runs timed runs per query and side (after one untimed run that also compares the results)
 * @param maxSlowdown a query whose p95 on the target exceeds this multiple of the source's p95 is slow
 * @param minimumExtra ... and only when the target's p95 is at least this much longer (noise on fast queries)
 */
public record Replay(QueryLog log, ParameterSampler sampler, int runs, double maxSlowdown, Duration minimumExtra) {

    /**
     * Validates the parts.
     *
     * @param log the queries
     * @param sampler fills placeholders the log did not observe
     * @param runs timed runs per query and side (after one untimed run that also compares the results)
     * @param maxSlowdown a query whose p95 on the target exceeds this multiple of the source's p95 is slow
     * @param minimumExtra ... and only when the target's p95 is at least this much longer (noise on fast queries)
     */
    public Replay {
        checkNotNull(log, "log");
        checkNotNull(sampler, "sampler");
        checkArgument(runs >= 1 && runs <= 1_000, "runs must be between 1 and 1000: %s", runs);
        checkArgument(maxSlowdown >= 1.0, "the slowdown threshold must be at least 1.0: %s", maxSlowdown);
        checkNotNull(minimumExtra, "minimum extra time");
        checkArgument(!minimumExtra.isNegative(), "the minimum extra time cannot be negative");
    }

    /**
     * Replays a log with the defaults: 5 timed runs, slow at 2x the source's p95 and 5 ms more.
     *
     * @param log the queries to replay; not null
     * @return the replay
     */
    public static Replay of(QueryLog log) {
        return new Replay(log, ParameterSampler.NONE, 5, 2.0, Duration.ofMillis(5));
    }

    /**
     * Fills placeholders with a sampler's values.
     *
     * @param parameterSampler the sampler; not null
     * @return a copy of this replay using that sampler
     */
    public Replay sampling(ParameterSampler parameterSampler) {
        return new Replay(log, parameterSampler, runs, maxSlowdown, minimumExtra);
    }

    /**
     * Timed runs per query and side.
     *
     * @param timedRuns the timed runs, 1 to 1,000
     * @return a copy of this replay
     */
    public Replay runs(int timedRuns) {
        return new Replay(log, sampler, timedRuns, maxSlowdown, minimumExtra);
    }

    /**
     * When a query is slow on the target: p95 above {@code ratio} times the source's and {@code extra} more.
     *
     * @param ratio the largest accepted ratio of target p95 to source p95; at least 1.0
     * @param extra the extra time a slow query must also exceed; not negative
     * @return a copy of this replay with that threshold
     */
    public Replay slowerThan(double ratio, Duration extra) {
        return new Replay(log, sampler, runs, ratio, extra);
    }

    /**
     * Whether the target's latency is beyond this replay's threshold, and by how much: empty when it is
     * not, else a line such as {@code p95 12.0 ms on the target against 1.5 ms on the source (8.0x,
     * threshold 2.0x)}.
     *
     * @param source the query's latency on the source
     * @param target the query's latency on the target
     * @return the slowdown line, or empty when the target is within the threshold
     */
    public Optional<String> slowdown(Latency source, Latency target) {
        long sourceNanos = Math.max(1, source.p95().toNanos());
        long targetNanos = target.p95().toNanos();
        boolean slow = targetNanos > maxSlowdown * sourceNanos
                && target.p95().minus(source.p95()).compareTo(minimumExtra) >= 0;
        if (!slow) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "p95 %.1f ms on the target against %.1f ms on the source "
                + "(%.1fx, threshold %.1fx)", targetNanos / 1e6, source.p95().toNanos() / 1e6,
                targetNanos / (double) sourceNanos, maxSlowdown));
    }
}
