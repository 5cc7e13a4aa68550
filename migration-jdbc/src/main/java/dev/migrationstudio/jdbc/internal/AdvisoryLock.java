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
 * A PostgreSQL session-level advisory lock, held on a connection of its own for the whole run. The
 * server releases it when that session ends, so a crashed run (even a killed process) never leaves
 * it behind.
 */
final class AdvisoryLock implements RunLock {
    private final Connection connection;
    private final long key;
    private final String migration;

    private AdvisoryLock(Connection connection, long key, String migration) {
        this.connection = connection;
        this.key = key;
        this.migration = migration;
    }

    /** The 64-bit lock key of a migration. */
    static long keyOf(String migration) {
        return Hashing.murmur3_128().hashString("migration-studio:" + migration, StandardCharsets.UTF_8).asLong();
    }

    /**
     * Takes the lock, waiting up to {@code wait} for another run to finish.
     *
     * @throws MigrationException if another run holds it
     */
    static AdvisoryLock acquire(DataSource target, String migration, Duration wait) {
        long key = keyOf(migration);
        Connection connection = null;
        try {
            connection = target.getConnection();
            connection.setAutoCommit(true);
            Instant deadline = Instant.now().plus(wait);
            while (true) {
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                    lock.setLong(1, key);
                    try (ResultSet rs = lock.executeQuery()) {
                        rs.next();
                        if (rs.getBoolean(1)) {
                            return new AdvisoryLock(connection, key, migration);
                        }
                    }
                }
                if (!Instant.now().isBefore(deadline)) {
                    throw new MigrationException("migration '" + migration + "' is already running against this "
                            + "target (PostgreSQL advisory lock " + key + " is held by another session); "
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

    @Override
    public String describe() {
        return "PostgreSQL advisory lock " + key + " (released by the server if the run dies)";
    }

    @Override
    public void close() {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, key);
            unlock.execute();
        } catch (SQLException e) {
            // The session may be gone (e.g. terminated); its locks went with it.
        } finally {
            closeQuietly(connection);
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
