package dev.migrationstudio.mapping;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;

/**
 * What became of one source row under a table mapping: loaded as a target row, filtered by a named
 * rule, or rejected with a reason. There is no fourth outcome: every row is accounted for.
 */
public sealed interface RowResult permits RowResult.Loaded, RowResult.Filtered, RowResult.Rejected {

    /**
     * The row maps to this target row.
     *
     * @param row the target row, columns in the mapping's target order
     */
    record Loaded(Row row) implements RowResult {
        /** Validates the row. */
        public Loaded {
            checkNotNull(row, "row");
        }
    }

    /**
     * A filter rule left the row out on purpose.
     *
     * @param filter the filter's name
     */
    record Filtered(String filter) implements RowResult {
        /** Validates the name. */
        public Filtered {
            Names.requireName(filter, "filter");
        }
    }

    /**
     * The row cannot be carried without losing information; it goes to quarantine or fails the run.
     *
     * @param column the target column (or filter) whose rule rejected the row
     * @param rule the rule that rejected it, as {@link TransformRule#describe()} renders it
     * @param reason why, naming the value and the limit it breaks
     */
    record Rejected(String column, String rule, String reason) implements RowResult {
        /** Validates the parts. */
        public Rejected {
            Names.requireName(column, "column");
            checkNotNull(rule, "rule");
            Names.requireName(reason, "reason");
        }

        /** E.g. {@code total: cast to DECIMAL(4,2): cannot cast 123.45 ...}. */
        public String describe() {
            return column + (rule.isEmpty() ? "" : " (" + rule + ")") + ": " + reason;
        }
    }
}
