package dev.migrationstudio.inventory;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import java.util.Optional;

/**
 * What an artifact or a view depends on: a whole table, or one column of it.
 *
 * @param table the table
 * @param column the column, or empty for the whole table
 */
public record Reference(TableId table, Optional<String> column) {

    /**
     * Validates the parts.
     *
     * @param table the table
     * @param column the column, or empty for the whole table
     */
    public Reference {
        checkNotNull(table, "table");
        checkNotNull(column, "column");
        column.ifPresent(c -> Names.requireName(c, "column"));
    }

    /**
     * A whole table.
     *
     * @param table the table's name, alone or with its schema
     * @return the reference
     */
    public static Reference table(String table) {
        return new Reference(TableId.of(table), Optional.empty());
    }

    /**
     * One column of a table.
     *
     * @param table the table's name, alone or with its schema
     * @param column the column's name
     * @return the reference
     */
    public static Reference column(String table, String column) {
        return new Reference(TableId.of(table), Optional.of(column));
    }

    /**
     * Parses the short form people write in declarations: {@code "invoice"} for a table,
     * {@code "invoice.total"} for a column (the first dot separates table and column). Use the
     * factories for names that contain dots themselves.
     *
     * @param text the reference; not blank
     * @return the reference
     */
    public static Reference parse(String text) {
        Names.requireName(text, "reference");
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            return table(text);
        }
        return column(text.substring(0, dot), text.substring(dot + 1));
    }

    /**
     * Whether this reference touches the given column of the given table (a whole-table read does).
     *
     * @param otherTable the table
     * @param otherColumn the column's name
     * @return {@code true} if this reference is that column or the whole table
     */
    public boolean touches(TableId otherTable, String otherColumn) {
        return otherTable.matches(table) && column.map(c -> c.equals(otherColumn)).orElse(true);
    }

    @Override
    public String toString() {
        return column.map(c -> table + "." + c).orElse(table.toString());
    }
}
