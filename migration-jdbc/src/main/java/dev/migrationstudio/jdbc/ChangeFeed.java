package dev.migrationstudio.jdbc;

/**
 * A stream of the source's committed row changes, which {@link JdbcMigrator#applyChanges(ChangeFeed)}
 * applies through the spec. A feed names the rows that changed, in commit order; the migrator reads
 * each named row again from the source and makes its target row equal to what the spec makes of it.
 * {@code migration-cdc}'s PostgreSQL capture (logical decoding) is one; a feed can as well read an
 * outbox table or another engine's log.
 */
public interface ChangeFeed {
    /**
     * A name for logs and the ledger, e.g. the replication slot's.
     *
     * @return the feed's name; not null
     */
    String name();

    /**
     * Hands every change committed in the source until now to the sink, in commit order, in
     * batches, and returns once the sink has applied them all. A feed hands a change to the sink
     * again after a crash rather than lose it: applying a batch twice leaves the target as applying
     * it once does.
     *
     * @param sink where the changes go; its methods say which tables and keys the feed must carry
     * @throws Exception when the feed cannot be read; batches applied before stay applied
     */
    void drain(ChangeSink sink) throws Exception;
}
