package dev.migrationstudio.mapping;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The column names of a family of {@link Row}s, in order. Shared by every row of a table so that a
 * row costs one array, not a map.
 */
public final class RowLayout {
    private final List<String> columns;
    private final Map<String, Integer> positions;

    private RowLayout(List<String> columns) {
        this.columns = Names.requireNames(columns, "column name");
        this.positions = new HashMap<>();
        for (int i = 0; i < this.columns.size(); i++) {
            Integer previous = positions.put(this.columns.get(i), i);
            checkArgument(previous == null, "column '%s' appears twice in a row layout", this.columns.get(i));
        }
    }

    /**
     * A layout of these column names; names must be unique.
     *
     * @param columns the names, in order; not null
     * @return the layout
     */
    public static RowLayout of(List<String> columns) {
        return new RowLayout(checkNotNull(columns, "columns"));
    }

    /**
     * A layout of these column names; names must be unique.
     *
     * @param columns the names, in order
     * @return the layout
     */
    public static RowLayout of(String... columns) {
        return new RowLayout(List.of(columns));
    }

    /**
     * The column names, in order.
     *
     * @return the names, unmodifiable
     */
    public List<String> columns() {
        return columns;
    }

    /**
     * How many columns.
     *
     * @return the number of columns
     */
    public int size() {
        return columns.size();
    }

    /**
     * The position of a column, if the layout has it.
     *
     * @param column the column's name (case matters)
     * @return the position, from 0; empty when the layout has no such column
     */
    public OptionalInt position(String column) {
        Integer position = positions.get(column);
        return position == null ? OptionalInt.empty() : OptionalInt.of(position);
    }

    /**
     * Whether the layout has this column.
     *
     * @param column the column's name (case matters)
     * @return {@code true} if the layout has it
     */
    public boolean contains(String column) {
        return positions.containsKey(column);
    }

    int require(String column) {
        Integer position = positions.get(column);
        if (position == null) {
            throw new IllegalArgumentException("row has no column '" + column + "'; its columns are " + columns);
        }
        return position;
    }

    /**
     * A row of this layout. The values are copied; {@code null} stands for SQL NULL.
     *
     * @param values the values, one per column in order
     * @return the row
     * @throws IllegalArgumentException if the number of values differs from the number of columns
     */
    public Row row(Object... values) {
        checkNotNull(values, "values");
        checkArgument(values.length == columns.size(), "row layout %s has %s columns but %s values were given",
                columns, columns.size(), values.length);
        return new Row(this, values.clone(), null);
    }

    /**
     * A row of this layout that takes ownership of {@code values} instead of copying them: for readers
     * that build one array per row and never touch it again (a row costs one allocation fewer). The
     * caller must not modify the array afterwards, or the row changes with it.
     *
     * @param values the values, one per column in order
     * @return the row
     * @throws IllegalArgumentException if the number of values differs from the number of columns
     */
    public Row adopt(Object[] values) {
        checkNotNull(values, "values");
        checkArgument(values.length == columns.size(), "row layout %s has %s columns but %s values were given",
                columns, columns.size(), values.length);
        return new Row(this, values, null);
    }

    @Override
    public boolean equals(Object o) {
        // Rows of one table share one layout: identity settles the common case without a list comparison.
        return o == this || o instanceof RowLayout && ((RowLayout) o).columns.equals(columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        return columns.toString();
    }
}
