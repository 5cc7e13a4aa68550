package dev.migrationstudio.jdbc;

/**
 * Who commits when the migrator writes through a connection the caller hands in
 * ({@link JdbcMigrator.Configuration#target(java.sql.Connection, TargetTransaction)}). The ledger is
 * always written in the same transaction as the rows it records, so the target and the ledger agree
 * whatever the caller does with its transaction.
 *
 * <p>Either way the migrator never closes the connection, runs one table at a time on it, and leaves
 * it in the auto-commit mode it was handed in with.
 */
public enum TargetTransaction {
    /**
     * The migrator commits, chunk by chunk, exactly as with a data source: the connection must be in
     * auto-commit (a Flyway migration with {@code canExecuteInTransaction() == false}, a Liquibase
     * change set with {@code runInTransaction="false"}); it is switched off for the run and back on
     * after it. Committed chunks stay when the run fails, and the next run resumes after them.
     */
    COMMIT_CHUNKS,

    /**
     * The migrator joins the caller's open transaction (auto-commit off) and never commits or rolls it
     * back: each chunk ends at a savepoint instead of a commit, and nothing is durable until the caller
     * commits. If the caller rolls back, the rows and their ledger entries go together, as if the run
     * had never happened: the next run starts those tables afresh. A run that fails leaves the
     * transaction at its last finished chunk, ledger included; the caller may commit that (a later run
     * resumes) or roll back.
     *
     * <p>PostgreSQL only: H2, MariaDB and MySQL commit the open transaction at every {@code CREATE TABLE}
     * (the ledger's), which would commit the caller's work behind its back; on them the run is refused.
     * The whole load is one transaction: fine for the size of a deploy-time data migration, not for
     * hours of rows.
     */
    JOIN
}
