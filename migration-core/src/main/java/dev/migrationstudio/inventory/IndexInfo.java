package dev.migrationstudio.inventory;

import static com.google.common.base.Preconditions.checkArgument;

import dev.migrationstudio.Names;
import java.util.List;

/**
 * An index on a table.
 *
 * @param name the index name
 * @param columns the indexed columns (or expressions, as the engine reports them), in order
 * @param unique whether the index keeps its columns unique over every row (a partial or expression
 *     index, which keeps only some rows or an expression unique, is recorded as not unique)
 */
public record IndexInfo(String name, List<String> columns, boolean unique) {

    /**
     * Validates the parts.
     *
     * @param name the index name
     * @param columns the indexed columns (or expressions, as the engine reports them), in order
     * @param unique whether the index keeps its columns unique over every row (a partial or expression index,
     *     which keeps only some rows or an expression unique, is recorded as not unique)
     */
    public IndexInfo {
        Names.requireName(name, "index name");
        columns = Names.requireNames(columns, "index column");
        checkArgument(!columns.isEmpty(), "index %s needs at least one column", name);
    }
}
