package dev.migrationstudio.jdbc.internal;

import java.sql.Connection;

/** Makes sure only one run of a migration works on a target at a time. */
interface RunLock extends AutoCloseable {

    /** How the lock works, for plans and messages. */
    String describe();

    /**
     * Proves, inside the caller's open transaction on the target, that this run still holds the lock,
     * and keeps it held until that transaction ends. Every commit that writes target rows calls it
     * first, so a run that lost its lock (a paused process whose lease was taken over, a terminated
     * lock session) commits nothing more.
     *
     * @throws dev.migrationstudio.MigrationException "... lost the run lock to ..." when it did not
     */
    void prove(Connection target);

    /**
     * Checks, without locking anything, that this run still holds the lock: before the writes and
     * ledger entries of a commit, so that a run that lost the lock says so rather than failing on the
     * other run's rows. {@link #prove} still guards the commit.
     *
     * @throws dev.migrationstudio.MigrationException "... lost the run lock to ..." when it did not
     */
    void check(Connection target);

    /** Releases the lock. */
    @Override
    void close();
}
