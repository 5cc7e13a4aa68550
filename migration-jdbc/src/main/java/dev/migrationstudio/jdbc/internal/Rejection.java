package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.jdbc.QuarantinedRow;
import java.util.List;

/**
 * A quarantined row with its source key as typed values, so that it can be read again from the
 * source (the {@link QuarantinedRow} itself holds the key as text for people).
 *
 * @param row the quarantined row
 * @param sourceKey the source key's values, or null for a table without a key
 */
record Rejection(QuarantinedRow row, List<Object> sourceKey) {

    /** This rejection, recorded in another ledger chunk. */
    Rejection inChunk(long chunk) {
        return new Rejection(new QuarantinedRow(row.mapping(), chunk, row.key(), row.values(), row.column(),
                row.rule(), row.reason()), sourceKey);
    }

    /** Whether the row waits for its parent row, to be retried at the end of the run. */
    boolean waitsForParent() {
        return row.rule().equals(Ledger.MISSING_PARENT);
    }
}
