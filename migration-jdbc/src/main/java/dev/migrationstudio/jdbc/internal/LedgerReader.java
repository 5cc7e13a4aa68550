package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.jdbc.ledger.LedgerTables;
import dev.migrationstudio.jdbc.ledger.MigrationLedger;
import dev.migrationstudio.jdbc.ledger.QuarantineEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads a migration's ledger for {@link MigrationLedger}: the bridge from the public view to the
 * ledger's parts. Reads only, on a read-only connection, in one repeatable-read transaction so that
 * the fingerprint, the chunks and the quarantine agree even while a run commits chunks.
 */
public final class LedgerReader {

    private LedgerReader() {
    }

    /** What the ledger in {@code tables} records for a migration; empty without a ledger or a record. */
    public static Optional<MigrationLedger> read(DataSource target, LedgerTables tables, String migration) {
        try (Connection connection = target.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                LedgerSchema schema = new LedgerSchema(tables.schema(), tables.prefix(), Engines.dialectOf(connection));
                if (!schema.exists(connection)) {
                    return Optional.empty();
                }
                ChunkJournal journal = new ChunkJournal(schema);
                Optional<String> fingerprint = journal.fingerprint(connection, migration);
                if (fingerprint.isEmpty()) {
                    return Optional.empty();
                }
                List<QuarantineEntry> quarantined = schema.quarantineColumns(connection)
                        .map(columns -> new QuarantineStore(schema).entries(connection, migration, columns))
                        .orElse(List.of());
                return Optional.of(new MigrationLedger(migration, fingerprint.get(),
                        journal.progress(connection, migration), quarantined));
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new MigrationException("cannot read the ledger (" + tables.describe() + ") of migration '"
                    + migration + "': " + SqlStates.reason(e), e);
        } catch (RuntimeException e) {
            if (e instanceof MigrationException) {
                throw e;
            }
            throw new MigrationException("cannot read the ledger (" + tables.describe() + ") of migration '"
                    + migration + "': " + e.getMessage(), e);
        }
    }

    /** Whether the target holds the ledger tables in {@code tables}. */
    public static boolean exists(DataSource target, LedgerTables tables) {
        try (Connection connection = target.getConnection()) {
            return new LedgerSchema(tables.schema(), tables.prefix(), Engines.dialectOf(connection)).exists(connection);
        } catch (SQLException e) {
            throw new MigrationException("cannot look for the ledger (" + tables.describe() + ") in the target: "
                    + SqlStates.reason(e), e);
        }
    }
}
