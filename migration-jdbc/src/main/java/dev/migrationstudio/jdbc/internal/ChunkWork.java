package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.jdbc.QuarantinedRow;
import dev.migrationstudio.mapping.Row;
import java.util.List;
import java.util.Map;

/**
 * A chunk read and mapped, waiting to be written.
 *
 * @param number the chunk's number within its table
 * @param lastKey the key of the chunk's last source row, where the next chunk starts
 * @param read source rows read
 * @param sources the source rows of {@code targets}, same order (kept to quarantine a row the database refuses)
 * @param targets mapped rows to write
 * @param filtered rows filtered, by rule
 * @param rejected rows the mapping rejected
 */
record ChunkWork(long number, List<Object> lastKey, long read, List<Row> sources, List<Row> targets,
                 Map<String, Long> filtered, List<QuarantinedRow> rejected) {

    /** Marks the end of a table's chunks. */
    static final ChunkWork END = new ChunkWork(-1, List.of(), 0, List.of(), List.of(), Map.of(), List.of());
}
