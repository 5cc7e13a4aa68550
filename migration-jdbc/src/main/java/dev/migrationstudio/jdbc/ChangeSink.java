package dev.migrationstudio.jdbc;

import dev.migrationstudio.inventory.TableId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a {@link ChangeFeed} delivers changes during {@link JdbcMigrator#applyChanges(ChangeFeed)}:
 * one call per batch of changed rows of one source table.
 */
public interface ChangeSink {
    /**
     * The source tables the spec reads, as the source names them: the tables a feed must follow.
     *
     * @return the tables, each once
     */
    List<TableId> sourceTables();

    /**
     * The key columns of a source table as the spec declares them (empty for a table without a key):
     * the values a change must carry, in this order.
     *
     * @param sourceTable one of {@link #sourceTables()}
     * @return the key columns, in the spec's order; empty for a table without a key
     */
    List<String> keyColumns(TableId sourceTable);

    /**
     * Whether this is a dry run: batches are compared and reported but nothing is written, so the
     * feed must not count them as consumed (they are applied by the next real run).
     *
     * @return {@code true} in a dry run
     */
    boolean dryRun();

    /**
     * The position that the last applied batch recorded in the ledger, if a batch was applied.
     *
     * @return the feed's position recorded with the last applied batch, as the feed wrote it; empty before the
     *     first
     */
    Optional<String> lastPosition();

    /**
     * Makes the target rows of these source rows equal to what the spec makes of each row as the
     * source holds it now: inserted, updated, or deleted when the row is gone, filtered out or
     * quarantined; one transaction per table mapping, committed with {@code position} in the ledger.
     * Reading the rows again rather than applying the change's values keeps values the change does
     * not carry (PostgreSQL sends an unchanged large value of an updated row as a placeholder) and
     * makes a batch applied twice harmless. A table without a key is compared whole instead.
     *
     * @param sourceTable a table of {@link #sourceTables()}
     * @param keys each changed row's key values, in the order of {@link #keyColumns(TableId)}
     * @param position where the batch ends in the feed, recorded with it
     * @param committedAt when the batch's last change was committed in the source, for the lag
     */
    void apply(TableId sourceTable, List<List<Object>> keys, String position, Instant committedAt);

    /**
     * Reports how far the applied changes are behind the source, to the progress listeners and the log.
     *
     * @param lag how far behind the applied changes are; not null
     */
    void lag(ChangeLag lag);
}
