package dev.migrationstudio.review;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import dev.migrationstudio.mapping.FindingKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one target column of a table mapping would receive, measured by applying the field's rules to
 * every source row the filters keep, and checking each resulting value against the target column's type.
 *
 * @param target the target column
 * @param rows rows evaluated (those the filters keep)
 * @param rejectedByRule rows a rule of the field rejects, by the rule's description (such rows are quarantined)
 * @param rejections the first few rejected rows, with the reason
 * @param nulls rows for which the value reaching the target is NULL
 * @param nullExamples the first few such rows
 * @param losses values the target type cannot hold exactly, by kind (empty when the target type is unknown)
 */
public record FieldProfile(String target, long rows, Map<String, Long> rejectedByRule, List<ValueExample> rejections,
                           long nulls, List<ValueExample> nullExamples, Map<FindingKind, Loss> losses) {

    /**
     * Validates the parts.
     *
     * @param target the target column
     * @param rows rows evaluated (those the filters keep)
     * @param rejectedByRule rows a rule of the field rejects, by the rule's description (such rows are
     *     quarantined)
     * @param rejections the first few rejected rows, with the reason
     * @param nulls rows for which the value reaching the target is NULL
     * @param nullExamples the first few such rows
     * @param losses values the target type cannot hold exactly, by kind (empty when the target type is unknown)
     */
    public FieldProfile {
        Names.requireName(target, "target column");
        checkArgument(rows >= 0 && nulls >= 0, "field %s: counts must not be negative", target);
        rejectedByRule = Map.copyOf(rejectedByRule);
        rejections = List.copyOf(rejections);
        nullExamples = List.copyOf(nullExamples);
        losses = Map.copyOf(losses);
        checkNotNull(losses, "losses");
    }

    /**
     * Rows a rule of the field rejects.
     *
     * @return the number of rows rejected, over all rules
     */
    public long rejected() {
        return rejectedByRule.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The loss of this kind, if any value suffers it.
     *
     * @param kind the kind of loss, e.g. {@link FindingKind#LENGTH_NARROWING}
     * @return the loss; empty when no value suffers it
     */
    public Optional<Loss> loss(FindingKind kind) {
        return Optional.ofNullable(losses.get(kind));
    }
}
