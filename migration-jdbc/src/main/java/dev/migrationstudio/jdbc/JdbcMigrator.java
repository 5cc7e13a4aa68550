package dev.migrationstudio.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.Names;
import dev.migrationstudio.jdbc.internal.MigrationRun;
import dev.migrationstudio.jdbc.internal.MigrationSettings;
import dev.migrationstudio.jdbc.internal.SourceSnapshots;
import dev.migrationstudio.jdbc.internal.SqlStates;
import dev.migrationstudio.jdbc.source.BorrowedConnection;
import dev.migrationstudio.jdbc.source.Dialects;
import dev.migrationstudio.mapping.MappingSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.SQLDialect;

/**
 * Runs a {@link MappingSpec} from a source database to a target database: idempotent, resumable,
 * logged and dry-runnable, so that no row is ever lost or doubled, whatever fails and however often
 * it is re-run.
 *
 * <pre>{@code
 * MigrationResult result = JdbcMigrator.configure()
 *     .source(sourceDataSource).target(targetDataSource).spec(spec)
 *     .batchSize(5_000).parallelism(2).onBadRow(BadRows.quarantine())
 *     .dryRun(false)
 *     .load()
 *     .migrate();                 // resumable; a second run is a no-op
 * }</pre>
 *
 * <p>How it works. Tables run parents first (by the target's foreign keys); independent tables run
 * in parallel. Each table is streamed in key order (keyset on the spec's key, composite keys
 * included), each row mapped in memory by the spec and written at once into an open JDBC batch or,
 * on PostgreSQL, COPY; every chunk of rows commits in one transaction together with its ledger
 * entry. A re-run reads the ledger and continues after the last committed key, so a crash loses
 * nothing and doubles nothing; rows added to the source beyond that key since (a final delta) are
 * picked up. A spec whose fingerprint differs from the one recorded is refused, with what changed
 * (tables, fields, rules), unless {@link Configuration#reapplyChangedSpec} (rewrite only the loaded
 * rows that differ) or {@link Configuration#startOver} (empty the tables) is set. Only one run works on a target at a time (a PostgreSQL advisory lock, or a lease row with a
 * heartbeat elsewhere).
 *
 * <p>The target tables must exist; the ledger tables ({@code ms_migration}, {@code ms_chunk},
 * {@code ms_completed_table}, {@code ms_quarantine}, {@code ms_catchup}, {@code ms_change_feed}, {@code ms_lock}, {@code ms_table_owner}) are created
 * in the target on the first real run.
 *
 * <p>Connections the caller owns. Deploy tools hand out a {@link Connection} (Flyway's
 * {@code Context.getConnection()}, Liquibase's {@code JdbcConnection}); {@link
 * Configuration#target(Connection, TargetTransaction)} says who commits on it ({@link
 * TargetTransaction}: the migrator, chunk by chunk, on a connection in auto-commit; or nobody but the
 * caller, whose open transaction the run joins), and {@link Configuration#source(Connection)} reads
 * through one without ever committing or rolling back a transaction it did not open. A connection is
 * never closed, and serves one table at a time: with a connection on either side, parallelism is 1.
 */
public final class JdbcMigrator {
    private final Configuration configuration;
    private final MigrationSettings settings;

    private JdbcMigrator(Configuration configuration, MigrationSettings settings) {
        this.configuration = configuration;
        this.settings = settings;
    }

    /**
     * Starts a configuration.
     *
     * @return a new, empty configuration; source, target and spec are required before {@link Configuration#load()}
     */
    public static Configuration configure() {
        return new Configuration();
    }

    /**
     * The (frozen) configuration.
     *
     * @return the configuration this migrator was loaded from; its setters throw {@link IllegalStateException}
     */
    public Configuration configuration() {
        return configuration;
    }

    /**
     * Runs the migration (or, with {@code dryRun(true)}, plans it without writing anything).
     *
     * @return what was done, table by table
     * @throws MigrationFailedException if the run stops (a bad row under fail-fast, too many
     *     quarantined rows, a lost connection); committed chunks stay and a re-run resumes
     * @throws dev.migrationstudio.MigrationException if the run cannot start: the spec changed since
     *     the last run, another run holds the lock, a table or column does not exist
     */
    public MigrationResult migrate() {
        return withDataSources((source, target) -> new MigrationRun(settings, source, target).run());
    }

