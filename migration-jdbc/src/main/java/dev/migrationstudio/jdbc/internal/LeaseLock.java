package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.MigrationException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lease row in the ledger's lock table, kept alive by a heartbeat. Used on engines without
 * advisory locks. A run that dies stops renewing its lease, and once the lease is older than its
 * duration another run may take it over: a crash never blocks the migration for good.
 *
 * <p>Times are the database's clock ({@code CURRENT_TIMESTAMP} would differ between engines in type,
 * so the lease compares times written by the same expression), never the clocks of the machines
 * running the migration, which may disagree.
 */
final class LeaseLock implements RunLock {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseLock.class);
    private static final long DEFAULT_LEASE_MILLIS = 30_000;

    private final DataSource target;
    private final Ledger ledger;
    private final String migration;
    private final String owner;
    private final Duration lease;
    private final ScheduledExecutorService heartbeat;
    private final RunFence fence;

    private LeaseLock(DataSource target, Ledger ledger, String migration, String owner, Duration lease, long token,
                      boolean background) {
        this.target = target;
        this.fence = new RunFence(ledger, migration, owner, token);
        this.ledger = ledger;
        this.migration = migration;
        this.owner = owner;
        this.lease = lease;
        if (!background) {
            this.heartbeat = null;
            return;
        }
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "migration-lease-" + migration);
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(50, lease.toMillis() / 3);
        heartbeat.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    /** Who this process is, for the lock table: host, process id and a run id. */
    static String ownerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return host + "/pid " + ManagementFactory.getRuntimeMXBean().getPid() + "/" + UUID.randomUUID();
    }

    /**
     * Takes the lease, waiting up to {@code wait} for another run's lease to end or expire.
     *
     * @param background whether a thread of its own renews the lease on a connection of its own; without
     *     it (a run on one borrowed connection, which a second thread would commit under the chunk's
     *     feet) every commit renews the lease in its own transaction, in {@link #prove}
     * @throws MigrationException if another live run holds it
     */
    static LeaseLock acquire(DataSource target, Ledger ledger, String migration, Duration lease, Duration wait,
                             boolean background) {
        String owner = ownerId();
        Instant deadline = Instant.now().plus(wait);
        while (true) {
            Attempt attempt = tryAcquire(target, ledger, migration, owner, lease);
            if (attempt.holder() == null) {
                return new LeaseLock(target, ledger, migration, owner, lease, attempt.token(), background);
            }
            String holder = attempt.holder();
            if (!Instant.now().isBefore(deadline)) {
                throw new MigrationException("migration '" + migration + "' is already running against this target "
                        + "(lease held by " + holder + "); wait for it to finish, or for its lease of "
                        + lease.toSeconds() + " s to expire if it died");
            }
            pause();
        }
    }

    /** Waits a little between attempts to take a lock held by another run. */
    static void pause() {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        if (Thread.currentThread().isInterrupted()) {
            throw new MigrationException("interrupted while waiting for the run lock");
        }
    }

    /** An attempt to take the lease: the token it was taken with, or who holds it. */
    private record Attempt(long token, String holder) {
        static Attempt taken(long token) {
            return new Attempt(token, null);
        }

        static Attempt heldBy(String holder) {
            return new Attempt(0, holder);
        }
    }

    private static Attempt tryAcquire(DataSource target, Ledger ledger, String migration, String owner, Duration lease) {
        LeaseTable leases = ledger.leases();
        try (Connection connection = target.getConnection()) {
            connection.setAutoCommit(false);
            DSLContext sql = ledger.dsl(connection);
            Optional<LeaseTable.Lease> current = leases.lockCurrent(sql, migration);
            LocalDateTime now = databaseNow(sql);
            long token;
            if (current.isEmpty()) {
                token = leases.insert(sql, migration, owner, now, lease.toMillis());
            } else if (expired(current.get(), now)) {
                LOG.warn("Taking over the lease of migration '{}' from {}: its last heartbeat was at {}, longer ago "
                        + "than its lease", migration, current.get().owner(), current.get().heartbeatAt());
                token = leases.takeOver(sql, current.get(), migration, owner, now, lease.toMillis());
            } else {
                connection.rollback();
                return Attempt.heldBy(current.get().owner() + " since its last heartbeat at "
                        + current.get().heartbeatAt());
            }
            connection.commit();
            return Attempt.taken(token);
        } catch (SQLException | RuntimeException e) {
            if (e instanceof SQLException && SqlStates.isBadRow((SQLException) e)
                    || e.getCause() instanceof SQLException && SqlStates.isBadRow((SQLException) e.getCause())) {
                // Another run inserted the lease row between our read and our insert.
                return Attempt.heldBy("another run that took it a moment ago");
            }
            throw new MigrationException("cannot take the run lease of migration '" + migration + "': " + e.getMessage(), e);
        }
    }

    /** A lease expires by the holder's own lease duration, which it recorded when it took the lease. */
    private static boolean expired(LeaseTable.Lease current, LocalDateTime now) {
        Long holderLease = current.leaseMillis();
        Duration leaseOfHolder = Duration.ofMillis(holderLease == null ? DEFAULT_LEASE_MILLIS : holderLease);
        return current.heartbeatAt().plus(leaseOfHolder).isBefore(now);
    }

    /**
     * A borrowed connection ignores {@code setAutoCommit(true)} (it would commit a chunk half written):
     * what must be kept at once is committed explicitly (a savepoint in a joined transaction).
     */
    static void commitBorrowed(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    private static LocalDateTime databaseNow(DSLContext sql) {
        return sql.select(org.jooq.impl.DSL.currentLocalDateTime()).fetchOne().value1();
    }

    private void renew() {
        try (Connection connection = target.getConnection()) {
            connection.setAutoCommit(true);
            DSLContext sql = ledger.dsl(connection);
            int renewed = ledger.leases().renew(sql, migration, owner, databaseNow(sql));
            if (renewed == 0) {
                LOG.error("Migration '{}' lost its lease to another run; its next commit fails", migration);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Migration '{}': lease heartbeat failed: {}", migration, e.getMessage());
        }
    }

    @Override
    public void prove(Connection target) {
        if (heartbeat == null) {
            DSLContext sql = ledger.dsl(target);
            ledger.leases().renew(sql, migration, owner, databaseNow(sql));
        }
        fence.prove(target);
    }

    @Override
    public void check(Connection target) {
        fence.check(target);
    }

    @Override
    public String describe() {
        return "lease row in " + ledger.leases().tableName() + " renewed every " + Math.max(50, lease.toMillis() / 3)
                + " ms, taken over by another run after " + lease.toMillis() + " ms without renewal; commits fenced "
                + "by token " + fence.token();
    }

    @Override
    public void close() {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        try (Connection connection = target.getConnection()) {
            connection.setAutoCommit(true);
            ledger.leases().release(ledger.dsl(connection), migration, owner);
            commitBorrowed(connection);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Migration '{}': could not release its lease ({}); it expires by itself", migration, e.getMessage());
        }
    }
}
