/**
 * A read-only view of the ledger {@link dev.migrationstudio.jdbc.JdbcMigrator} keeps in its target:
 * the spec's fingerprint, the committed chunks of each table mapping and the quarantined rows, each
 * with a typed {@link dev.migrationstudio.jdbc.ledger.QuarantineState}. Start with
 * {@link dev.migrationstudio.jdbc.ledger.MigrationLedger#read(javax.sql.DataSource, String)}.
 *
 * <p>The ledger's tables are the migrator's to write; this package only reads them, so a verifier or
 * a report can account for every row without depending on how the migrator stores them.
 */
package dev.migrationstudio.jdbc.ledger;
