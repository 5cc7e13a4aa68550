package dev.migrationstudio.mapping;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.mapping.internal.Decimals;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One row of a table: column names with their values, {@code null} standing for SQL NULL.
 * Immutable. This is what mapping rules read and produce, in memory and over JDBC alike.
 *
 * <pre>{@code
 * Row row = Row.of("customer_id", 1, "first_name", " Luís ", "email", "LUIS@EXAMPLE.COM");
 * row.string("first_name");   // " Luís "
 * row.integer("customer_id"); // 1
 * }</pre>
 *
 * <p>Typed getters fail with a message naming the column and the value's actual type rather than
 * converting silently.
 */
public final class Row {
    private final RowLayout layout;
    private final Object[] values;
    private final BitSet readable;

    Row(RowLayout layout, Object[] values, BitSet readable) {
        this.layout = layout;
        this.values = values;
        this.readable = readable;
    }

    /**
     * A row from alternating names and values: {@code Row.of("id", 1, "name", "Ada")}.
     *
     * @param namesAndValues names (strings) and values in turn; a value may be {@code null}
     * @return the row
     * @throws IllegalArgumentException if the arguments are not name/value pairs
     */
    public static Row of(Object... namesAndValues) {
        checkNotNull(namesAndValues, "namesAndValues");
        checkArgument(namesAndValues.length % 2 == 0, "Row.of takes name/value pairs, got %s arguments",
                namesAndValues.length);
        String[] names = new String[namesAndValues.length / 2];
        Object[] values = new Object[names.length];
        for (int i = 0; i < names.length; i++) {
            Object name = namesAndValues[2 * i];
            checkArgument(name instanceof String, "argument %s of Row.of must be a column name, got %s", 2 * i, name);
            names[i] = (String) name;
            values[i] = namesAndValues[2 * i + 1];
        }
        return new Row(RowLayout.of(names), values, null);
    }

    /**
     * A row from a map, in the map's iteration order; values may be null.
     *
     * @param values column to value; not null
     * @return the row
     */
    public static Row of(Map<String, ?> values) {
        checkNotNull(values, "values");
        RowLayout layout = RowLayout.of(List.copyOf(values.keySet()));
        return new Row(layout, values.values().toArray(), null);
    }

    /**
     * The layout (column names) of this row.
     *
     * @return the layout
     */
    public RowLayout layout() {
        return layout;
    }

    /**
     * The column names, in order.
     *
     * @return the names
     */
    public List<String> columns() {
        return layout.columns();
    }

    /**
     * Whether the row has this column.
     *
     * @param column the column's name (case matters)
     * @return {@code true} if the row has it
     */
    public boolean has(String column) {
        return layout.contains(column);
    }

    /**
     * The value of a column, {@code null} for SQL NULL.
     *
     * @param column the column's name (case matters)
     * @return the value
     * @throws IllegalArgumentException if the row has no such column, or if this row was handed to a
     *     rule that did not declare it among the columns it reads
     */
    public Object get(String column) {
        int position = layout.require(column);
        if (readable != null && !readable.get(position)) {
            throw new IllegalArgumentException("column '" + column + "' was read but not declared; declared reads are "
                    + declaredReads());
        }
        return values[position];
    }

    /**
     * The value at a position, {@code null} for SQL NULL.
     *
     * @param position the column's position, from 0
     * @return the value
     */
    public Object get(int position) {
        return values[position];
    }

    /**
     * Whether the column holds NULL.
     *
     * @param column the column's name
     * @return {@code true} for SQL NULL
     */
    public boolean isNull(String column) {
        return get(column) == null;
    }

    /**
     * The column as a string; fails if it holds something else.
     *
     * @param column the column's name
     * @return the string, or {@code null} for SQL NULL
     */
    public String string(String column) {
        return typed(column, String.class);
    }

    /**
     * The column as an Integer; accepts any integral number that fits.
     *
     * @param column the column's name
     * @return the value, or {@code null} for SQL NULL
     */
    public Integer integer(String column) {
        Object value = get(column);
        if (value == null || value instanceof Integer) {
            return (Integer) value;
        }
        BigDecimal number = exactNumber(column, value);
        try {
            return number.intValueExact();
        } catch (ArithmeticException e) {
            throw wrongType(column, value, "an Integer");
        }
    }

