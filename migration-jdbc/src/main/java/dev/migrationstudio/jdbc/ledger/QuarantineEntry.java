package dev.migrationstudio.jdbc.ledger;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.jdbc.QuarantinedRow;

/**
 * A row in the ledger's quarantine: the row with its key, values, rule and reason, and its state.
 *
 * @param state whether it is a bad row or waits for its parent row (the state to branch on)
 * @param row the row: mapping, chunk, key, values, column, rule and reason (text for people)
 */
public record QuarantineEntry(QuarantineState state, QuarantinedRow row) {

    /**
     * Checks the values.
     *
     * @param state whether it is a bad row or waits for its parent row (the state to branch on)
     * @param row the row: mapping, chunk, key, values, column, rule and reason (text for people)
     */
    public QuarantineEntry {
        checkNotNull(state, "state");
        checkNotNull(row, "row");
    }

    /**
     * Whether the row waits for its parent row (each run retries it at its end).
     *
     * @return {@code true} in state {@link QuarantineState#WAITING_FOR_PARENT}
     */
    public boolean waitsForParent() {
        return state == QuarantineState.WAITING_FOR_PARENT;
    }
}
