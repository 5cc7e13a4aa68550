package dev.migrationstudio.verify.internal;

import dev.migrationstudio.jdbc.QuarantinedRow;
import dev.migrationstudio.jdbc.ledger.LedgerTables;
import dev.migrationstudio.jdbc.ledger.MigrationLedger;
import dev.migrationstudio.jdbc.ledger.QuarantineEntry;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.TableMapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows the migration engine quarantined for one spec, as its ledger in the target records them,
 * so that a row the target database refused is accounted for rather than reported missing.
 *
 * <p>The ledger names a quarantined row by {@link QuarantinedRow#keyText}; the verifier reads the
 * source with the same value reader, so rendering its key the same way finds the row.
 */
final class LoaderQuarantine {
    private static final Logger LOG = LoggerFactory.getLogger(LoaderQuarantine.class);

    private final Map<String, Map<String, List<QuarantinedRow>>> byMapping;
    private final String description;

    private LoaderQuarantine(Map<String, Map<String, List<QuarantinedRow>>> byMapping, String description) {
        this.byMapping = byMapping;
        this.description = description;
    }

    /** No ledger consulted. */
    static LoaderQuarantine none(String why) {
        return new LoaderQuarantine(Map.of(), why);
    }

    /**
     * Reads the ledger's quarantined rows for {@code spec}, in either state (a row waiting for its
     * parent is not in the target either). The ledger is used only when it records this very spec
     * (same name, same fingerprint): a ledger of another version may name rows that this one would
     * load differently.
     */
    static LoaderQuarantine read(DataSource target, Settings.LedgerTables tables, MappingSpec spec) {
        LedgerTables where = new LedgerTables(tables.schema(), tables.prefix());
        try {
            Optional<MigrationLedger> read = MigrationLedger.read(target, where, spec.name());
            if (read.isEmpty()) {
                return MigrationLedger.exists(target, where)
                        ? none("the ledger (" + where.describe() + ") has no record of migration '" + spec.name() + "'")
                        : none("no ledger (" + where.describe() + ") in the target");
            }
            MigrationLedger ledger = read.get();
            if (!ledger.fingerprint().equals(spec.fingerprint())) {
                return none("ignored: the ledger (" + where.describe() + ") records another version of '" + spec.name()
                        + "' (fingerprint " + ledger.fingerprint() + ", this spec " + spec.fingerprint() + ")");
            }
            Map<String, Map<String, List<QuarantinedRow>>> byMapping = new HashMap<>();
            for (QuarantineEntry entry : ledger.quarantined()) {
                QuarantinedRow row = entry.row();
                byMapping.computeIfAbsent(row.mapping(), m -> new HashMap<>())
                        .computeIfAbsent(row.key(), k -> new ArrayList<>()).add(row);
            }
            return new LoaderQuarantine(byMapping, "the ledger (" + where.describe() + ") of migration '" + spec.name()
                    + "': " + ledger.quarantined().size() + " quarantined rows recorded");
        } catch (RuntimeException e) {
            LOG.warn("cannot read the ledger ({}) in the target; verifying without it", where.describe(), e);
            return none("unreadable (" + where.describe() + "): " + e.getMessage());
        }
    }

    /**
     * Rows quarantined for one table mapping, by the ledger's key text: one row per key for a keyed
     * table, one per copy for a table without a key (its rows are named by all their values).
     */
    Map<String, List<QuarantinedRow>> of(TableMapping mapping) {
        return byMapping.getOrDefault(mapping.describe(), Map.of());
    }

    /** What was consulted, for the report's settings. */
    String describe() {
        return description;
    }

    /**
     * A source row's key as the ledger writes it, e.g. {@code invoice_id=42} or {@code a=1L, b='x'};
     * every column read, for a table without a key.
     */
    static String keyText(TableMapping mapping, Row source) {
        List<String> columns = mapping.sourceKey().isEmpty() ? source.columns() : mapping.sourceKey();
        return QuarantinedRow.keyText(columns, source.valuesOf(columns));
    }

    /** One line for the report: the key, the column or constraint, and the ledger's reason. */
    static String example(QuarantinedRow row) {
        return row.key() + ": " + row.column() + (row.rule().isEmpty() ? "" : " (" + row.rule() + ")") + ": "
                + row.reason() + (row.ruleFailed() ? " [rule failed]" : "") + " (quarantined by the loader)";
    }
}
