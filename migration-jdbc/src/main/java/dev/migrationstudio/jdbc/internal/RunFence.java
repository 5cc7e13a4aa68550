package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.MigrationException;
import java.sql.Connection;
import java.util.Optional;

/**
 * What a run took the lock with: the lease row's owner and fencing token. Every commit that writes
 * target rows {@linkplain #prove proves} with it, inside its own transaction, that the run still
 * holds the lock. The owner names one run (it holds a random id), so a token that starts again at 1
 * after the row was released never lets an older run through; the token tells people how many times
 * the lock changed hands.
 *
 * @param ledger where the lease row is
 * @param migration the migration's name
 * @param owner who this run is in the lease row
 * @param token the token this run took the lock with
 */
record RunFence(Ledger ledger, String migration, String owner, long token) implements RunLock {

    /** The fence alone, as a chunk-parallel runner's workers hold it: the run that took the lock keeps it. */
    @Override
    public String describe() {
        return "the run lock's fence, token " + token;
    }

    /** Nothing to release: the run that took the lock releases it. */
    @Override
    public void close() {
    }

    /**
     * Locks the lease row in the caller's open transaction and checks that it is still this run's:
     * until that transaction ends, no other run can take the lock, so what the transaction commits
     * was written by the lock's holder.
     *
     * @throws MigrationException "lost the run lock to ..." when another run took it (or the row is gone)
     */
    @Override
    public void prove(Connection target) {
        check(target, true);
    }

    /**
     * Checks, without locking anything, that the lease row is still this run's: a run that lost the
     * lock learns it before writing its ledger entry, which would collide with the other run's.
     *
     * @throws MigrationException "lost the run lock to ..." when another run took it (or the row is gone)
     */
    @Override
    public void check(Connection target) {
        check(target, false);
    }

    private void check(Connection target, boolean lock) {
        Optional<LeaseTable.Lease> current = ledger.leases().current(ledger.dsl(target), migration, lock);
        if (current.isPresent() && current.get().owner() != null && current.get().owner().equals(owner)
                && current.get().token() == token) {
            return;
        }
        String holder = current.map(l -> l.owner() + " (lock token " + l.token() + ")")
                .orElse("another run, which has since released it (no lease row in " + ledger.leases().tableName()
                        + ")");
        throw lost(migration, holder, "this run held token " + token);
    }

    /** The failure of a run that no longer holds its lock. */
    static MigrationException lost(String migration, String holder, String detail) {
        return new MigrationException("migration '" + migration + "' lost the run lock to " + holder + "; " + detail
                + ". It stopped writing and rolled back its open chunk; what it committed before stays, recorded "
                + "in the ledger, and a new run resumes after the holder is done");
    }
}
