package dev.migrationstudio.test;

import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.RowResult;
import dev.migrationstudio.mapping.TableMapping;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on one {@link TableMapping}: give it a source row, then say what should become of it. */
public final class TableMappingAssert extends AbstractAssert<TableMappingAssert, TableMapping> {

    TableMappingAssert(TableMapping actual) {
        super(actual, TableMappingAssert.class);
    }

    /**
     * Maps {@code row} with {@link TableMapping#apply}, the code the migration runs.
     *
     * @param row a source row with every column the mapping reads
     * @return assertions on the outcome: loaded, filtered or rejected
     */
    public RowResultAssert given(Row row) {
        isNotNull();
        return new RowResultAssert(actual.apply(row), actual.describe() + " given " + row);
    }

    /**
     * Maps the row of these column names and values ({@link Row#of(Object...)}).
     *
     * @param namesAndValues {@code "customer_id", 1, "email", "A@B.C", ...}
     * @return assertions on the outcome: loaded, filtered or rejected
     */
    public RowResultAssert given(Object... namesAndValues) {
        return given(Row.of(namesAndValues));
    }

    /**
     * Maps every row of a sample (rows drawn from a real source, for example)
     * and fails, naming each row, if a rule's code throws on any of them. Loaded, filtered and rejected
     * rows are all fine: the sample is there to find rules that break on real values.
     *
     * @param rows source rows
     * @return this, for more assertions on the mapping
     */
    public TableMappingAssert mapsWithoutRuleFailures(Iterable<Row> rows) {
        isNotNull();
        List<String> failures = new ArrayList<>();
        RuntimeException first = null;
        for (Row row : rows) {
            RowResult result = actual.apply(row);
            if (result instanceof RowResult.Rejected && ((RowResult.Rejected) result).ruleFailed()) {
                RowResult.Rejected rejected = (RowResult.Rejected) result;
                failures.add(row + ": " + rejected.describe());
                first = first == null ? rejected.error().orElseThrow() : first;
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.format("Expected the rules of %s to run on every sampled row, but their "
                    + "code threw on %d:%n  %s%n(the first exception is the cause)", actual.describe(),
                    failures.size(), String.join(System.lineSeparator() + "  ", failures)), first);
        }
        return this;
    }
}