    /**
     * Runs the migration as {@link #migrate()} does, every table reading the PostgreSQL source as of one
     * instant: the exported snapshot named (by {@code pg_export_snapshot()}, or by a logical
     * replication slot when it was created, as {@code migration-cdc}'s capture does), so that the
     * load is consistent across tables and a change stream from the slot starts exactly where the
     * load ends. The session that exported the snapshot must stay open, and idle, until this returns.
     *
     * @param snapshot the snapshot's name, such as {@code 00000003-0000001B-1}; not null
     * @return the tables' counts and outcomes, as {@link #migrate()} reports them
     * @throws IllegalArgumentException if the name is not a snapshot name
     * @throws dev.migrationstudio.MigrationException if the source is not PostgreSQL or the snapshot is gone
     */
    public MigrationResult migrateFromSnapshot(String snapshot) {
        String checked = SourceSnapshots.checkName(snapshot);
        return withDataSources((source, target) -> new MigrationRun(settings, source, target, checked).run());
    }

    /**
     * Applies a source's row changes, as a {@link ChangeFeed} hands them over in commit order, until
     * every change committed when it was called is applied: for each batch, each changed row is read
     * again from the source and its target row made equal to what the spec makes of it (inserted,
     * updated, or deleted when the source row is gone, filtered out or quarantined), committed with
     * the feed's position in the ledger ({@code ms_change_feed}). A key update arrives as the old
     * key's delete and the new key's insert.
     *
     * <pre>{@code
     * CatchUpResult delta = migrator.applyChanges(capture);   // e.g. a PostgresChangeCapture
     * }</pre>
     *
     * <p>Guarantees are those of {@link #catchUp()} for the rows named (deletes only of rows this
     * migration loaded, refused changes isolated and handled by the bad-row policy, a quarantined row
     * that now maps cleanly loaded and released). A batch handed over again after a crash is applied
     * again harmlessly: the rows are read as the source holds them now. With {@code dryRun(true)} the
     * batches are compared and reported, nothing is written, and the feed is not moved on.
     *
     * @param feed the source of changes, in commit order; it is moved on only after a batch commits. Not null
     * @return what was written, per table mapping
     * @throws dev.migrationstudio.MigrationException if it cannot start (the spec changed, another run
     *     holds the lock, a key is transformed) or the feed fails; applied batches stay committed
     */
    public CatchUpResult applyChanges(ChangeFeed feed) {
        checkNotNull(feed, "feed");
        return withDataSources((source, target) -> new MigrationRun(settings, source, target).applyChanges(feed));
    }

    /**
     * Catches the target up with a source that kept taking writes since (or during) the load, on any
     * JDBC engine: walks both sides chunk by chunk in key order, compares them through the spec with
     * the verifier's canonical row digests, and writes, in each chunk that differs, exactly the rows
     * that differ: inserts rows the target lacks (new, no longer filtered, or quarantined rows whose
     * source now maps cleanly, whose quarantine entries are released), updates changed rows, and
     * deletes rows whose source row is gone, filtered out or now quarantined.
     *
     * <pre>{@code
     * migrator.migrate();                       // hours, while the source takes writes
     * // ... freeze writes to the source ...
     * CatchUpResult delta = migrator.catchUp(); // reads both sides, writes only what differs
     * }</pre>
     *
     * <p>Guarantees. Only rows this migration loaded are deleted: a target row without a source row
     * whose key is above the last key the ledger records for the load is kept and reported (unless
     * {@link Configuration#deleteUnloaded}). Each repaired chunk commits with its ledger entry, so a
     * killed catch-up resumes after the last committed chunk; running it twice writes nothing the
     * second time. With {@code dryRun(true)} it reads both sides and reports the statements and
     * counts, writing nothing. Changes go through the load's write path, so a change the target
     * refuses is isolated and handled by the bad-row policy. A table without a key is compared whole
     * as a multiset and reloaded whole when it differs (SQL cannot delete one of two identical rows
     * portably); it must have been loaded whole by this migration.
     *
     * <p>Limits. The key must reach the target copied, renamed or cast (not transformed), and order
     * alike on both engines (numbers, dates and times do; text keys only under the same collation).
     * The source is read in one statement per table: writes that land during the catch-up may be
     * missed, so the last catch-up runs with writes frozen. Tables run parents first; a parent row
     * whose child still references it cannot be deleted until the child's change is applied, and is
     * kept with a warning: a second catch-up deletes it.
     *
     * @return what was written (or, for a dry run, would be), table by table
     * @throws dev.migrationstudio.MigrationException if the catch-up cannot start (the spec changed,
     *     another run holds the lock, a key is transformed) or stops; committed chunks stay
     */
    public CatchUpResult catchUp() {
        return withDataSources((source, target) -> new MigrationRun(settings, source, target).catchUp());
    }

