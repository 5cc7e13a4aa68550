package dev.migrationstudio.test;

import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.RowResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * Assertions on what a mapping made of one source row: loaded, filtered by a named rule, or rejected
 * at a column. When a rule's code threw rather than refusing a value, every assertion here fails with
 * the exception as its cause: the test has found a bug in the rule, not a bad row.
 */
public final class RowResultAssert extends AbstractObjectAssert<RowResultAssert, RowResult> {

    private final String subject;

    RowResultAssert(RowResult actual, String subject) {
        super(actual, RowResultAssert.class);
        this.subject = subject;
    }

    /**
     * Checks the row loads with these target values; target columns not named are not checked.
     * Decimals compare by value ({@code 1.5} equals {@code 1.50}).
     *
     * @param namesAndValues target columns and their expected values: {@code "client_id", 1, "status", "ACTIVE"}
     * @return this assertion, to check more
     */
    public RowResultAssert loads(Object... namesAndValues) {
        Row expected = Row.of(namesAndValues);
        Row row = loaded();
        List<String> differences = new ArrayList<>();
        for (String column : expected.columns()) {
            if (!row.has(column)) {
                differences.add(column + ": no such target column; the row has " + row.columns());
            } else if (!same(expected.get(column), row.get(column))) {
                differences.add(column + ": expected " + show(expected.get(column)) + " but was " + show(row.get(column)));
            }
        }
        if (!differences.isEmpty()) {
            failWithMessage("Expected %s to load %s, but it loaded %s:%n  %s", subject, expected, row,
                    String.join(System.lineSeparator() + "  ", differences));
        }
        return this;
    }

    /**
     * Checks the row loads as exactly this target row: the same columns in the same order, the same values.
     *
     * @param expected the whole target row
     * @return this assertion, to check more
     */
    public RowResultAssert loads(Row expected) {
        Row row = loaded();
        if (!row.columns().equals(expected.columns())) {
            failWithMessage("Expected %s to load columns %s, but it loaded %s", subject, expected.columns(), row);
        }
        return loads(pairs(expected));
    }

    /**
     * Checks a filter left the row out.
     *
     * @param filter the filter's name
     * @return this assertion, to check more
     */
    public RowResultAssert isFilteredBy(String filter) {
        isNotNull();
        failOnRuleError();
        if (!(actual instanceof RowResult.Filtered)) {
            failWithMessage("Expected %s to be filtered by '%s', but it was %s", subject, filter, describe(actual));
        } else if (!((RowResult.Filtered) actual).filter().equals(filter)) {
            failWithMessage("Expected %s to be filtered by '%s', but filter '%s' left it out", subject, filter,
                    ((RowResult.Filtered) actual).filter());
        }
        return this;
    }

    /**
     * Checks the row is rejected because of its data at this target column (or filter name); continue
     * with the reason.
     *
     * @param column the target column whose rule refuses the value, or the key column that is NULL
     * @return assertions on the rejection's rule and reason
     */
    public RejectionAssert isRejectedAt(String column) {
        isNotNull();
        failOnRuleError();
        if (!(actual instanceof RowResult.Rejected)) {
            failWithMessage("Expected %s to be rejected at '%s', but it was %s", subject, column, describe(actual));
        }
        RowResult.Rejected rejected = (RowResult.Rejected) actual;
        if (!rejected.column().equals(column)) {
            failWithMessage("Expected %s to be rejected at '%s', but it was rejected at %s", subject, column,
                    rejected.describe());
        }
        return new RejectionAssert(rejected, subject);
    }

    private Row loaded() {
        isNotNull();
        failOnRuleError();
        if (!(actual instanceof RowResult.Loaded)) {
            failWithMessage("Expected %s to load, but it was %s", subject, describe(actual));
        }
        return ((RowResult.Loaded) actual).row();
    }

    /** A rule that threw is a bug in the test's subject, whatever the assertion expected. */
    private void failOnRuleError() {
        if (actual instanceof RowResult.Rejected && ((RowResult.Rejected) actual).ruleFailed()) {
            RowResult.Rejected rejected = (RowResult.Rejected) actual;
            throw new AssertionError(String.format("At '%s', the code of the rule [%s] threw on %s: %s. That is a failure "
                    + "of the rule, not a rejected value (a rule refuses a value by throwing RejectedValueException)",
                    rejected.column(), rejected.rule(), subject, rejected.reason()), rejected.error().orElseThrow());
        }
    }

    static String describe(RowResult result) {
        if (result instanceof RowResult.Loaded) {
            return "loaded as " + ((RowResult.Loaded) result).row();
        }
        if (result instanceof RowResult.Filtered) {
            return "filtered by '" + ((RowResult.Filtered) result).filter() + "'";
        }
        return "rejected at " + ((RowResult.Rejected) result).describe();
    }

    private static boolean same(Object expected, Object actual) {
        if (expected instanceof BigDecimal && actual instanceof BigDecimal) {
            return ((BigDecimal) expected).compareTo((BigDecimal) actual) == 0;
        }
        return Objects.equals(expected, actual);
    }

    private static String show(Object value) {
        return value == null ? "NULL" : value instanceof String ? "'" + value + "'"
                : value + " (" + value.getClass().getSimpleName() + ")";
    }

    private static Object[] pairs(Row row) {
        Object[] pairs = new Object[row.columns().size() * 2];
        for (int i = 0; i < row.columns().size(); i++) {
            pairs[2 * i] = row.columns().get(i);
            pairs[2 * i + 1] = row.get(i);
        }
        return pairs;
    }
}
