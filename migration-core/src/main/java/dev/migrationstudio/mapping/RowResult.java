package dev.migrationstudio.mapping;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one source row under a table mapping: loaded as a target row, filtered by a named
 * rule, or rejected with a reason. There is no fourth outcome: every row is accounted for. A
 * rejection says whether the data or the rule's own code is at fault ({@link Rejected#cause()}).
 */
public sealed interface RowResult permits RowResult.Loaded, RowResult.Filtered, RowResult.Rejected {

    /**
     * The row maps to this target row.
     *
     * @param row the target row, columns in the mapping's target order
     */
    record Loaded(Row row) implements RowResult {
        /**
         * Validates the row.
         *
         * @param row the target row, columns in the mapping's target order
         */
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
        /**
         * Validates the name.
         *
         * @param filter the filter's name
         */
        public Filtered {
            Names.requireName(filter, "filter");
        }
    }

    /**
     * Why a row was rejected: something about the data, or a failure of the rule's own code. A value
     * that does not fit (a rule threw {@link RejectedValueException}, a cast refused it) and a NULL key
     * are the data's fault and belong in quarantine; any other exception thrown by a filter, a derive
     * or a converter is a bug in that code (a {@code NullPointerException} on a column the function did
     * not expect to be NULL, a column it forgot to declare), which a test should report as a failure
     * of the test rather than as a rejected row.
     */
    enum Cause {
        /** A rule refused the value: it cannot be carried without losing or inventing information. */
        VALUE,
        /** A key column is NULL: the row cannot be tracked. */
        NULL_KEY,
        /** The rule's code threw an exception other than {@link RejectedValueException}. */
        RULE_FAILED
    }

    /**
     * The row cannot be carried without losing information; it goes to quarantine or fails the run.
     *
     * @param column the target column (or filter) whose rule rejected the row
     * @param rule the rule that rejected it, as {@link TransformRule#describe()} renders it
     * @param reason why, naming the value and the limit it breaks
     * @param cause whether the data or the rule's code is at fault
     * @param error the exception the rule's code threw, present exactly when {@code cause} is
     *     {@link Cause#RULE_FAILED}: its stack trace shows where the code failed
     */
    record Rejected(String column, String rule, String reason, Cause cause, Optional<RuntimeException> error)
            implements RowResult {
        /**
         * Validates the parts.
         *
         * @param column the target column (or filter) whose rule rejected the row
         * @param rule the rule that rejected it, as {@link TransformRule#describe()} renders it
         * @param reason why, naming the value and the limit it breaks
         * @param cause whether the data or the rule's code is at fault
         * @param error the exception the rule's code threw, present exactly when {@code cause} is
         *     {@link Cause#RULE_FAILED}: its stack trace shows where the code failed
         */
        public Rejected {
            Names.requireName(column, "column");
            checkNotNull(rule, "rule");
            Names.requireName(reason, "reason");
            checkNotNull(cause, "cause");
            checkNotNull(error, "error");
            checkArgument(error.isPresent() == (cause == Cause.RULE_FAILED),
                    "an error goes with cause RULE_FAILED and only with it; cause %s, error %s", cause, error);
        }

        /**
         * A rejection for a value that does not fit ({@link Cause#VALUE}).
         *
         * @param column the target column whose value is refused
         * @param rule the rule that refused it, as it describes itself
         * @param reason why, for people
         */
        public Rejected(String column, String rule, String reason) {
            this(column, rule, reason, Cause.VALUE, Optional.empty());
        }

        /**
         * True when the rule's code failed rather than the data: see {@link Cause#RULE_FAILED}.
         *
         * @return {@code true} when the rule threw rather than refused the value
         */
        public boolean ruleFailed() {
            return cause == Cause.RULE_FAILED;
        }

        /**
         * Equal when column, rule, reason and cause are: the exception is left out, since every run of
         * the same failing rule on the same row throws a new one.
         */
        @Override
        public boolean equals(Object o) {
            return o instanceof Rejected && column.equals(((Rejected) o).column) && rule.equals(((Rejected) o).rule)
                    && reason.equals(((Rejected) o).reason) && cause == ((Rejected) o).cause;
        }

        @Override
        public int hashCode() {
            return Objects.hash(column, rule, reason, cause);
        }

        /**
         * E.g. {@code total: cast to DECIMAL(4,2): cannot cast 123.45 ...}.
         *
         * @return the column, rule and reason, on one line
         */
        public String describe() {
            return column + (rule.isEmpty() ? "" : " (" + rule + ")") + ": " + reason;
        }
    }
}