    /**
     * Repairs the rows a verification found ({@code VerificationReport.repair()}), one transaction per
     * table and per 1,000 keys, through the catch-up's writer: each listed key's source row is read again through the
     * spec and the target row inserted, updated or deleted to match it. With {@code dryRun(true)} it
     * reports the statements and counts and writes nothing.
     *
     * @param plan the keys to repair, as a verification of the same spec listed them; not null
     * @return what was written, table by table
     * @throws dev.migrationstudio.MigrationException if the plan is for another spec, or the repair
     *     cannot start; tables repaired before a failure stay repaired
     */
    public CatchUpResult repair(RepairPlan plan) {
        checkNotNull(plan, "plan");
        return withDataSources((source, target) -> new MigrationRun(settings, source, target).repair(plan));
    }

    /**
     * Undoes the migration in the target: deletes every row of the spec's target tables (children
     * first) and the ledger's record of the migration, in one transaction, under the run lock. Meant
     * for rollback plans and rehearsals; rows the target held before the first run are deleted too.
     */
    public void reset() {
        withDataSources((source, target) -> {
            new MigrationRun(settings, source, target).reset();
            return null;
        });
    }

    private <T> T withDataSources(java.util.function.BiFunction<DataSource, DataSource, T> action) {
        List<AutoCloseable> pools = new ArrayList<>();
        try {
            DataSource source = configuration.sourceConnection != null
                    ? borrow(pools, configuration.sourceConnection, BorrowedConnection.Use.READ, "source")
                    : configuration.source != null ? configuration.source
                    : pool(pools, configuration.sourceUrl, configuration.sourceUser, configuration.sourcePassword);
            DataSource target = configuration.targetConnection != null
                    ? borrow(pools, configuration.targetConnection, configuration.targetTransaction == TargetTransaction.JOIN
                            ? BorrowedConnection.Use.JOIN : BorrowedConnection.Use.COMMIT, "target")
                    : configuration.target != null ? configuration.target
                    : pool(pools, configuration.targetUrl, configuration.targetUser, configuration.targetPassword);
            return action.apply(source, target);
        } finally {
            for (AutoCloseable pool : pools) {
                try {
                    pool.close();
                } catch (Exception ignored) {
                    // Closing a pool cannot lose data; the run's outcome is what matters.
                }
            }
        }
    }

    /** Lends a caller's connection for one call; it is given back, as it came, with the pools. */
    private static DataSource borrow(List<AutoCloseable> opened, Connection connection, BorrowedConnection.Use use,
                                     String side) {
        try {
            if (use == BorrowedConnection.Use.JOIN && Dialects.of(connection) != SQLDialect.POSTGRES) {
                throw new IllegalStateException("cannot join the caller's transaction on " + Dialects.of(connection)
                        + ": it commits the open transaction at every CREATE TABLE (the ledger's), which would commit "
                        + "the caller's work; join only on PostgreSQL, or use TargetTransaction.COMMIT_CHUNKS on a "
                        + "connection in auto-commit");
            }
            BorrowedConnection borrowed = BorrowedConnection.of(connection, use).open();
            opened.add(borrowed);
            return borrowed;
        } catch (SQLException e) {
            throw new MigrationException("cannot use the " + side + " connection: " + SqlStates.reason(e), e);
        }
    }

    private DataSource pool(List<AutoCloseable> pools, String url, String user, String password) {
        var pool = JdbcUrls.pool(url, user, password, configuration.parallelism * 2 + 2);
        pools.add(pool);
        return pool;
    }

    /**
     * How a migration runs. Each option documents its default. {@link #load()} validates and freezes
     * it; setters fail afterwards.
     */
    public static final class Configuration {
        private DataSource source;
        private Connection sourceConnection;
        private String sourceUrl;
        private String sourceUser;
        private String sourcePassword;
        private DataSource target;
        private Connection targetConnection;
        private TargetTransaction targetTransaction;
        private String targetUrl;
        private String targetUser;
        private String targetPassword;
        private MappingSpec spec;
        private int batchSize = 5_000;
        private int chunkSize = 50_000;
        private int fetchSize = 10_000;
        private int parallelism = 2;
        private boolean parallelismSet;
        private BadRows badRows = BadRows.failFast();
        private boolean dryRun;
        private boolean startOver;
        private boolean reapply;
        private String renamedFrom = "";
        private boolean resumable = true;
        private boolean postgresCopy = true;
        private boolean mariadbLoadData = true;
        private Passthrough passthrough = Passthrough.TEXT;
        private int writersPerTable = 1;
        private String ledgerSchema = "";
        private String ledgerPrefix = "ms_";
        private Duration lease = Duration.ofSeconds(30);
        private Duration lockWait = Duration.ZERO;
        private final List<ProgressListener> listeners = new ArrayList<>();
        private boolean logProgress = true;
        private boolean deleteUnloaded;
        private final java.util.Map<String, MigrationSettings.Watermark> watermarks = new java.util.LinkedHashMap<>();
        private boolean loaded;

