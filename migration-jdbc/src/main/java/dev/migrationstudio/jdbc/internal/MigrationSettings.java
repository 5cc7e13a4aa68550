package dev.migrationstudio.jdbc.internal;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.jdbc.BadRows;
import dev.migrationstudio.jdbc.Passthrough;
import dev.migrationstudio.jdbc.ProgressListener;
import dev.migrationstudio.mapping.MappingSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The sealed configuration of one migrator, frozen by {@code JdbcMigrator.Configuration.load()}: the
 * only form in which the options reach a run. The databases are not in it: the migrator opens them
 * for each call, and their credentials stay out of anything a run could print.
 *
 * @param spec the mapping spec
 * @param batchSize rows per JDBC batch when inserting
 * @param chunkSize rows per chunk: the unit of commit, ledger entry and resume
 * @param fetchSize JDBC fetch size for source reads
 * @param parallelism tables at once
 * @param badRows the bad-row policy
 * @param dryRun whether the run only plans
 * @param startOver whether a changed spec starts over
 * @param reapply whether a changed spec is re-applied to the rows already loaded
 * @param renamedFrom the name whose ledger a run moves to the spec's name first, empty for none
 * @param resumable whether the ledger is kept
 * @param postgresCopy whether PostgreSQL targets are written with COPY
 * @param mariadbLoadData whether MariaDB targets are written with LOAD DATA LOCAL INFILE
 * @param passthrough whether (and in which COPY format) tables go from PostgreSQL to PostgreSQL undecoded
 * @param writersPerTable connections writing one table's chunks at once
 * @param ledgerSchema the ledger's schema, empty for the default
 * @param ledgerPrefix the ledger tables' name prefix
 * @param lease how long a lease lasts without heartbeat
 * @param lockWait how long to wait for another run's lock
 * @param listeners called after every committed chunk
 * @param logProgress whether progress is logged
 * @param deleteUnloaded whether a catch-up deletes target rows without a source row that the migration never loaded
 * @param watermarks change columns by source table name, for catch-ups by watermark
 */
public record MigrationSettings(MappingSpec spec, int batchSize, int chunkSize, int fetchSize, int parallelism,
                                BadRows badRows, boolean dryRun, boolean startOver, boolean reapply,
                                String renamedFrom, boolean resumable,
                                boolean postgresCopy, boolean mariadbLoadData, Passthrough passthrough,
                                int writersPerTable, String ledgerSchema,
                                String ledgerPrefix, Duration lease, Duration lockWait,
                                List<ProgressListener> listeners, boolean logProgress, boolean deleteUnloaded,
                                Map<String, Watermark> watermarks) {

    /** Checks the parts that must be there; copies the listeners. */
    public MigrationSettings {
        checkNotNull(spec, "spec");
        checkNotNull(badRows, "badRows");
        checkNotNull(passthrough, "passthrough");
        checkNotNull(renamedFrom, "renamedFrom");
        checkNotNull(ledgerSchema, "ledgerSchema");
        checkNotNull(ledgerPrefix, "ledgerPrefix");
        checkNotNull(lease, "lease");
        checkNotNull(lockWait, "lockWait");
        listeners = List.copyOf(listeners);
        watermarks = Map.copyOf(watermarks);
    }

    /**
     * A source table's change column: every insert and update sets it to a value above all earlier
     * ones (a time, a version).
     *
     * @param column the column's name in the source
     * @param lag how far below the last high-water mark a catch-up reads again, for transactions that
     *     commit late (a time column only; zero for a version)
     */
    public record Watermark(String column, Duration lag) {
        /** Checks the parts. */
        public Watermark {
            checkNotNull(column, "column");
            checkNotNull(lag, "lag");
        }
    }

    /** The migration's name, as the ledger and the lock know it. */
    public String migration() {
        return spec.name();
    }
}
