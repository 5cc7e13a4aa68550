package dev.migrationstudio.jdbc;

/**
 * Receives progress after every committed chunk. Called from the migration's worker threads:
 * implementations must be thread-safe and quick (they delay the table that calls them).
 */
@FunctionalInterface
public interface ProgressListener {

    /**
     * A chunk was committed.
     *
     * @param progress the counts after the chunk, for the run and for its table
     */
    void onChunk(Progress progress);

    /**
     * A batch of source changes was applied ({@link JdbcMigrator#applyChanges(ChangeFeed)}): how far
     * behind the source the target still is. Does nothing unless overridden.
     *
     * @param lag how far behind the source the target is after the batch
     */
    default void onChangeLag(ChangeLag lag) {
    }
}