        private Configuration() {
        }

        private void checkOpen() {
            checkState(!loaded, "the configuration is frozen once load() is called; configure a new migrator");
        }

        /**
         * The source database (required: this, {@link #source(String, String, String)} or
         * {@link #source(Connection)}).
         *
         * @param dataSource the source; the migrator borrows connections from it and closes them. Not null
         * @return this configuration
         */
        public Configuration source(DataSource dataSource) {
            checkOpen();
            this.source = checkNotNull(dataSource, "source data source");
            this.sourceConnection = null;
            return this;
        }

        /**
         * The source database through a connection the caller owns and keeps open: the migrator only
         * reads through it, runs one table at a time, and never closes it. A connection in
         * auto-commit is read in a transaction of the migrator's (PostgreSQL streams only inside one),
         * ended and auto-commit restored after each call; inside the caller's open transaction it reads
         * what that transaction sees, and commits or rolls back nothing.
         *
         * @param connection an open connection to the source, owned by the caller; not null, and not the target's
         * @return this configuration
         */
        public Configuration source(Connection connection) {
            checkOpen();
            this.sourceConnection = checkNotNull(connection, "source connection");
            this.source = null;
            this.sourceUrl = null;
            return this;
        }

        /**
         * The source database by JDBC URL; a HikariCP pool is opened for the run and closed after it.
         *
         * @param jdbcUrl the source's JDBC URL; not null
         * @param user the user, or {@code null} when the URL or the driver supplies it
         * @param password the password, or {@code null} when there is none; never logged
         * @return this configuration
         */
        public Configuration source(String jdbcUrl, String user, String password) {
            checkOpen();
            this.sourceUrl = checkNotNull(jdbcUrl, "source JDBC URL");
            this.sourceUser = user;
            this.sourcePassword = password;
            return this;
        }

        /**
         * The target database (required: this, {@link #target(String, String, String)} or
         * {@link #target(Connection, TargetTransaction)}).
         *
         * @param dataSource the target; the migrator borrows connections from it and closes them. Not null
         * @return this configuration
         */
        public Configuration target(DataSource dataSource) {
            checkOpen();
            this.target = checkNotNull(dataSource, "target data source");
            this.targetConnection = null;
            return this;
        }

        /**
         * The target database through a connection the caller owns and keeps open (a deploy tool's),
         * with who commits on it: see {@link TargetTransaction} for the contract (the migrator chunk by
         * chunk on a connection in auto-commit, or the caller, whose transaction the run joins). The
         * migrator never closes it, and runs one table at a time on it.
         *
         * <pre>{@code
         * // inside a Flyway JavaMigration with canExecuteInTransaction() == false
         * JdbcMigrator.configure()
         *     .source(legacyDataSource)
         *     .target(context.getConnection(), TargetTransaction.COMMIT_CHUNKS)
         *     .spec(spec).ledgerSchema("migration_ledger")
         *     .load().migrate();
         * }</pre>
         *
         * <p>Each call ({@code migrate()}, {@code catchUp()}, ...) checks the connection's state when it
         * starts and throws {@link IllegalStateException} if it does not fit the transaction:
         * {@code COMMIT_CHUNKS} with auto-commit off, {@code JOIN} with it on, {@code JOIN} on an engine
         * whose DDL commits.
         *
         * @param connection an open connection to the target, owned by the caller; not null, and not the source's
         * @param transaction who commits on the connection; not null
         * @return this configuration
         */
        public Configuration target(Connection connection, TargetTransaction transaction) {
            checkOpen();
            this.targetConnection = checkNotNull(connection, "target connection");
            this.targetTransaction = checkNotNull(transaction, "target transaction");
            this.target = null;
            this.targetUrl = null;
            return this;
        }

        /**
         * The target database by JDBC URL; a HikariCP pool is opened for the run and closed after it.
         *
         * @param jdbcUrl the target's JDBC URL; not null
         * @param user the user, or {@code null} when the URL or the driver supplies it
         * @param password the password, or {@code null} when there is none; never logged
         * @return this configuration
         */
        public Configuration target(String jdbcUrl, String user, String password) {
            checkOpen();
            this.targetUrl = checkNotNull(jdbcUrl, "target JDBC URL");
            this.targetUser = user;
            this.targetPassword = password;
            return this;
        }

