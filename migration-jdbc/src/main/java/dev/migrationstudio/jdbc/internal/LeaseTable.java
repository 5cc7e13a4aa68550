package dev.migrationstudio.jdbc.internal;

import java.time.LocalDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The ledger's lock table: one lease row per running migration, with its owner, when it was taken,
 * its last heartbeat and its duration. {@link LeaseLock} decides when to take, renew and give up a
 * lease; this class only reads and writes the rows.
 */
final class LeaseTable {
    private final LedgerSchema schema;

    LeaseTable(LedgerSchema schema) {
        this.schema = schema;
    }

    /**
     * The lease row of a migration, as its holder recorded it.
     *
     * @param owner who holds it
     * @param heartbeatAt the holder's last heartbeat, by the database's clock
     * @param leaseMillis the holder's lease duration, or null in rows written before leases had one
     *     (and in rows of runs holding a PostgreSQL advisory lock, which do not expire)
     * @param token the fencing token the holder took it with; 0 in rows written before tokens
     */
    record Lease(String owner, LocalDateTime heartbeatAt, Long leaseMillis, long token) {
    }

    /** The table's name, for messages. */
    String tableName() {
        return schema.locks().toString();
    }

    /** The current lease of a migration, locked until the transaction ends. */
    Optional<Lease> lockCurrent(DSLContext sql, String migration) {
        return current(sql, migration, true);
    }

    /** The current lease of a migration, as last committed; locked until the transaction ends if {@code lock}. */
    Optional<Lease> current(DSLContext sql, String migration, boolean lock) {
        var query = sql.select(schema.owner, schema.heartbeatAt, schema.leaseMillis, schema.token)
                .from(schema.locks()).where(schema.migration.eq(migration));
        Record current = lock ? query.forUpdate().fetchOne() : query.fetchOne();
        return Optional.ofNullable(current).map(r -> new Lease(r.get(schema.owner), r.get(schema.heartbeatAt),
                r.get(schema.leaseMillis), r.get(schema.token) == null ? 0 : r.get(schema.token)));
    }

    /**
     * Records a new lease, with the first token.
     *
     * @param leaseMillis its duration, or null for a lease that does not expire by itself
     * @return its token
     */
    long insert(DSLContext sql, String migration, String owner, LocalDateTime now, Long leaseMillis) {
        sql.insertInto(schema.locks(), schema.migration, schema.owner, schema.acquiredAt, schema.heartbeatAt,
                schema.leaseMillis, schema.token).values(migration, owner, now, now, leaseMillis, 1L).execute();
        return 1;
    }

    /**
     * Gives a lease, locked by {@link #lockCurrent}, to a new owner with the next token: from then on,
     * the commits of the previous owner fail their {@link RunFence} check.
     *
     * @param leaseMillis its duration, or null for a lease that does not expire by itself
     * @return the new token
     */
    long takeOver(DSLContext sql, Lease current, String migration, String owner, LocalDateTime now,
                  Long leaseMillis) {
        long next = current.token() + 1;
        sql.update(schema.locks()).set(schema.owner, owner).set(schema.acquiredAt, now).set(schema.heartbeatAt, now)
                .set(schema.leaseMillis, leaseMillis).set(schema.token, next)
                .where(schema.migration.eq(migration)).execute();
        return next;
    }

    /**
     * Takes the lease row whoever holds it: for a run that already holds the migration's lock by other
     * means (a PostgreSQL advisory lock), so that the token fences out the run that held it before.
     *
     * @return the new token
     */
    long claim(DSLContext sql, String migration, String owner, LocalDateTime now) {
        Optional<Lease> current = lockCurrent(sql, migration);
        return current.isEmpty() ? insert(sql, migration, owner, now, null)
                : takeOver(sql, current.get(), migration, owner, now, null);
    }

    /** Records a heartbeat; returns 0 when the lease is no longer the owner's. */
    int renew(DSLContext sql, String migration, String owner, LocalDateTime now) {
        return sql.update(schema.locks()).set(schema.heartbeatAt, now)
                .where(schema.migration.eq(migration)).and(schema.owner.eq(owner)).execute();
    }

    /** Deletes the owner's lease. */
    void release(DSLContext sql, String migration, String owner) {
        sql.deleteFrom(schema.locks()).where(schema.migration.eq(migration)).and(schema.owner.eq(owner)).execute();
    }
}
