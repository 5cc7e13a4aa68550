package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.Names;
import dev.migrationstudio.mapping.MappingSpec;
import java.sql.Connection;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a renamed spec the ledger its old name kept, so that its run resumes rather than loading every
 * row again (and dying on the first primary key): the fingerprint, the spec's text, the chunks, the
 * quarantine, the catch-ups, the change feeds' positions and the table claims move from the old name
 * to the new one in the caller's transaction. Both runs' locks are held by the caller.
 *
 * <p>The recorded spec text moves under the new name too: a spec that was only renamed then matches
 * the recorded fingerprint and the run simply resumes; a spec renamed and edited differs by its edits
 * alone, which the run refuses or re-applies as for any edited spec.
 */
final class LedgerMove {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerMove.class);

    private final Ledger ledger;
    private final String from;
    private final MappingSpec spec;

    LedgerMove(Ledger ledger, String from, MappingSpec spec) {
        this.ledger = ledger;
        this.from = from;
        this.spec = spec;
    }

    /**
     * Moves the old name's ledger to the spec's name; the caller proves its locks and commits.
     *
     * @return whether anything moved: false when an earlier run moved it already (the old name has
     *     no ledger left and the new name has one)
     * @throws MigrationException when the old name has no ledger, or both names have one
     */
    boolean move(Connection connection) {
        String to = spec.name();
        Set<String> recorded = ledger.migrations(connection);
        boolean fromRecorded = recorded.contains(from);
        boolean toRecorded = recorded.contains(to);
        if (fromRecorded && toRecorded) {
            throw refused("migration '" + to + "' has a ledger of its own in this target too, and two ledgers "
                    + "cannot be merged: run '" + to + "' without renamedFrom, or undo one of the two with reset() "
                    + "(which deletes its rows) before moving the other");
        }
        if (!fromRecorded && toRecorded) {
            LOG.info("Migration '{}': the ledger of '{}' was moved to it by an earlier run; renamedFrom(\"{}\") "
                    + "has nothing left to do", to, from, from);
            return false;
        }
        if (!fromRecorded) {
            throw refused("no migration '" + from + "' is recorded in the ledger " + ledger.tableNames()
                    + Names.nearMissHint(from, recorded) + " (recorded: " + (recorded.isEmpty() ? "none"
                    : String.join(", ", recorded)) + "); check the old name and the ledgerSchema/ledgerPrefix");
        }
        Optional<String> fingerprint = ledger.fingerprint(connection, from);
        Optional<String> text = ledger.specText(connection, from);
        ledger.rename(connection, from, to);
        if (text.isPresent()) {
            String renamed = MappingSpec.renamedText(text.get(), to);
            ledger.recordFingerprint(connection, to, MappingSpec.fingerprintOf(renamed), renamed);
        } else if (fingerprint.isPresent() && fingerprint.get().equals(
                MappingSpec.fingerprintOf(MappingSpec.renamedText(spec.canonicalText(), from)))) {
            // A ledger of an earlier version keeps no spec text: the spec under its old name has the
            // recorded fingerprint, so only the name changed.
            ledger.recordFingerprint(connection, to, spec.fingerprint(), spec.canonicalText());
        }
        LOG.warn("Migration '{}': moved the ledger of '{}' (chunks, quarantine, catch-ups, change feeds, table "
                + "claims) to the new name", to, from);
        return true;
    }

    private MigrationException refused(String why) {
        return new MigrationException("cannot move the ledger of migration '" + from + "' to '" + spec.name()
                + "': " + why);
    }
}
