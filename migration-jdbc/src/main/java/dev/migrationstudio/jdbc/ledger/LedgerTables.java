package dev.migrationstudio.jdbc.ledger;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Where a migration's ledger tables are in the target: the same two settings as
 * {@code JdbcMigrator.configure().ledgerSchema(...).ledgerPrefix(...)}, with the same defaults.
 *
 * @param schema the schema of the ledger tables, or {@code ""} for the connection's default schema
 *     (default: {@code ""})
 * @param prefix the prefix of their names (default: {@code ms_}, so {@code ms_chunk},
 *     {@code ms_quarantine}, ...)
 */
public record LedgerTables(String schema, String prefix) {
    /** The prefix the migrator uses unless told otherwise. */
    public static final String DEFAULT_PREFIX = "ms_";

    /**
     * Checks both settings.
     *
     * @param schema the schema of the ledger tables, or {@code ""} for the connection's default schema (default:
     *     {@code ""})
     * @param prefix the prefix of their names (default: {@code ms_}, so {@code ms_chunk}, {@code ms_quarantine},
     *     ...)
     */
    public LedgerTables {
        checkNotNull(schema, "ledger schema (use \"\" for the connection's default schema)");
        checkArgument(prefix != null && !prefix.isBlank(), "ledger prefix must not be blank, got '%s'", prefix);
    }

    /**
     * The migrator's defaults: {@code ms_*} tables in the connection's default schema.
     *
     * @return the default ledger tables
     */
    public static LedgerTables defaults() {
        return new LedgerTables("", DEFAULT_PREFIX);
    }

    /**
     * E.g. {@code ms_* tables} or {@code audit_* tables in schema migration_audit}, for messages.
     *
     * @return the prefix and, when set, the schema, for messages
     */
    public String describe() {
        return prefix + "* tables" + (schema.isEmpty() ? "" : " in schema " + schema);
    }
}
