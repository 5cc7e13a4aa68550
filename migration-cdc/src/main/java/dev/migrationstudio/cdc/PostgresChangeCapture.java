package dev.migrationstudio.cdc;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.cdc.internal.DebeziumDrain;
import dev.migrationstudio.cdc.internal.PostgresUrl;
import dev.migrationstudio.cdc.internal.Slots;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.jdbc.ChangeFeed;
import dev.migrationstudio.jdbc.ChangeSink;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.mapping.TableMapping;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.ReplicationSlotInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Change data capture from a PostgreSQL source by logical decoding: the load reads the snapshot a
 * new replication slot exports, and the changes committed from that instant on are streamed from
 * the slot and applied through the spec, so that no change between the load and the stream is lost
 * or applied twice.
 *
 * <pre>{@code
 * PostgresChangeCapture capture = PostgresChangeCapture.configure()
 *     .source("jdbc:postgresql://db:5432/shop", "migrator", password)
 *     .slot("shop_v2")                       // the replication slot and the publication
 *     .build();
 * capture.load(migrator);                    // slot first, then the bulk copy from its snapshot
 * migrator.applyChanges(capture);            // as often as wanted; at the freeze, the final delta
 * capture.drop();                            // after the cutover: the slot holds WAL until dropped
 * }</pre>
 *
 * <p>The stream is read with Debezium's embedded engine and its PostgreSQL connector
 * ({@code pgoutput}, built into PostgreSQL 10 and later). The source needs {@code wal_level=logical}
 * and a free replication slot, and the user the REPLICATION attribute and ownership of the tables
 * (to create the publication). Each table's key must be its primary key, or the table must have
 * {@code REPLICA IDENTITY FULL}, so that a delete names its row.
 *
 * <p>The stream starts with the first {@code applyChanges} and keeps running between calls until
 * {@link #close()} or {@link #drop()}, so that the final delta under a write freeze costs the changed
 * rows and a round trip rather than a stream's start.
 *
 * <p>A slot holds WAL on the source until it is dropped: {@link #drop()} after the cutover (the
 * runbook step {@code CaptureSteps.dropSlot}), or with {@link #reset(JdbcMigrator)}; {@link #slots}
 * lists the slots a source holds, for reviews that look for forgotten ones.
 */
public final class PostgresChangeCapture implements ChangeFeed, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeCapture.class);
    private static final Pattern SLOT_NAME = Pattern.compile("[a-z0-9_]{1,63}");

    private final PostgresUrl url;
    private final String user;
    private final String password;
    private final String slot;
    /** The slot's stream, running from the first drain until {@link #close()} or {@link #drop()}. */
    private final DebeziumDrain stream;

    private PostgresChangeCapture(PostgresUrl url, String user, String password, String slot, int batchSize) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.slot = slot;
        this.stream = new DebeziumDrain(url, user, password, slot, batchSize);
    }

    /**
     * Starts a configuration.
     *
     * @return a new builder; {@link Builder#source} and {@link Builder#slot} are required before
     *     {@link Builder#build()}
     */
    public static Builder configure() {
        return new Builder();
    }

    /**
     * The replication slot's name, which is also the publication's.
     *
     * @return the slot name as configured, lower-case, at most 63 characters
     */
    public String slot() {
        return slot;
    }

    @Override
    public String name() {
        return "slot " + slot;
    }

    /**
     * Loads the target from a consistent snapshot of the source, from which the change stream starts.
     * On the first call it creates the publication of the spec's source tables and the replication
     * slot, whose creation exports a snapshot, and runs {@link JdbcMigrator#migrateFromSnapshot}
     * while the session that exported it stays open. When the slot exists already (a load killed
     * before it finished), the load resumes reading the latest data: every change since the slot
     * was created is in the stream and applied by reading its row again, so the target still ends
     * exact.
     *
     * @param migrator the migrator to load with; its spec's source tables are the ones published. Not null
     * @return the result of the snapshot load, as {@link JdbcMigrator#migrate()} reports it
     * @throws MigrationException if the source cannot capture changes (wal_level, privileges) or the load fails
     */
    public MigrationResult load(JdbcMigrator migrator) {
        checkNotNull(migrator, "migrator");
        try (Connection connection = connect()) {
            List<TableId> tables = Slots.resolveTables(connection, migrator.configuration().spec().tables().stream()
                    .map(TableMapping::source).distinct().toList());
            if (Slots.find(connection, slot).isPresent()) {
                LOG.warn("Replication slot {} exists (created by an earlier load): the load resumes from the latest "
                        + "data, and the stream from the slot brings every change since the slot was created", slot);
                Slots.ensurePublication(connection, slot, tables);
                return migrator.migrate();
            }
            Slots.ensurePublication(connection, slot, tables);
            try (Connection replication = replicationConnection()) {
                ReplicationSlotInfo info = replication.unwrap(PGConnection.class).getReplicationAPI()
                        .createReplicationSlot().logical().withSlotName(slot).withOutputPlugin("pgoutput").make();
                LOG.info("Replication slot {} created at {}; loading from its snapshot {}", slot,
                        info.getConsistentPoint().asString(), info.getSnapshotName());
                // The snapshot lives as long as this replication session stays open and idle.
                return migrator.migrateFromSnapshot(info.getSnapshotName());
            }
        } catch (SQLException e) {
            throw new MigrationException("cannot start capturing changes from " + url.describe() + " with slot "
                    + slot + ": " + e.getMessage(), e);
        }
    }

    /**
     * Streams the changes committed since the last applied one, up to the moment of the call, into
     * the sink: called by {@link JdbcMigrator#applyChanges(ChangeFeed)}.
     */
    @Override
    public void drain(ChangeSink sink) throws Exception {
        try (Connection connection = connect()) {
            checkState(Slots.find(connection, slot).isPresent(), "replication slot %s does not exist on %s: "
                    + "call load(migrator) first (if it was dropped, the changes since are lost: run "
                    + "migrator.catchUp() to compare the tables instead)", slot, url.describe());
            stream.drain(sink, connection);
        }
    }

    /**
     * Drops the replication slot and the publication, so that the source no longer keeps WAL for
     * them; changes made afterwards are no longer captured. Does nothing when they are gone.
     *
     * @throws MigrationException if the slot is in use by a running stream
     */
    public void drop() {
        stream.close();
        try (Connection connection = connect()) {
            Slots.drop(connection, slot);
            LOG.info("Replication slot and publication {} dropped", slot);
        } catch (SQLException e) {
            throw new MigrationException("cannot drop replication slot " + slot + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops reading the slot; the slot stays, and the next {@code applyChanges} reads it again from its
     * last confirmed position. The stream otherwise keeps running between calls (a daemon thread and a
     * replication connection), so that a drain under the freeze costs the changes only.
     */
    @Override
    public void close() {
        stream.close();
    }

    /**
     * Undoes the migration in the target ({@link JdbcMigrator#reset()}) and drops the slot and publication.
     *
     * @param migrator the migrator whose target and ledger are reset; not null
     */
    public void reset(JdbcMigrator migrator) {
        migrator.reset();
        drop();
    }

    /**
     * The slot as the source holds it now; empty when it does not exist.
     *
     * @return the slot with the WAL it keeps, or empty when the source has no slot of this name
     */
    public Optional<ReplicationSlot> slotState() {
        try (Connection connection = connect()) {
            return Slots.find(connection, slot);
        } catch (SQLException e) {
            throw new MigrationException("cannot read replication slot " + slot + ": " + e.getMessage(), e);
        }
    }

    /**
     * The logical replication slots a PostgreSQL database holds, with the WAL each keeps: a slot that
     * no migration uses any more keeps WAL forever.
     *
     * @param source a PostgreSQL database; a connection is borrowed and closed before returning. Not null
     * @return every logical replication slot of the database, including slots of other tools; empty when there is
     *     none
     */
    public static List<ReplicationSlot> slots(DataSource source) {
        try (Connection connection = source.getConnection()) {
            return Slots.all(connection);
        } catch (SQLException e) {
            throw new MigrationException("cannot read the replication slots of the source: " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), credentials(new Properties()));
    }

    private Connection replicationConnection() throws SQLException {
        Properties properties = credentials(new Properties());
        PGProperty.REPLICATION.set(properties, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(properties, "10");
        PGProperty.PREFER_QUERY_MODE.set(properties, "simple");
        return DriverManager.getConnection(url.jdbcUrl(), properties);
    }

    private Properties credentials(Properties properties) {
        PGProperty.USER.set(properties, user);
        if (password != null) {
            PGProperty.PASSWORD.set(properties, password);
        }
        return properties;
    }

    @Override
    public String toString() {
        // No password: this may end in logs.
        return "PostgresChangeCapture[" + url.describe() + ", slot " + slot + "]";
    }

    /** How a capture connects and which slot it uses. */
    public static final class Builder {
        private String jdbcUrl;
        private String user;
        private String password;
        private String slot;
        private int batchSize = 4_096;

        private Builder() {
        }

        /**
         * The most changes read from the stream at once (default: 4,096). Consecutive changes to one
         * table within them are applied in one transaction.
         *
         * @param changes the batch size, in changes; at least 1
         * @return this builder
         */
        public Builder batchSize(int changes) {
            checkArgument(changes > 0, "batchSize must be positive, got %s", changes);
            this.batchSize = changes;
            return this;
        }

        /**
         * The PostgreSQL source, as a JDBC URL ({@code jdbc:postgresql://host:port/database}) with a
         * user that has the REPLICATION attribute (required).
         *
         * @param jdbcUrl the PostgreSQL JDBC URL of the source database; not null
         * @param user the user, with the REPLICATION attribute; not null
         * @param password the user's password, or {@code null} when the server does not ask for one
         * @return this builder
         */
        public Builder source(String jdbcUrl, String user, String password) {
            this.jdbcUrl = checkNotNull(jdbcUrl, "jdbcUrl");
            this.user = checkNotNull(user, "user");
            this.password = password;
            return this;
        }

        /**
         * The name of the replication slot and of the publication (required): lower-case letters,
         * digits and underscores, at most 63 characters, as PostgreSQL requires of slot names.
         *
         * @param name the slot and publication name; not null, matching {@code [a-z0-9_]{1,63}}
         * @return this builder
         */
        public Builder slot(String name) {
            checkArgument(name != null && SLOT_NAME.matcher(name).matches(), "a slot name is lower-case letters, "
                    + "digits and underscores, at most 63 characters; got '%s'", name);
            this.slot = name;
            return this;
        }

        /**
         * The capture.
         *
         * @return the capture, ready to {@link PostgresChangeCapture#load load}; nothing is created on the source
         *     until then
         * @throws IllegalStateException naming what is missing
         */
        public PostgresChangeCapture build() {
            checkState(jdbcUrl != null, "no source: call source(jdbcUrl, user, password)");
            checkState(slot != null, "no slot: call slot(name)");
            return new PostgresChangeCapture(PostgresUrl.parse(jdbcUrl), user, password, slot, batchSize);
        }
    }
}