        /**
         * The mapping spec to run (required).
         *
         * @param value the spec; not null
         * @return this configuration
         */
        public Configuration spec(MappingSpec value) {
            checkOpen();
            this.spec = checkNotNull(value, "spec");
            return this;
        }

        /**
         * Rows per JDBC batch when inserting (default: 5,000).
         *
         * @param rows the batch size, in rows; at least 1
         * @return this configuration
         */
        public Configuration batchSize(int rows) {
            checkOpen();
            checkArgument(rows > 0, "batchSize must be positive, got %s", rows);
            this.batchSize = rows;
            return this;
        }

        /**
         * Rows per chunk: the unit of commit, ledger entry and resume (default: 50,000). Larger chunks
         * commit less often (each commit waits for the target to catch up with the stream); a chunk's
         * rows are held in memory until it commits, in case the database refuses one of them.
         *
         * @param rows the chunk size, in rows; at least 1
         * @return this configuration
         */
        public Configuration chunkSize(int rows) {
            checkOpen();
            checkArgument(rows > 0, "chunkSize must be positive, got %s", rows);
            this.chunkSize = rows;
            return this;
        }

        /**
         * JDBC fetch size for reading the source (default: 10,000).
         *
         * @param rows the fetch size, in rows; at least 1 (a hint: drivers may fetch differently)
         * @return this configuration
         */
        public Configuration fetchSize(int rows) {
            checkOpen();
            checkArgument(rows > 0, "fetchSize must be positive, got %s", rows);
            this.fetchSize = rows;
            return this;
        }

        /**
         * How many tables run at once (default: 2; 1 with a connection on either side). Each uses one
         * source and one target connection.
         *
         * @param tables the number of tables migrated at once; at least 1, and exactly 1 when either side is a
         *     connection
         * @return this configuration
         */
        public Configuration parallelism(int tables) {
            checkOpen();
            checkArgument(tables > 0, "parallelism must be positive, got %s", tables);
            this.parallelism = tables;
            this.parallelismSet = true;
            return this;
        }

        /**
         * How many connections write one table's chunks at once (default: 1), through COPY passthrough
         * or the Java path alike. The chunks are key ranges read, mapped and streamed at the same time,
         * each on its own source and target connection, and committed with their ledger rows in key
         * order, so that the ledger always holds a prefix of the table and a resumed run goes on from its
         * last key as usual. A table without a key, or whose rows reference other rows of it, has one
         * writer. On the Java path each writer holds a chunk of rows, so the heap needed grows with the
         * writers ({@link #chunkSize(int)} rows each); on passthrough a writer holds a 64 KB buffer.
         *
         * @param writers the number of connections per table; at least 1 (1: one stream per table)
         * @return this configuration
         */
        public Configuration writersPerTable(int writers) {
            checkOpen();
            checkArgument(writers > 0, "writersPerTable must be positive, got %s", writers);
            this.writersPerTable = writers;
            return this;
        }

        /**
         * What happens to rows that cannot be carried (default: {@link BadRows#failFast()}).
         *
         * @param policy the bad-row policy; not null
         * @return this configuration
         */
        public Configuration onBadRow(BadRows policy) {
            checkOpen();
            this.badRows = checkNotNull(policy, "bad row policy");
            return this;
        }

        /**
         * Plans the run without writing anything to the target, not even the ledger (default: false).
         * The result holds a {@link DryRunPlan}: tables in order, chunk counts, the exact SQL, sample
         * rows, and an estimate from a measured read sample.
         *
         * @param value {@code true} to plan only
         * @return this configuration
         */
        public Configuration dryRun(boolean value) {
            checkOpen();
            this.dryRun = value;
            return this;
        }

        /**
         * When the spec's fingerprint differs from the one recorded by an earlier run, starts over
         * instead of refusing: <b>deletes every row of the spec's target tables</b> (children first)
         * and the ledger's record of the migration, then migrates from scratch (default: false).
         *
         * @param value {@code true} to empty the target tables and start again when the spec changed; excludes
         *     {@link #dryRun(boolean) dryRun} and {@link #reapplyChangedSpec(boolean) reapplyChangedSpec}
         * @return this configuration
         */
        public Configuration startOver(boolean value) {
            checkOpen();
            this.startOver = value;
            return this;
        }

