package dev.migrationstudio;

/**
 * Root of the unchecked exceptions raised while a migration runs (as opposed to
 * {@link InvalidPlanException}, which reports a mistake in the plan itself). The cause is always kept.
 */
public class MigrationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed and where (table, chunk, key), never a password */
    public MigrationException(String message) {
        super(message);
    }

    /**
     * @param message what failed and where (table, chunk, key), never a password
     * @param cause the underlying failure
     */
    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
