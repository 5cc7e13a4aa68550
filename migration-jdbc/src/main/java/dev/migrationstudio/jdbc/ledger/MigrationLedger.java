package dev.migrationstudio.jdbc.ledger;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.jdbc.internal.LedgerReader;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What the ledger in a target records for one migration, read at one moment: the spec's
 * fingerprint, the committed chunks of each table mapping, and the quarantined rows with their
 * state. A read-only view: reading it writes nothing, and the value does not change afterwards.
 *
 * <pre>{@code
 * MigrationLedger ledger = MigrationLedger.read(targetDataSource, "chinook-to-v2")
 *     .orElseThrow(() -> new IllegalStateException("chinook-to-v2 never ran against this target"));
 * if (!ledger.fingerprint().equals(spec.fingerprint())) { ... }          // another version of the spec ran
 * ledger.mapping("customer -> client").map(MappingProgress::total);       // 59 read = 58 loaded + 0 filtered + 1 quarantined
 * for (QuarantineEntry entry : ledger.quarantined(QuarantineState.WAITING_FOR_PARENT)) {
 *     System.out.println(entry.row().describe());                       // retried at the end of the next run
 * }
 * }</pre>
 *
 * <p>Ledgers written by earlier versions are read as they are (nothing is migrated by a read; the
 * next migration run brings their tables up to date).
 *
 * @param migration the migration's name, as {@code MappingSpec.name()}
 * @param fingerprint the fingerprint of the spec that last ran, as {@code MappingSpec.fingerprint()}
 * @param mappings what each table mapping committed, sorted by mapping name
 * @param quarantined the quarantined rows, by mapping, chunk and the order they were recorded in
 */
public record MigrationLedger(String migration, String fingerprint, List<MappingProgress> mappings,
                              List<QuarantineEntry> quarantined) {

    /**
     * Checks and copies the values.
     *
     * @param migration the migration's name, as {@code MappingSpec.name()}
     * @param fingerprint the fingerprint of the spec that last ran, as {@code MappingSpec.fingerprint()}
     * @param mappings what each table mapping committed, sorted by mapping name
     * @param quarantined the quarantined rows, by mapping, chunk and the order they were recorded in
     */
    public MigrationLedger {
        checkNotNull(migration, "migration");
        checkNotNull(fingerprint, "fingerprint");
        mappings = List.copyOf(mappings);
        quarantined = List.copyOf(quarantined);
    }

    /**
     * Reads what the ledger in the migrator's default place ({@link LedgerTables#defaults()}) records
     * for a migration.
     *
     * @param target the migration's target
     * @param migration the migration's name, as {@code MappingSpec.name()}
     * @return empty when the target has no ledger, or no record of that migration
     * @throws dev.migrationstudio.MigrationException when the ledger cannot be read
     */
    public static Optional<MigrationLedger> read(DataSource target, String migration) {
        return read(target, LedgerTables.defaults(), migration);
    }

    /**
     * Reads what the ledger in {@code tables} records for a migration.
     *
     * @param target the migration's target
     * @param tables where the ledger is, as configured on the migrator
     * @param migration the migration's name, as {@code MappingSpec.name()}
     * @return empty when the target has no ledger there, or no record of that migration
     * @throws dev.migrationstudio.MigrationException when the ledger cannot be read
     */
    public static Optional<MigrationLedger> read(DataSource target, LedgerTables tables, String migration) {
        checkNotNull(target, "target");
        checkNotNull(tables, "tables");
        checkArgument(migration != null && !migration.isBlank(), "migration name must not be blank");
        return LedgerReader.read(target, tables, migration);
    }

    /**
     * Whether the target holds ledger tables in {@code tables} (of any migration).
     *
     * @param target the target database; a connection is borrowed and closed. Not null
     * @param tables the ledger tables' schema and prefix; not null
     * @return {@code true} if the ledger tables exist
     * @throws dev.migrationstudio.MigrationException when the target cannot be reached
     */
    public static boolean exists(DataSource target, LedgerTables tables) {
        checkNotNull(target, "target");
        checkNotNull(tables, "tables");
        return LedgerReader.exists(target, tables);
    }

    /**
     * What one table mapping committed; empty when the ledger has no chunk of it.
     *
     * @param mapping the mapping's name, e.g. {@code customer -> client}; not null
     * @return the mapping's progress
     */
    public Optional<MappingProgress> mapping(String mapping) {
        checkNotNull(mapping, "mapping");
        return mappings.stream().filter(m -> m.mapping().equals(mapping)).findFirst();
    }

    /**
     * The quarantined rows in one state, in the order recorded.
     *
     * @param state the state to select; not null
     * @return the entries in that state; empty when there is none
     */
    public List<QuarantineEntry> quarantined(QuarantineState state) {
        checkNotNull(state, "state");
        return quarantined.stream().filter(e -> e.state() == state).toList();
    }
}
