package dev.migrationstudio.jdbc.internal;

import com.google.common.hash.Hashing;
import dev.migrationstudio.MigrationException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * A session-level lock of the server, held on a connection of its own for the whole run: a
 * PostgreSQL advisory lock, or a MariaDB (MySQL) user lock ({@code GET_LOCK}). The server releases it
 * when that session ends, so a crashed run (even a killed process) never leaves it behind.
 *
 * <p>The session can end while the run goes on (terminated by an administrator, or its connection
 * cut), and then another run may take the lock. So the run also takes the ledger's lease row with a
 * new fencing token, which fences out the run that held the lock before, and every commit
 * {@linkplain #prove proves} both that the lock's session is alive and that the token is still this
 * run's.
 */
final class AdvisoryLock implements RunLock {
    private final Connection connection;
    private final Kind kind;
    private final long key;
    private final String migration;
    /** Null for a run without a ledger: only the session's liveness is checked. */
    private final RunFence fence;

    /** The engine's session lock functions: both take the lock without waiting and say whether they got it. */
    enum Kind {
        POSTGRES("SELECT pg_try_advisory_lock(?)", "SELECT pg_advisory_unlock(?)"),
        MARIADB("SELECT GET_LOCK(?, 0)", "SELECT RELEASE_LOCK(?)");

        private final String lock;
        private final String unlock;

        Kind(String lock, String unlock) {
            this.lock = lock;
            this.unlock = unlock;
        }

        /** The lock functions of an engine; empty for an engine without session locks. */
        static java.util.Optional<Kind> of(org.jooq.SQLDialect dialect) {
            return dialect == org.jooq.SQLDialect.POSTGRES ? java.util.Optional.of(POSTGRES)
                    : dialect == org.jooq.SQLDialect.MARIADB ? java.util.Optional.of(MARIADB) : java.util.Optional.empty();
        }

        /** The lock as people and the server's own views name it. */
        String describe(long key) {
            return this == POSTGRES ? "PostgreSQL advisory lock " + key : "MariaDB user lock '" + name(key) + "'";
        }

        /** A MariaDB lock's name (at most 64 characters): the key, so both engines name a migration's lock alike. */
        static String name(long key) {
            return "migration-studio:" + key;
        }

        private void bind(PreparedStatement statement, long key) throws SQLException {
            if (this == POSTGRES) {
                statement.setLong(1, key);
            } else {
                statement.setString(1, name(key));
            }
        }
    }

    private AdvisoryLock(Connection connection, Kind kind, long key, String migration, RunFence fence) {
        this.connection = connection;
        this.kind = kind;
        this.key = key;
        this.migration = migration;
        this.fence = fence;
    }

    /** The 64-bit lock key of a migration. */
    static long keyOf(String migration) {
        return Hashing.murmur3_128().hashString("migration-studio:" + migration, StandardCharsets.UTF_8).asLong();
    }

    /**
     * Takes the lock, waiting up to {@code wait} for another run to finish, then (with a ledger) the
     * ledger's lease row with a new fencing token.
     *
     * @param ledger the run's ledger, created here if need be; null for a run that keeps none
     * @throws MigrationException if another run holds it
     */
    static AdvisoryLock acquire(DataSource target, Kind kind, String migration, Duration wait, Ledger ledger) {
        long key = keyOf(migration);
        Connection connection = null;
        try {
            connection = target.getConnection();
            connection.setAutoCommit(true);
            Instant deadline = Instant.now().plus(wait);
            while (true) {
                try (PreparedStatement lock = connection.prepareStatement(kind.lock)) {
                    kind.bind(lock, key);
                    try (ResultSet rs = lock.executeQuery()) {
                        rs.next();
                        if (rs.getBoolean(1)) {
                            return new AdvisoryLock(connection, kind, key, migration,
                                    ledger == null ? null : claim(target, ledger, migration));
                        }
                    }
                }
                if (!Instant.now().isBefore(deadline)) {
                    throw new MigrationException("migration '" + migration + "' is already running against this "
                            + "target (" + kind.describe(key) + " is held by another session); "
                            + "wait for it to finish, or stop it");
                }
                LeaseLock.pause();
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new MigrationException("cannot take the run lock for migration '" + migration + "': "
                    + SqlStates.reason(e), e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /** Creates the ledger if need be and takes its lease row with the next token, under the advisory lock. */
    private static RunFence claim(DataSource target, Ledger ledger, String migration) throws SQLException {
        String owner = LeaseLock.ownerId();
        try (Connection connection = target.getConnection()) {
            connection.setAutoCommit(false);
            ledger.create(connection);
            var sql = ledger.dsl(connection);
            long token = ledger.leases().claim(sql, migration, owner,
                    sql.select(org.jooq.impl.DSL.currentLocalDateTime()).fetchOne().value1());
            connection.commit();
            return new RunFence(ledger, migration, owner, token);
        }
    }

    /** The lock's key, exactly as {@code pg_locks} and {@code pg_advisory_unlock} take it (MariaDB: in its name). */
    long key() {
        return key;
    }

    @Override
    public void prove(Connection target) {
        if (fence != null) {
            fence.prove(target);
        }
        checkSession();
    }

    @Override
    public void check(Connection target) {
        // The token only: a lock session that ended while no other run took over collides with nothing,
        // and prove() finds it before the commit.
        if (fence != null) {
            fence.check(target);
        }
    }

    private void checkSession() {
        boolean alive;
        // The lock's connection is shared by the tables' threads.
        synchronized (connection) {
            try {
                alive = connection.isValid(10);
            } catch (SQLException e) {
                alive = false;
            }
        }
        if (!alive) {
            throw RunFence.lost(migration, "no session: the session holding " + kind.describe(key)
                    + " ended (terminated, or its connection was lost)", "the server released the lock with it");
        }
    }

    @Override
    public String describe() {
        return kind.describe(key) + " (released by the server if the run dies)"
                + (fence == null ? "" : ", commits fenced by token " + fence.token() + " in "
                + fence.ledger().leases().tableName());
    }

    @Override
    public void close() {
        if (fence != null) {
            releaseLease();
        }
        try (PreparedStatement unlock = connection.prepareStatement(kind.unlock)) {
            kind.bind(unlock, key);
            unlock.execute();
        } catch (SQLException e) {
            // The session may be gone (e.g. terminated); its locks went with it.
        } finally {
            closeQuietly(connection);
        }
    }

    /** Deletes the lease row if it is still this run's; a run that took it over keeps it. */
    private void releaseLease() {
        // Released on the lock's own session (in autocommit), before the lock: no run takes it in between.
        synchronized (connection) {
            try {
                fence.ledger().leases().release(fence.ledger().dsl(connection), migration, fence.owner());
                LeaseLock.commitBorrowed(connection);
            } catch (SQLException | RuntimeException e) {
                // The session may be gone; the next run takes the row over with the next token.
            }
        }
    }

    static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Nothing left to release.
            }
        }
    }

    @Override
    public String toString() {
        return "advisory lock of " + migration;
    }
}
