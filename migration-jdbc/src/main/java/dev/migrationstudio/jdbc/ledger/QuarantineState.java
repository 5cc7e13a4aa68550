package dev.migrationstudio.jdbc.ledger;

/**
 * Where a quarantined row stands, as the ledger records it in a column of its own. Code branches on
 * this state, never on a row's rule or reason, which are text for people and may be reworded.
 */
public enum QuarantineState {
    /**
     * A bad row: a rule of the mapping or a constraint of the target refused it. It stays in the
     * quarantine until someone repairs it; no run tries it again.
     */
    QUARANTINED,

    /**
     * A row a foreign key refused because its parent row was not in the target yet. Each run retries
     * it at its end; once its parent is there it is loaded and leaves the quarantine.
     */
    WAITING_FOR_PARENT
}