        /**
         * When the spec's fingerprint differs from the one recorded by an earlier run, re-applies the new
         * spec to what is already loaded instead of refusing (default: false): before the load goes on,
         * every table is compared, chunk by chunk, with what the new spec makes of the source (the
         * comparison of {@link JdbcMigrator#catchUp()}), and only the rows that differ are rewritten:
         * updated, inserted (rows the old spec filtered out or quarantined), or deleted (rows the new spec
         * filters out or quarantines). Each chunk commits with its ledger entry; a run that stops half-way
         * resumes where it stopped, and the new fingerprint is recorded only when every table is done. The
         * rows kept are the target's: nothing is emptied. Needs keys copied, renamed or cast (as the
         * catch-up does); a table without a key is reloaded whole if it differs.
         *
         * @param value {@code true} to rewrite what differs when the spec changed; excludes
         *     {@link #startOver(boolean) startOver}
         * @return this configuration
         */
        public Configuration reapplyChangedSpec(boolean value) {
            checkOpen();
            this.reapply = value;
            return this;
        }

        /**
         * The spec's former name, whose ledger the run moves to the spec's name before it starts
         * (default: none). A renamed spec is otherwise a new migration: it finds the target tables
         * claimed by the old name and is refused, and its load would collide with the rows already
         * there. With it, the old name's record (fingerprint and spec text, chunks, quarantine,
         * catch-ups, change feeds' positions, table claims) moves to the new name in one transaction,
         * and the run goes on as a resumed run: nothing loaded is copied again. A spec renamed and
         * edited is then a changed spec: combine with {@link #reapplyChangedSpec} (or
         * {@link #startOver}).
         *
         * <pre>{@code
         * JdbcMigrator.configure().source(src).target(tgt)
         *     .spec(specNowCalledCustomers)          // was "crm-to-app"
         *     .renamedFrom("crm-to-app")
         *     .load().migrate();
         * }</pre>
         *
         * <p>The move takes both names' run locks, so it is refused while a run of the old name works. It
         * is refused when the old name has no ledger (the message lists the recorded names close to it)
         * and when the new name has a ledger too (two ledgers cannot be merged). Once the ledger has
         * moved, the option does nothing more, so it may stay in the configuration. A dry run moves
         * nothing.
         *
         * @param formerName the name the spec had when it ran before
         * @return this configuration
         */
        public Configuration renamedFrom(String formerName) {
            checkOpen();
            this.renamedFrom = Names.requireName(formerName, "renamedFrom's former name");
            return this;
        }

        /**
         * Whether to keep the ledger that makes runs idempotent and resumable (default: true). Without
         * it a run cannot resume, and re-running it inserts every row again: only for one-shot loads
         * into an empty target that is thrown away on failure.
         *
         * @param value {@code false} to run without a ledger
         * @return this configuration
         */
        public Configuration resumable(boolean value) {
            checkOpen();
            this.resumable = value;
            return this;
        }

        /**
         * Whether to write PostgreSQL targets with COPY rather than batched INSERTs (default: true).
         *
         * @param value {@code false} to use batched INSERTs on PostgreSQL
         * @return this configuration
         */
        public Configuration postgresCopy(boolean value) {
            checkOpen();
            this.postgresCopy = value;
            return this;
        }

        /**
         * Whether to write MariaDB and MySQL targets with {@code LOAD DATA LOCAL INFILE}, streamed from
         * memory, rather than batched INSERTs (default: true). It needs MariaDB Connector/J with
         * {@code allowLocalInfile} (its default) and a server with {@code local_infile} on (MariaDB's
         * default); without them the run uses batched INSERTs by itself.
         *
         * @param value {@code false} to use batched INSERTs on MariaDB and MySQL
         * @return this configuration
         */
        public Configuration mariadbLoadData(boolean value) {
            checkOpen();
            this.mariadbLoadData = value;
            return this;
        }

        /**
         * Whether tables go from PostgreSQL to PostgreSQL without their rows being decoded in Java, and in
         * which COPY format (default: {@link Passthrough#TEXT}). Only tables whose rules can be written in
         * SQL and pass the canary take that path; the dry run says which and why (see {@link Passthrough}).
         *
         * @param value the passthrough format, or {@link Passthrough#OFF} to decode every row in Java; not null
         * @return this configuration
         */
        public Configuration passthrough(Passthrough value) {
            checkOpen();
            this.passthrough = checkNotNull(value, "passthrough");
            return this;
        }

        /**
         * Schema of the ledger tables in the target (default: the connection's default schema).
         *
         * @param schema the schema's name, as the target spells it; created if missing. Not null
         * @return this configuration
         */
        public Configuration ledgerSchema(String schema) {
            checkOpen();
            this.ledgerSchema = checkNotNull(schema, "ledger schema");
            return this;
        }

        /**
         * Prefix of the ledger tables' names (default: {@code ms_}).
         *
         * @param prefix the prefix, prepended as given; not null or blank
         * @return this configuration
         */
        public Configuration ledgerPrefix(String prefix) {
            checkOpen();
            checkArgument(prefix != null && !prefix.isBlank(), "ledger prefix must not be blank");
            this.ledgerPrefix = prefix;
            return this;
        }

