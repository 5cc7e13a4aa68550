package dev.migrationstudio.jdbc.ledger;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.jdbc.RowCounts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One committed chunk of a table mapping, as the ledger records it. A chunk's rows and its ledger
 * row commit in one transaction, so a recorded chunk is exactly the work that was committed.
 *
 * @param mapping the table mapping, as {@code TableMapping.describe()}, e.g. {@code customer -> client}
 * @param number the chunk's number, from 1, in key order
 * @param lastKey the source key of the chunk's last row, where a resumed run reads on; empty for a
 *     table without a key (reloaded whole in one chunk)
 * @param counts the chunk's rows: read = loaded + filtered + quarantined (rows that waited for their
 *     parent and were loaded later count as loaded)
 */
public record LedgerChunk(String mapping, long number, Optional<List<Object>> lastKey, RowCounts counts) {

    /**
     * Checks the values and copies the key (whose values may include NULL).
     *
     * @param mapping the table mapping, as {@code TableMapping.describe()}, e.g. {@code customer -> client}
     * @param number the chunk's number, from 1, in key order
     * @param lastKey the source key of the chunk's last row, where a resumed run reads on; empty for a table
     *     without a key (reloaded whole in one chunk)
     * @param counts the chunk's rows: read = loaded + filtered + quarantined (rows that waited for their parent
     *     and were loaded later count as loaded)
     */
    public LedgerChunk {
        checkNotNull(mapping, "mapping");
        checkArgument(number >= 0, "chunk number must not be negative, got %s", number);
        lastKey = checkNotNull(lastKey, "lastKey").map(key -> Collections.unmodifiableList(new ArrayList<>(key)));
        checkNotNull(counts, "counts");
    }
}
