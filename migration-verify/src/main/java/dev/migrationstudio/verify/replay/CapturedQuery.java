package dev.migrationstudio.verify.replay;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A statement an application runs on the source, as a query log gives it: the text (literals may be
 * replaced by placeholders, {@code $1} in PostgreSQL's statistics, {@code ?} in MariaDB's digests),
 * how often it ran and for how long in all.
 *
 * @param sql the statement's text
 * @param calls how many times it ran, when the log knows (0 otherwise)
 * @param totalTime its total execution time, when the log knows ({@link Duration#ZERO} otherwise)
 * @param origin where it was captured, e.g. {@code pg_stat_statements} or {@code queries.sql:12}
 * @param parameters values for its placeholders, in order, when the log observed them
 */
public record CapturedQuery(String sql, long calls, Duration totalTime, String origin,
                            Optional<List<Object>> parameters) {

    /**
     * Validates the parts.
     *
     * @param sql the statement's text
     * @param calls how many times it ran, when the log knows (0 otherwise)
     * @param totalTime its total execution time, when the log knows ({@link Duration#ZERO} otherwise)
     * @param origin where it was captured, e.g. {@code pg_stat_statements} or {@code queries.sql:12}
     * @param parameters values for its placeholders, in order, when the log observed them
     */
    public CapturedQuery {
        checkArgument(sql != null && !sql.isBlank(), "a captured query needs its SQL");
        sql = sql.strip();
        checkArgument(calls >= 0, "calls cannot be negative: %s", calls);
        checkNotNull(totalTime, "total time");
        checkNotNull(origin, "origin");
        checkNotNull(parameters, "parameters");
        parameters = parameters.map(values -> Collections.unmodifiableList(new ArrayList<>(values)));
    }

    /**
     * A query with no statistics, e.g. from a file.
     *
     * @param sql the query's SQL, as the source's engine runs it; placeholders as {@code ?}
     * @param origin where it was captured, e.g. {@code app-queries.sql:12}
     * @return the query, with no calls and no time
     */
    public static CapturedQuery of(String sql, String origin) {
        return new CapturedQuery(sql, 0, Duration.ZERO, origin, Optional.empty());
    }

    /**
     * This query with values for its placeholders (nulls allowed), in order.
     *
     * @param values one value per placeholder, in order; {@code null} for SQL NULL. Copied
     * @return a copy of this query with those parameters
     */
    public CapturedQuery withParameters(List<?> values) {
        return new CapturedQuery(sql, calls, totalTime, origin, Optional.of(new ArrayList<>(values)));
    }

    /**
     * The mean time of one call, when the log knows calls and total time.
     *
     * @return the mean time; empty when the log recorded no calls
     */
    public Optional<Duration> meanTime() {
        return calls == 0 ? Optional.empty() : Optional.of(totalTime.dividedBy(calls));
    }
}
