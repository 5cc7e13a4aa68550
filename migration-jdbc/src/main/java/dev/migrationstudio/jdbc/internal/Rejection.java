package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.jdbc.QuarantinedRow;
import dev.migrationstudio.jdbc.ledger.QuarantineState;
import dev.migrationstudio.format.ValueText;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.RowResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A quarantined row with its source key as typed values, so that it can be read again from the
 * source (the {@link QuarantinedRow} itself holds the key as text for people), and its state.
 *
 * @param row the quarantined row
 * @param sourceKey the source key's values, or null for a table without a key
 * @param state whether it is a bad row or waits for its parent row
 */
record Rejection(QuarantinedRow row, List<Object> sourceKey, QuarantineState state) {

    /**
     * A source row of a table mapping that could not be carried, with its values and key as the
     * ledger keeps them.
     *
     * @param chunk the ledger chunk that quarantines it
     * @param column the column (or, for the database's refusals, the table) it is quarantined for
     */
    static Rejection of(TableJob job, long chunk, Row source, String column, String rule, String reason) {
        return of(job, chunk, source, column, rule, reason, RowResult.Cause.VALUE);
    }

    /** A source row the mapping rejected, with the rejection's cause. */
    static Rejection of(TableJob job, long chunk, Row source, RowResult.Rejected why) {
        return of(job, chunk, source, why.column(), why.rule(), why.reason(), why.cause());
    }

    private static Rejection of(TableJob job, long chunk, Row source, String column, String rule, String reason,
                                RowResult.Cause cause) {
        Map<String, String> values = new LinkedHashMap<>();
        source.asMap().forEach((k, v) -> values.put(k, ValueText.literal(v)));
        List<String> keyColumns = job.keyWidth() == 0 ? source.columns() : source.columns().subList(0, job.keyWidth());
        String key = QuarantinedRow.keyText(keyColumns, source.valuesOf(keyColumns));
        return new Rejection(new QuarantinedRow(job.name(), chunk, key, values, column, rule, reason, cause),
                job.keyWidth() == 0 ? null : source.valuesOf(job.sourceLayout().columns().subList(0, job.keyWidth())));
    }

    /** A bad row. */
    Rejection(QuarantinedRow row, List<Object> sourceKey) {
        this(row, sourceKey, QuarantineState.QUARANTINED);
    }

    /** This rejection, as a row that waits for its parent row (the run retries it at its end). */
    Rejection waitingForParent() {
        return new Rejection(row, sourceKey, QuarantineState.WAITING_FOR_PARENT);
    }

    /** This rejection, recorded in another ledger chunk. */
    Rejection inChunk(long chunk) {
        return new Rejection(new QuarantinedRow(row.mapping(), chunk, row.key(), row.values(), row.column(),
                row.rule(), row.reason(), row.cause()), sourceKey, state);
    }

    /** Whether the row waits for its parent row, to be retried at the end of the run. */
    boolean waitsForParent() {
        return state == QuarantineState.WAITING_FOR_PARENT;
    }
}
