package dev.migrationstudio.mapping;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How one target column gets its value: from a source column (possibly renamed), or computed
 * (derived, filled, constant), then passed through value rules in the order declared.
 *
 * @param target the target column
 * @param source the source column, or empty for derived, filled and constant columns
 * @param key whether this column is part of the key that identifies rows
 * @param rules the value rules applied in order
 * @param note why the mapping is what it is, for reviewers; may be empty
 */
public record FieldMapping(String target, Optional<String> source, boolean key,
                           List<TransformRule.ValueRule> rules, String note) {

    /**
     * Validates the parts.
     *
     * @param target the target column
     * @param source the source column, or empty for derived, filled and constant columns
     * @param key whether this column is part of the key that identifies rows
     * @param rules the value rules applied in order
     * @param note why the mapping is what it is, for reviewers; may be empty
     */
    public FieldMapping {
        Names.requireName(target, "target column");
        checkNotNull(source, "source of %s", target);
        rules = List.copyOf(rules);
        checkNotNull(note, "note of %s", target);
    }

    /**
     * Whether the source column goes to a target column of another name.
     *
     * @return {@code true} for a renamed column
     */
    public boolean isRenamed() {
        return source.isPresent() && !source.get().equals(target);
    }

    /**
     * Whether the value is computed rather than copied from one source column.
     *
     * @return {@code true} for a value without a source column
     */
    public boolean isComputed() {
        return source.isEmpty();
    }

    /**
     * The casts among the rules.
     *
     * @return the casts, in rule order; empty when there is none
     */
    public List<TransformRule.Cast> casts() {
        List<TransformRule.Cast> casts = new ArrayList<>();
        for (TransformRule.ValueRule rule : rules) {
            if (rule instanceof TransformRule.Cast) {
                casts.add((TransformRule.Cast) rule);
            }
        }
        return casts;
    }

    /**
     * The derivation, if the value is derived.
     *
     * @return the derivation; empty when the value is not derived
     */
    public Optional<TransformRule.Derive> derivation() {
        return rules.stream().filter(TransformRule.Derive.class::isInstance).map(TransformRule.Derive.class::cast)
                .findFirst();
    }

    /**
     * Every source column the value depends on: the source column and what a derivation reads.
     *
     * @return the columns, each once; empty for a constant
     */
    public List<String> sourceColumnsRead() {
        List<String> read = new ArrayList<>();
        source.ifPresent(read::add);
        derivation().ifPresent(d -> d.reads().stream().filter(c -> !read.contains(c)).forEach(read::add));
        return List.copyOf(read);
    }

    /**
     * E.g. {@code first_name -> given_name: trim}.
     *
     * @return the description
     */
    public String describe() {
        StringBuilder text = new StringBuilder(source.map(s -> s + " -> ").orElse("")).append(target);
        List<String> parts = rules.stream().filter(r -> !(r instanceof TransformRule.Rename))
                .map(TransformRule::describe).toList();
        if (!parts.isEmpty()) {
            text.append(": ").append(String.join(", then ", parts));
        }
        return text.toString();
    }
}
