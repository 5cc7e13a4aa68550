package dev.migrationstudio.review;

import java.util.Optional;

/**
 * The source data, measured for the mapping review: one call per source table, answering everything
 * the review asks of that table in one pass. {@code DataProfiler.of(dataSource)} in
 * {@code migration-jdbc} measures a database; {@link #none()} reviews schemas only.
 *
 * <p>Implementations feed the rows to a {@link ProfileCollector}, so that every profile measures
 * with the same rules as the migration itself: a value the profile counts as rejected is a value the
 * migration rejects.
 */
@FunctionalInterface
public interface DataProfile {

    /**
     * Measures one source table.
     *
     * @param request the table and what to measure in it
     * @return the measurements, or empty when this profile does not measure data
     * @throws dev.migrationstudio.MigrationException if the data cannot be read
     */
    Optional<TableProfile> measure(ProfileRequest request);

    /**
     * A profile that measures nothing: the review works from the schemas alone and says so.
     *
     * @return the profile that measures nothing
     */
    static DataProfile none() {
        return request -> Optional.empty();
    }
}
