package dev.migrationstudio.jdbc;

import dev.migrationstudio.MigrationException;

/**
 * A migration stopped: a bad row under {@link BadRows#failFast()}, too many quarantined rows, a lost
 * connection. Chunks committed before the failure stay committed and are recorded in the ledger, so
 * a re-run resumes where this one stopped. {@link #result()} tells what was done.
 */
public final class MigrationFailedException extends MigrationException {
    private static final long serialVersionUID = 1L;

    private final transient MigrationResult result;

    /**
     * @param message what failed and where
     * @param result what the run did before it failed
     * @param cause the failure
     */
    public MigrationFailedException(String message, MigrationResult result, Throwable cause) {
        super(message, cause);
        this.result = result;
    }

    /**
     * What the run did before it failed.
     *
     * @return what the run did up to the failure; the failed table's status is {@link TableResult.Status#FAILED}
     */
    public MigrationResult result() {
        return result;
    }
}
