package dev.migrationstudio.review;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import java.util.List;
import java.util.Optional;

/**
 * Whether a set of source columns identifies rows: distinct values and duplicates, measured, or
 * guaranteed by a constraint of the source table.
 *
 * @param columns the columns, in key order
 * @param rowsWithNull rows where some column of the set is NULL (they take no part in uniqueness)
 * @param distinct distinct values among the other rows
 * @param duplicateRows rows that repeat a value an earlier row already has
 * @param duplicateValues values that occur more than once
 * @param examples a few repeated values with how often they occur
 * @param guaranteedBy the primary key or unique constraint that makes the set unique, when the source has one
 *     (then nothing is measured and the counts come from the row count)
 */
public record KeyProfile(List<String> columns, long rowsWithNull, long distinct, long duplicateRows,
                         long duplicateValues, List<ValueExample> examples, Optional<String> guaranteedBy) {

    /**
     * Validates the parts.
     *
     * @param columns the columns, in key order
     * @param rowsWithNull rows where some column of the set is NULL (they take no part in uniqueness)
     * @param distinct distinct values among the other rows
     * @param duplicateRows rows that repeat a value an earlier row already has
     * @param duplicateValues values that occur more than once
     * @param examples a few repeated values with how often they occur
     * @param guaranteedBy the primary key or unique constraint that makes the set unique, when the source has one
     *     (then nothing is measured and the counts come from the row count)
     */
    public KeyProfile {
        columns = Names.requireNames(columns, "key column");
        checkArgument(!columns.isEmpty(), "a key profile needs at least one column");
        checkArgument(rowsWithNull >= 0 && distinct >= 0 && duplicateRows >= 0 && duplicateValues >= 0,
                "key %s: counts must not be negative", columns);
        examples = List.copyOf(examples);
        checkNotNull(guaranteedBy, "guaranteedBy");
    }

    /**
     * A key the source schema guarantees unique.
     *
     * @param columns the key's columns
     * @param constraint the constraint or index that guarantees it, by name
     * @param rows the rows measured
     * @param rowsWithNull the rows where some key column is NULL; at most {@code rows}
     * @return the profile, with no duplicates
     */
    public static KeyProfile guaranteed(List<String> columns, String constraint, long rows, long rowsWithNull) {
        return new KeyProfile(columns, rowsWithNull, rows - rowsWithNull, 0, 0, List.of(), Optional.of(constraint));
    }

    /**
     * Whether no value repeats.
     *
     * @return {@code true} when no value repeats
     */
    public boolean isUnique() {
        return duplicateRows == 0;
    }
}