        /**
         * On engines without advisory locks, how long a run's lease lasts without a heartbeat before
         * another run may take it over (default: 30 seconds). Heartbeats come every third of it.
         *
         * @param duration the lease; not null, at least 150 ms
         * @return this configuration
         */
        public Configuration lease(Duration duration) {
            checkOpen();
            checkArgument(duration != null && duration.toMillis() >= 150, "lease must be at least 150 ms, got %s",
                    duration);
            this.lease = duration;
            return this;
        }

        /**
         * How long to wait for another run's lock before refusing (default: zero, refuse at once).
         *
         * @param duration the longest wait; not null or negative ({@link Duration#ZERO}: refuse at once)
         * @return this configuration
         */
        public Configuration lockWait(Duration duration) {
            checkOpen();
            checkArgument(duration != null && !duration.isNegative(), "lockWait must not be negative, got %s", duration);
            this.lockWait = duration;
            return this;
        }

        /**
         * Adds a listener called after every committed chunk.
         *
         * @param listener the listener, added to those already set; not null
         * @return this configuration
         */
        public Configuration progress(ProgressListener listener) {
            checkOpen();
            listeners.add(checkNotNull(listener, "listener"));
            return this;
        }

        /**
         * Whether to log progress every few seconds through SLF4J (default: true).
         *
         * @param value {@code false} to leave progress to the listeners (the start and end of a run are still
         *     logged)
         * @return this configuration
         */
        public Configuration logProgress(boolean value) {
            checkOpen();
            this.logProgress = value;
            return this;
        }

        /**
         * Whether {@link JdbcMigrator#catchUp()} deletes target rows that have no source row although
         * this migration never loaded them: rows whose key is above the last key its ledger records
         * (default: false; they are kept and reported).
         *
         * @param value {@code true} to delete those rows too
         * @return this configuration
         */
        public Configuration deleteUnloaded(boolean value) {
            checkOpen();
            this.deleteUnloaded = value;
            return this;
        }

        /**
         * Catches a source table up by watermark rather than by comparison (default: none): the table
         * has a change column that every insert and update sets to a value above all earlier ones (an
         * {@code updated_at} time, a version number). The first {@link JdbcMigrator#catchUp()} compares
         * the whole table and records the column's highest value when it started; each later one reads
         * only the rows whose value is above that mark minus {@code safetyLag} (for transactions that
         * commit late), and repairs those rows as a comparison would.
         *
         * <p>Limits: deletes are not seen (a soft-delete column filtered out by the spec is; otherwise
         * run a catch-up without the watermark at the freeze); a write that does not set the column is
         * missed; clocks of several writers must agree within the lag. The result warns when the column
         * holds NULLs (those rows are never read) or is not indexed (each catch-up scans the table).
         *
         * @param sourceTable the source table's name, as the spec names it
         * @param column the change column
         * @param safetyLag how far below the mark to read again; zero for a version number
         * @return this configuration
         */
        public Configuration watermark(String sourceTable, String column, Duration safetyLag) {
            checkOpen();
            checkArgument(safetyLag != null && !safetyLag.isNegative(), "safetyLag must not be negative, got %s",
                    safetyLag);
            watermarks.put(checkNotNull(sourceTable, "sourceTable"),
                    new MigrationSettings.Watermark(checkNotNull(column, "column"), safetyLag));
            return this;
        }

