package dev.migrationstudio.jdbc;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.format.ValueText;
import dev.migrationstudio.mapping.RowResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source row that could not be carried, kept with everything needed to understand and repair it.
 * Its rule and reason are text for people; whether it is a bad row or waits for its parent row is
 * its state in the ledger ({@link dev.migrationstudio.jdbc.ledger.QuarantineEntry}).
 *
 * @param mapping the table mapping, e.g. {@code customer -> client}
 * @param chunk the chunk it belonged to
 * @param key the row's source key, e.g. {@code customer_id=7}
 * @param values the source row's values as literals ({@code 'text'}, {@code 12.50}, {@code NULL})
 * @param column the target column (or filter) whose rule or constraint rejected it
 * @param rule the rule that rejected it, or the database constraint that did
 * @param reason why, naming the value and the limit it breaks
 * @param cause whose fault it is: the data's ({@link RowResult.Cause#VALUE}, also for the target database's
 *     refusals; {@link RowResult.Cause#NULL_KEY}) or the rule's code's ({@link RowResult.Cause#RULE_FAILED}:
 *     a filter, derive or converter threw, a bug to fix in the spec rather than a row to repair)
 */
public record QuarantinedRow(String mapping, long chunk, String key, Map<String, String> values, String column,
                             String rule, String reason, RowResult.Cause cause) {

    /**
     * Copies the values, keeping their order.
     *
     * @param mapping the table mapping, e.g. {@code customer -> client}
     * @param chunk the chunk it belonged to
     * @param key the row's source key, e.g. {@code customer_id=7}
     * @param values the source row's values as literals ({@code 'text'}, {@code 12.50}, {@code NULL})
     * @param column the target column (or filter) whose rule or constraint rejected it
     * @param rule the rule that rejected it, or the database constraint that did
     * @param reason why, naming the value and the limit it breaks
     * @param cause whose fault it is: the data's or the rule's code's
     */
    public QuarantinedRow {
        checkNotNull(mapping, "mapping");
        checkNotNull(key, "key");
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        checkNotNull(column, "column");
        checkNotNull(rule, "rule");
        checkNotNull(reason, "reason");
        checkNotNull(cause, "cause");
    }

    /**
     * A row whose value a rule or the target database refused ({@link RowResult.Cause#VALUE}).
     *
     * @param mapping the table mapping, e.g. {@code customer -> client}
     * @param chunk the chunk it belonged to
     * @param key the row's source key, e.g. {@code customer_id=7}
     * @param values the source row's values as literals ({@code 'text'}, {@code 12.50}, {@code NULL})
     * @param column the target column (or filter) whose rule or constraint rejected it
     * @param rule the rule that rejected it, or the database constraint that did
     * @param reason why, naming the value and the limit it breaks
     */
    public QuarantinedRow(String mapping, long chunk, String key, Map<String, String> values, String column,
                          String rule, String reason) {
        this(mapping, chunk, key, values, column, rule, reason, RowResult.Cause.VALUE);
    }

    /**
     * Whether a rule's code threw rather than the data being wrong: see {@link RowResult.Cause#RULE_FAILED}.
     *
     * @return {@code true} for a rule's failure, a bug to fix in the spec
     */
    public boolean ruleFailed() {
        return cause == RowResult.Cause.RULE_FAILED;
    }

    /**
     * The text that names a row in {@link #key()}: {@code column=literal} pairs joined by
     * {@code ", "}, e.g. {@code customer_id=7} or {@code a=1L, b='x'} (every column, for a table
     * without a key). What the ledger records, so that a reader can find a row by it.
     *
     * @param columns the source key's columns (or every column read)
     * @param values their values, in the same order
     * @return the key text
     */
    public static String keyText(List<String> columns, List<?> values) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(columns.get(i)).append('=')
                    .append(ValueText.literal(values.get(i)));
        }
        return text.toString();
    }

    /**
     * E.g. {@code customer -> client, customer_id=7: email (cast to VARCHAR(20)): value too long ...}; a
     * rule whose code threw ends with {@code [rule failed]}.
     *
     * @return the mapping, key, column, rule and reason (and the mark of a rule's failure), on one line
     */
    public String describe() {
        return mapping + ", " + key + ": " + column + (rule.isEmpty() ? "" : " (" + rule + ")") + ": " + reason
                + (ruleFailed() ? " [rule failed]" : "");
    }
}
