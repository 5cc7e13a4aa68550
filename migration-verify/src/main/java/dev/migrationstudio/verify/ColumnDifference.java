package dev.migrationstudio.verify;

import dev.migrationstudio.Names;

/**
 * One column of a row that differs between what the mapping says the target should hold and what it
 * holds.
 *
 * @param column the target column
 * @param expected the value the source row maps to; {@code null} stands for SQL NULL
 * @param actual the value found in the target; {@code null} stands for SQL NULL
 */
public record ColumnDifference(String column, Object expected, Object actual) {

    /** Validates the column name. */
    public ColumnDifference {
        Names.requireName(column, "column");
    }

    /** E.g. {@code total: expected 1.98, found 1.99}. */
    public String describe() {
        return column + ": expected " + CanonicalValues.display(expected) + ", found " + CanonicalValues.display(actual);
    }
}
