package dev.migrationstudio.review;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import dev.migrationstudio.mapping.Row;

/**
 * A whole source row the profiler kept because it holds an edge of the data: a column's NULL, its
 * longest text, its smallest or largest number, its earliest or latest time, or a value a mapping's
 * rule refuses. A handful of them per table make a fixture for a test that runs the mapping (and a
 * scratch target) on what production really holds.
 *
 * @param why what the row holds, e.g. {@code longest name (123 characters)}
 * @param row the row, as the profiler read it
 */
public record SampleRow(String why, Row row) {

    /**
     * Validates the parts.
     *
     * @param why what the row holds, e.g. {@code longest name (123 characters)}
     * @param row the row, as the profiler read it
     */
    public SampleRow {
        Names.requireName(why, "why");
        checkNotNull(row, "row");
    }
}
