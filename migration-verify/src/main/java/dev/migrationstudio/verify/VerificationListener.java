package dev.migrationstudio.verify;

import dev.migrationstudio.inventory.TableId;

/**
 * Progress of a verification, for a progress bar or a log. Methods are called from worker threads;
 * implementations must be thread-safe and quick. Every method does nothing by default.
 *
 * <pre>{@code
 * Verifier.between(source, target).spec(spec)
 *     .listener(new VerificationListener() {
 *         public void progress(TableId table, String phase, long done, long total) {
 *             System.out.printf("%s %s %d/%d%n", table, phase, done, total);
 *         }
 *     })
 *     .verify();
 * }</pre>
 */
public interface VerificationListener {

    /**
     * A table's verification starts.
     *
     * @param target the target table
     */
    default void tableStarted(TableId target) {
    }

    /**
     * Work done within a phase of a table, e.g. {@code checksums} chunks read out of the total.
     *
     * @param done units done so far
     * @param total units in the phase
     * @param target the target table
     * @param phase the phase's name, e.g. {@code checksums}
     */
    default void progress(TableId target, String phase, long done, long total) {
    }

    /**
     * A table's verification finished.
     *
     * @param result the table's outcome
     */
    default void tableFinished(TableVerification result) {
    }
}
