package dev.migrationstudio.inventory;

import dev.migrationstudio.Names;
import java.util.List;

/**
 * A primary or unique key.
 *
 * @param name the constraint name
 * @param columns the key's columns, in key order
 */
public record KeyInfo(String name, List<String> columns) {

    /**
     * Validates the parts.
     *
     * @param name the constraint name
     * @param columns the key's columns, in key order
     */
    public KeyInfo {
        Names.requireName(name, "key name");
        columns = Names.requireNames(columns, "key column");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("key " + name + " needs at least one column");
        }
    }

    /**
     * Whether the key has more than one column.
     *
     * @return {@code true} for a composite key
     */
    public boolean isComposite() {
        return columns.size() > 1;
    }
}
