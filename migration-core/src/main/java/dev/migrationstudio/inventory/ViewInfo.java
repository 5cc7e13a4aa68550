package dev.migrationstudio.inventory;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;

/**
 * A view, with what it reads. The reads come from the engine's dependency catalog when discovered,
 * so that a mapping review can tell which views a rename or a drop breaks.
 *
 * @param id the view's name
 * @param definition the view's SQL as the engine reports it, or the empty string
 * @param reads the tables (and, where known, columns) the view reads
 */
public record ViewInfo(TableId id, String definition, List<Reference> reads) {

    /**
     * Validates the parts.
     *
     * @param id the view's name
     * @param definition the view's SQL as the engine reports it, or the empty string
     * @param reads the tables (and, where known, columns) the view reads
     */
    public ViewInfo {
        checkNotNull(id, "view id");
        checkNotNull(definition, "definition of view %s", id);
        reads = List.copyOf(reads);
    }

    /**
     * A view known only by name and what it reads.
     *
     * @param name the view's name, alone or with its schema
     * @param reads the tables and columns it reads
     * @return the view, with no definition
     */
    public static ViewInfo of(String name, Reference... reads) {
        return new ViewInfo(TableId.of(name), "", List.of(reads));
    }
}