    /**
     * The column as a Long; accepts any integral number that fits.
     *
     * @param column the column's name
     * @return the value, or {@code null} for SQL NULL
     */
    public Long longValue(String column) {
        Object value = get(column);
        if (value == null || value instanceof Long) {
            return (Long) value;
        }
        BigDecimal number = exactNumber(column, value);
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            throw wrongType(column, value, "a Long");
        }
    }

    /**
     * The column as a BigDecimal; accepts any number (floating-point values by their decimal form).
     *
     * @param column the column's name
     * @return the value, or {@code null} for SQL NULL
     */
    public BigDecimal decimal(String column) {
        Object value = get(column);
        return value == null ? null : exactNumber(column, value);
    }

    /**
     * The column as a Boolean.
     *
     * @param column the column's name
     * @return the value, or {@code null} for SQL NULL
     */
    public Boolean bool(String column) {
        return typed(column, Boolean.class);
    }

    /**
     * The column as a LocalDate.
     *
     * @param column the column's name
     * @return the value, or {@code null} for SQL NULL
     */
    public LocalDate date(String column) {
        return typed(column, LocalDate.class);
    }

    /**
     * The column as a LocalDateTime.
     *
     * @param column the column's name
     * @return the value, or {@code null} for SQL NULL
     */
    public LocalDateTime timestamp(String column) {
        return typed(column, LocalDateTime.class);
    }

    /**
     * The column cast to {@code type}; fails naming the column if it holds something else.
     *
     * @param <T> the expected type
     * @param column the column's name
     * @param type the expected type
     * @return the value, or {@code null} for SQL NULL
     */
    public <T> T typed(String column, Class<T> type) {
        Object value = get(column);
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        throw wrongType(column, value, "a " + type.getSimpleName());
    }

    /**
     * The values in column order; a fresh copy, {@code null} for SQL NULL.
     *
     * @return the values
     */
    public Object[] values() {
        return values.clone();
    }

    /**
     * Column to value, in column order; unmodifiable, may contain nulls.
     *
     * @return the map
     */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(layout.columns().get(i), values[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * The values of some columns, in the order given.
     *
     * @param columns the columns' names
     * @return the values, {@code null} for SQL NULL
     */
    public List<Object> valuesOf(List<String> columns) {
        Object[] selected = new Object[columns.size()];
        for (int i = 0; i < selected.length; i++) {
            selected[i] = get(columns.get(i));
        }
        return Collections.unmodifiableList(Arrays.asList(selected));
    }

    /**
     * This row as a rule that declares {@code columns} as its reads sees it: reading any other column
     * fails, exactly as during {@link TableMapping#apply(Row)}. Lets tools outside the mapping evaluate
     * a derivation or filter with the same guarantees.
     *
     * @param columns the columns the rule may read
     * @return a view of this row
     * @throws IllegalArgumentException if the row lacks one of the columns
     */
    public Row restrictedTo(List<String> columns) {
        checkNotNull(columns, "columns");
        BitSet positions = new BitSet(layout.size());
        for (String column : columns) {
            positions.set(layout.require(column));
        }
        return restrictedTo(positions);
    }

    /** This row, restricted so that reading any column outside {@code positions} fails. */
    Row restrictedTo(BitSet positions) {
        return new Row(layout, values, positions);
    }

    private List<String> declaredReads() {
        return readable.stream().mapToObj(i -> layout.columns().get(i)).toList();
    }

    private BigDecimal exactNumber(String column, Object value) {
        BigDecimal number = Decimals.of(value);
        if (number == null) {
            throw wrongType(column, value, "a number");
        }
        return number;
    }

    private static IllegalArgumentException wrongType(String column, Object value, String expected) {
        return new IllegalArgumentException("column '" + column + "' holds " + value.getClass().getSimpleName()
                + " " + value + ", not " + expected);
    }

    /** Rows are equal when they have the same columns in the same order and equal values. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Row)) {
            return false;
        }
        Row other = (Row) o;
        return layout.equals(other.layout) && Arrays.deepEquals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(layout, Arrays.deepHashCode(values));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(layout.columns().get(i)).append('=').append(values[i]);
        }
        return text.append('}').toString();
    }
}
