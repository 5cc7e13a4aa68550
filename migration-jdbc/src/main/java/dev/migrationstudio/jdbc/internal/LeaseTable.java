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
     */
    record Lease(String owner, LocalDateTime heartbeatAt, Long leaseMillis) {
    }

    /** The table's name, for messages. */
    String tableName() {
        return schema.locks().toString();
    }

    /** The current lease of a migration, locked until the transaction ends. */
    Optional<Lease> lockCurrent(DSLContext sql, String migration) {
        Record current = sql.select(schema.owner, schema.heartbeatAt, schema.leaseMillis).from(schema.locks())
                .where(schema.migration.eq(migration)).forUpdate().fetchOne();
        return Optional.ofNullable(current).map(r -> new Lease(r.get(schema.owner), r.get(schema.heartbeatAt),
                r.get(schema.leaseMillis)));
    }

    /** Records a new lease. */
    void insert(DSLContext sql, String migration, String owner, LocalDateTime now, long leaseMillis) {
        sql.insertInto(schema.locks(), schema.migration, schema.owner, schema.acquiredAt, schema.heartbeatAt,
                schema.leaseMillis).values(migration, owner, now, now, leaseMillis).execute();
    }

    /** Gives an expired lease to a new owner. */
    void takeOver(DSLContext sql, String migration, String owner, LocalDateTime now, long leaseMillis) {
        sql.update(schema.locks()).set(schema.owner, owner).set(schema.acquiredAt, now).set(schema.heartbeatAt, now)
                .set(schema.leaseMillis, leaseMillis).where(schema.migration.eq(migration)).execute();
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
