package dev.migrationstudio.inventory;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import java.util.List;

/**
 * A foreign key from a table's columns to a parent table's key.
 *
 * @param name the constraint name
 * @param columns the referencing columns in the child table
 * @param referencedTable the parent table
 * @param referencedColumns the parent's columns, in the same order as {@code columns}
 */
public record ForeignKeyInfo(String name, List<String> columns, TableId referencedTable,
                             List<String> referencedColumns) {

    /**
     * Validates the parts.
     *
     * @param name the constraint name
     * @param columns the referencing columns in the child table
     * @param referencedTable the parent table
     * @param referencedColumns the parent's columns, in the same order as {@code columns}
     */
    public ForeignKeyInfo {
        Names.requireName(name, "foreign key name");
        columns = Names.requireNames(columns, "foreign key column");
        checkNotNull(referencedTable, "referenced table of %s", name);
        referencedColumns = Names.requireNames(referencedColumns, "referenced column");
        checkArgument(!columns.isEmpty(), "foreign key %s needs at least one column", name);
        checkArgument(columns.size() == referencedColumns.size(),
                "foreign key %s has %s columns but references %s", name, columns.size(), referencedColumns.size());
    }

    /**
     * Whether the key has more than one column.
     *
     * @return {@code true} for a composite key
     */
    public boolean isComposite() {
        return columns.size() > 1;
    }

    /**
     * E.g. {@code (reports_to) -> employee(employee_id)}.
     *
     * @return the columns and the referenced table and columns, on one line
     */
    public String describe() {
        return "(" + String.join(", ", columns) + ") -> " + referencedTable
                + "(" + String.join(", ", referencedColumns) + ")";
    }
}