        /**
         * Validates and freezes the configuration: the migrator runs on an immutable copy of it.
         *
         * @return the migrator, which runs on an immutable copy of this configuration; this configuration is
         *     sealed
         * @throws IllegalStateException naming what is missing
         */
        public JdbcMigrator load() {
            checkOpen();
            checkState(source != null || sourceUrl != null || sourceConnection != null,
                    "no source: call source(dataSource), source(url, user, password) or source(connection)");
            checkState(target != null || targetUrl != null || targetConnection != null,
                    "no target: call target(dataSource), target(url, user, password) or target(connection, transaction)");
            checkState(spec != null, "no spec: call spec(mappingSpec)");
            checkState(!(dryRun && startOver), "dryRun and startOver exclude each other: a dry run deletes nothing");
            checkState(!(startOver && reapply), "startOver and reapplyChangedSpec exclude each other: one empties the "
                    + "target tables, the other keeps their rows and rewrites those that differ");
            checkState(!spec.name().equals(renamedFrom), "renamedFrom(\"%s\") names the spec's own name: give "
                    + "the name the spec had before", renamedFrom);
            checkState(renamedFrom.isEmpty() || resumable, "renamedFrom(\"%s\") moves a ledger, and resumable(false) "
                    + "keeps none", renamedFrom);
            if (sourceConnection != null || targetConnection != null) {
                checkState(sourceConnection != targetConnection, "the source and the target are the same connection: "
                        + "the source's read transaction would end the target's chunks; read the source through "
                        + "source(dataSource) or another connection");
                checkState(!parallelismSet || parallelism == 1, "parallelism(%s) needs a connection per table, but "
                        + "the %s is one connection, which runs one table at a time: set parallelism(1), or pass a "
                        + "DataSource", parallelism, targetConnection != null ? "target" : "source");
                parallelism = 1;
                checkState(writersPerTable == 1, "writersPerTable(%s) needs a connection per writer, but the %s is "
                        + "one connection: set writersPerTable(1), or pass a DataSource", writersPerTable,
                        targetConnection != null ? "target" : "source");
            }
            loaded = true;
            return new JdbcMigrator(this, new MigrationSettings(spec, batchSize, chunkSize, fetchSize, parallelism,
                    badRows, dryRun, startOver, reapply, renamedFrom, resumable, postgresCopy, mariadbLoadData, passthrough,
                    writersPerTable, ledgerSchema,
                    ledgerPrefix, lease, lockWait, listeners, logProgress, deleteUnloaded, watermarks));
        }

        /**
         * The spec.
         *
         * @return the spec, or {@code null} when none was set yet
         */
        public MappingSpec spec() {
            return spec;
        }

        /**
         * Rows per JDBC batch.
         *
         * @return the batch size, in rows
         */
        public int batchSize() {
            return batchSize;
        }

        /**
         * Rows per chunk.
         *
         * @return the chunk size, in rows
         */
        public int chunkSize() {
            return chunkSize;
        }

        /**
         * JDBC fetch size for reads.
         *
         * @return the fetch size, in rows
         */
        public int fetchSize() {
            return fetchSize;
        }

        /**
         * Tables at once.
         *
         * @return the number of tables run at once; 1 once loaded with a connection on either side
         */
        public int parallelism() {
            return parallelism;
        }

        /**
         * The bad-row policy.
         *
         * @return the bad-row policy; {@link BadRows#failFast()} unless set
         */
        public BadRows badRows() {
            return badRows;
        }

        /**
         * Whether this is a dry run.
         *
         * @return {@code true} for a dry run
         */
        public boolean isDryRun() {
            return dryRun;
        }

        /**
         * Whether a changed spec starts over.
         *
         * @return {@code true} if a changed spec empties the target and starts again
         */
        public boolean isStartOver() {
            return startOver;
        }

        /**
         * Whether a changed spec is re-applied to the rows already loaded.
         *
         * @return {@code true} if a changed spec is re-applied to the rows already loaded
         */
        public boolean isReapplyingChangedSpec() {
            return reapply;
        }

        /**
         * The spec's former name given to {@link #renamedFrom(String)}.
         *
         * @return the former name, or empty when none was given
         */
        public Optional<String> renamedFrom() {
            return renamedFrom.isEmpty() ? Optional.empty() : Optional.of(renamedFrom);
        }

        /**
         * Whether the ledger is kept.
         *
         * @return {@code true} unless the run goes without a ledger
         */
        public boolean isResumable() {
            return resumable;
        }

        /**
         * Whether PostgreSQL targets use COPY.
         *
         * @return {@code true} if PostgreSQL targets are written with COPY
         */
        public boolean usesPostgresCopy() {
            return postgresCopy;
        }

        /**
         * The ledger schema, empty for the default.
         *
         * @return the ledger schema, or an empty string for the connection's default schema
         */
        public String ledgerSchema() {
            return ledgerSchema;
        }

        /**
         * The ledger table prefix.
         *
         * @return the prefix of the ledger tables' names
         */
        public String ledgerPrefix() {
            return ledgerPrefix;
        }

        /**
         * The lease duration.
         *
         * @return how long a lease lasts without a heartbeat
         */
        public Duration lease() {
            return lease;
        }

        /**
         * How long to wait for the lock.
         *
         * @return how long a run waits for another run's lock; zero to refuse at once
         */
        public Duration lockWait() {
            return lockWait;
        }

        /**
         * The progress listeners.
         *
         * @return a copy of the listeners, in the order added; empty when none
         */
        public List<ProgressListener> listeners() {
            return List.copyOf(listeners);
        }

        /**
         * Whether progress is logged.
         *
         * @return {@code true} if progress is logged every few seconds
         */
        public boolean logsProgress() {
            return logProgress;
        }
    }
}
