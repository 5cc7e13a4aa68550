package dev.migrationstudio.verify.replay;

import java.util.List;

/**
 * Fills the placeholders of a captured query ({@code $1}, {@code ?}) with real values, for logs that
 * keep only the normalised text. Return the values in placeholder order, or an empty list when the
 * query cannot be sampled (it is then reported as needing parameters, never skipped silently).
 *
 * <pre>{@code
 * ParameterSampler sampler = (query, count) -> query.sql().contains("track_id = $1")
 *         ? List.of(42) : List.of();
 * }</pre>
 */
@FunctionalInterface
public interface ParameterSampler {

    /** No values for any query. */
    ParameterSampler NONE = (query, count) -> List.of();

    /**
     * Values for a query's placeholders.
     *
     * @param query the captured query
     * @param placeholders how many distinct placeholders it has
     * @return one value per placeholder, in placeholder order ({@code null} for SQL NULL); an empty list when the
     *     query cannot be sampled: it is then reported as needing parameters
     */
    List<?> valuesFor(CapturedQuery query, int placeholders);
}
