package dev.migrationstudio.verify.internal;

import dev.migrationstudio.jdbc.QuarantinedRow;
import dev.migrationstudio.jdbc.internal.Engines;
import dev.migrationstudio.jdbc.internal.Ledger;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.TableMapping;
import java.sql.Connection;
import java.sql.SQLException;
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
     * Reads the ledger's quarantined rows for {@code spec}. The ledger is used only when it records
     * this very spec (same name, same fingerprint): a ledger of another version may name rows that
     * this one would load differently.
     */
    static LoaderQuarantine read(DataSource target, Settings.LedgerTables tables, MappingSpec spec) {
        String where = tables.prefix() + "* tables" + (tables.schema().isEmpty() ? "" : " in schema " + tables.schema());
        try (Connection connection = target.getConnection()) {
            connection.setReadOnly(true);
            try {
                Ledger ledger = new Ledger(tables.schema(), tables.prefix(), Engines.dialectOf(connection));
                if (!ledger.exists(connection)) {
                    return none("no ledger (" + where + ") in the target");
                }
                Optional<String> recorded = ledger.fingerprint(connection, spec.name());
                if (recorded.isEmpty()) {
                    return none("the ledger (" + where + ") has no record of migration '" + spec.name() + "'");
                }
                if (!recorded.get().equals(spec.fingerprint())) {
                    return none("ignored: the ledger (" + where + ") records another version of '" + spec.name()
                            + "' (fingerprint " + recorded.get() + ", this spec " + spec.fingerprint() + ")");
                }
                List<QuarantinedRow> rows = ledger.quarantined(connection, spec.name());
                Map<String, Map<String, List<QuarantinedRow>>> byMapping = new HashMap<>();
                for (QuarantinedRow row : rows) {
                    byMapping.computeIfAbsent(row.mapping(), m -> new HashMap<>())
                            .computeIfAbsent(row.key(), k -> new ArrayList<>()).add(row);
                }
                return new LoaderQuarantine(byMapping, "the ledger (" + where + ") of migration '" + spec.name()
                        + "': " + rows.size() + " quarantined rows recorded");
            } finally {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("cannot read the ledger ({}) in the target; verifying without it", where, e);
            return none("unreadable (" + where + "): " + e.getMessage());
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
                + row.reason() + " (quarantined by the loader)";
    }
}
