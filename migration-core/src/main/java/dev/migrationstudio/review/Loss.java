package dev.migrationstudio.review;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.mapping.FindingKind;
import java.util.List;
import java.util.Optional;

/**
 * Values a target column cannot hold exactly, of one kind: how many, the worst one and a few examples.
 *
 * @param kind the kind of loss: {@link FindingKind#LENGTH_NARROWING}, {@link FindingKind#PRECISION_NARROWING},
 *     {@link FindingKind#SCALE_NARROWING}, {@link FindingKind#INTEGER_RANGE}, {@link FindingKind#TIMESTAMP_TO_DATE},
 *     {@link FindingKind#TIME_ZONE_LOSS} or {@link FindingKind#TYPE_INCOMPATIBLE}
 * @param rows rows whose value is affected
 * @param worst the worst measure seen: the longest length, the most integer digits, the most decimal places
 *     or fractional-second digits; 0 for kinds without a measure
 * @param worstExample the row holding the worst value
 * @param examples the first few affected rows
 */
public record Loss(FindingKind kind, long rows, long worst, Optional<ValueExample> worstExample,
                   List<ValueExample> examples) {

    /**
     * Validates the parts.
     *
     * @param kind the kind of loss: {@link FindingKind#LENGTH_NARROWING}, {@link FindingKind#PRECISION_NARROWING},
     *     {@link FindingKind#SCALE_NARROWING}, {@link FindingKind#INTEGER_RANGE},
     *     {@link FindingKind#TIMESTAMP_TO_DATE}, {@link FindingKind#TIME_ZONE_LOSS} or
     *     {@link FindingKind#TYPE_INCOMPATIBLE}
     * @param rows rows whose value is affected
     * @param worst the worst measure seen: the longest length, the most integer digits, the most decimal places or
     *     fractional-second digits; 0 for kinds without a measure
     * @param worstExample the row holding the worst value
     * @param examples the first few affected rows
     */
    public Loss {
        checkNotNull(kind, "kind");
        checkArgument(rows > 0, "a loss affects at least one row, got %s", rows);
        checkNotNull(worstExample, "worstExample");
        examples = List.copyOf(examples);
    }
}
