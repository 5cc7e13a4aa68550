package dev.migrationstudio.cdc.internal;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.jdbc.ChangeLag;
import dev.migrationstudio.jdbc.ChangeSink;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream of a replication slot, read by Debezium's embedded engine, drained into a
 * {@link ChangeSink} call after call. The engine starts with the first drain and keeps running
 * between drains, so that a drain under a write freeze costs the changes and a round trip, not an
 * engine start and a decoding of the WAL since the slot's restart point; {@link #close()} stops it.
 *
 * <p>Where to stop: each drain first writes a transactional logical decoding message (a marker) into
 * the source's WAL. It commits after every change committed before the call, and the stream is in
 * commit order, so once the marker arrives every such change has been handed over.
 *
 * <p>Batches: the engine's batches wait, one at a time, until a drain takes them; each is cut into runs
 * of consecutive changes to one table, each run applied by the sink in one transaction with its
 * position, and only then marked processed. The engine confirms processed positions to the slot, so
 * the slot moves on only past committed runs, and a killed process gets the unconfirmed ones again
 * (which the sink applies harmlessly twice). After a failed drain the engine is stopped, so that
 * nothing after the failure is confirmed. A dry run confirms nothing: it reads with an engine of its
 * own, stopped at its end, and the next drain starts again from the slot.
 */
public final class DebeziumDrain implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DebeziumDrain.class);
    /** The prefix of the markers' logical decoding messages. */
    static final String MARKER_PREFIX = "migration-studio";
    private static final long POLL_MILLIS = 100;

    private final PostgresUrl url;
    private final String user;
    private final String password;
    private final String slot;
    private final int batchSize;
    private final SynchronousQueue<Batch> handoff = new SynchronousQueue<>();
    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private ExecutorService thread;
    /** Why the running engine stopped by itself; null while it runs. */
    private volatile Throwable stopped;
    private volatile boolean closing;
    /** A batch a drain stopped in (at its marker), continued by the next drain. */
    private Batch current;

    public DebeziumDrain(PostgresUrl url, String user, String password, String slot, int batchSize) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.slot = slot;
        this.batchSize = batchSize;
    }

    /**
     * Streams from the slot into the sink until the marker written now arrives.
     *
     * @param connection a plain connection to the source, for the marker and the lag
     */
    public synchronized void drain(ChangeSink sink, Connection connection) throws Exception {
        String marker = "drain " + UUID.randomUUID();
        connection.setAutoCommit(true);
        String markerAt = DSL.using(connection, SQLDialect.POSTGRES)
                .resultQuery("select pg_logical_emit_message(true, {0}, {1})::text", DSL.val(MARKER_PREFIX),
                        DSL.val(marker)).fetchOne(0, String.class);
        LOG.info("Draining replication slot {} up to {}{}", slot, markerAt,
                sink.lastPosition().map(p -> ", the last applied batch ended at " + p).orElse(""));
        if (sink.dryRun()) {
            close();
        }
        Drain drain = new Drain(sink, marker, connection);
        try {
            start();
            while (!drain.reachedMarker) {
                Batch batch = current != null ? current : next();
                current = batch;
                drain.process(batch);
                if (batch.next == batch.records.size()) {
                    current = null;
                    batch.done.countDown();
                }
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        } finally {
            if (sink.dryRun()) {
                close();
            }
        }
        LOG.info("Replication slot {} drained: {} changes applied{}", slot, drain.applied,
                sink.dryRun() ? " (dry run: none written, the slot not moved on)" : "");
    }

    /** The engine's next batch; fails when the engine stopped by itself. */
    private Batch next() throws InterruptedException {
        while (true) {
            Batch batch = handoff.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (batch != null) {
                return batch;
            }
            Throwable why = stopped;
            if (why != null) {
                throw new MigrationException("the change stream of replication slot " + slot + " stopped: "
                        + why.getMessage(), why);
            }
        }
    }

    private void start() {
        if (engine != null) {
            return;
        }
        stopped = null;
        closing = false;
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(properties())
                .notifying(this::handleBatch)
                .using((success, message, error) -> {
                    if (!closing) {
                        stopped = error != null ? error : new IllegalStateException(message);
                    }
                })
                .build();
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "change-capture-" + slot);
            t.setDaemon(true);
            return t;
        });
        thread.execute(engine);
    }

    /** The engine's side: hands a batch over and waits until a drain has processed it (or the stream closes). */
    private void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
                             DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        Batch batch = new Batch(records, committer);
        while (!closing) {
            if (handoff.offer(batch, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                while (!closing && !batch.done.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    // Waiting for the drain that took it.
                }
                return;
            }
        }
    }

    /** Stops the engine, when it runs; the next drain starts it again from the slot's confirmed position. */
    @Override
    public synchronized void close() {
        if (engine == null) {
            return;
        }
        closing = true;
        try {
            engine.close();
            thread.shutdown();
            if (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.warn("the change stream of slot {} did not stop within a minute", slot);
            }
        } catch (IOException e) {
            LOG.warn("stopping the change stream of slot {}: {}", slot, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            engine = null;
            thread = null;
            current = null;
        }
    }

    /** A batch of the engine's records, processed from {@link #next} on. */
    private static final class Batch {
        final List<RecordChangeEvent<SourceRecord>> records;
        final DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer;
        final CountDownLatch done = new CountDownLatch(1);
        int next;

        Batch(List<RecordChangeEvent<SourceRecord>> records,
              DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) {
            this.records = records;
            this.committer = committer;
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.setProperty("name", "migration-studio-" + slot);
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        // The ledger holds the applied position; the slot holds what was confirmed. Nothing else to keep.
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
        p.setProperty("offset.flush.interval.ms", "0");
        p.setProperty("database.hostname", url.host());
        p.setProperty("database.port", Integer.toString(url.port()));
        p.setProperty("database.dbname", url.database());
        p.setProperty("database.user", user);
        if (password != null) {
            p.setProperty("database.password", password);
        }
        p.setProperty("topic.prefix", "migration_studio");
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", slot);
        p.setProperty("publication.name", slot);
        p.setProperty("publication.autocreate.mode", "disabled");
        // The load read the slot's snapshot already: stream only.
        p.setProperty("snapshot.mode", "no_data");
        p.setProperty("slot.drop.on.stop", "false");
        p.setProperty("tombstones.on.delete", "false");
        // A truncate must reach the sink (it names no rows, so it stops the drain with advice).
        p.setProperty("skipped.operations", "none");
        p.setProperty("decimal.handling.mode", "precise");
        p.setProperty("time.precision.mode", "adaptive_time_microseconds");
        p.setProperty("include.unknown.datatypes", "true");
        p.setProperty("max.batch.size", Integer.toString(batchSize));
        p.setProperty("max.queue.size", Integer.toString(Math.max(8_192, batchSize * 2)));
        p.setProperty("poll.interval.ms", "20");
        p.setProperty("status.update.interval.ms", "1000");
        return p;
    }

    /** The source's WAL written since a position, in bytes; -1 when it cannot be read. */
    private static long bytesBehind(Connection connection, String lsn) {
        try {
            Long bytes = DSL.using(connection, SQLDialect.POSTGRES).resultQuery("select pg_wal_lsn_diff(pg_current_wal_lsn(), {0}::pg_lsn)::bigint",
                    DSL.val(lsn)).fetchOne(0, Long.class);
            return bytes == null ? -1 : Math.max(0, bytes);
        } catch (RuntimeException e) {
            LOG.debug("cannot read the WAL position of the source", e);
            return -1;
        }
    }

    /** One drain: cuts batches into per-table runs and hands them to the sink, until its marker. */
    private final class Drain {
        private final ChangeSink sink;
        private final String marker;
        private final Connection connection;
        private long applied;
        private boolean reachedMarker;
        private Run run;
        private String lastLsn;
        private String lastPosition = "";
        private Instant lastCommit = Instant.now();

        Drain(ChangeSink sink, String marker, Connection connection) {
            this.sink = sink;
            this.marker = marker;
            this.connection = connection;
        }

        /** Processes a batch from where it stands, up to its end or this drain's marker. */
        void process(Batch batch) throws InterruptedException {
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer = batch.committer;
            List<RecordChangeEvent<SourceRecord>> passed = new ArrayList<>();
            while (batch.next < batch.records.size() && !reachedMarker) {
                RecordChangeEvent<SourceRecord> event = batch.records.get(batch.next++);
                Struct value = event.record().value() instanceof Struct s ? s : null;
                if (value != null && value.schema().field("message") != null) {
                    apply(committer);
                    Struct message = value.getStruct("message");
                    reachedMarker = MARKER_PREFIX.equals(message.getString("prefix")) && marker.equals(
                            new String(ConnectValues.bytes(message.get("content")), StandardCharsets.UTF_8));
                    passed.add(event);
                } else if (value != null && value.schema().field("op") != null) {
                    add(value, event, committer);
                } else {
                    passed.add(event);
                }
            }
            apply(committer);
            confirm(committer, passed);
            if (batch.next == batch.records.size() && !sink.dryRun()) {
                committer.markBatchFinished();
            }
            reportLag();
        }

        private void add(Struct value, RecordChangeEvent<SourceRecord> event,
                         DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
                throws InterruptedException {
            String op = value.getString("op");
            Struct source = value.getStruct("source");
            TableId table = TableId.of(source.getString("schema"), source.getString("table"));
            if ("t".equals(op)) {
                throw new MigrationException("table " + table + " was truncated in the source; a truncate names no "
                        + "rows, so compare the table instead: run migrator.catchUp()");
            }
            if (run != null && !run.table.equals(table)) {
                apply(committer);
            }
            if (run == null) {
                run = new Run(table, sink.keyColumns(table));
            }
            Struct row = "d".equals(op) ? value.getStruct("before") : value.getStruct("after");
            run.keys.add(key(table, op, row, run.keyColumns));
            run.events.add(event);
            Long lsn = source.getInt64("lsn");
            run.position = "lsn " + Lsns.format(lsn) + ", transaction " + source.get("txId");
            run.lsn = Lsns.format(lsn);
            run.committedAt = Instant.ofEpochMilli(source.getInt64("ts_ms"));
        }

        private List<Object> key(TableId table, String op, Struct row, List<String> columns) {
            List<Object> key = new ArrayList<>(columns.size());
            for (String column : columns) {
                Field field = row == null ? null : row.schema().field(column);
                Object value = field == null ? null : row.get(field);
                if (value == null) {
                    throw new MigrationException(String.format("a %s of a row of %s carries no value for key column %s: "
                                    + "the key must be the table's primary key, or the table must have REPLICA "
                                    + "IDENTITY FULL (ALTER TABLE %s REPLICA IDENTITY FULL) so that deletes name "
                                    + "their row", "d".equals(op) ? "delete" : "change", table, column, table));
                }
                key.add(ConnectValues.toJava(field.schema(), value));
            }
            return key;
        }

        /** Applies the pending run of one table's changes and confirms its records. */
        private void apply(DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
                throws InterruptedException {
            if (run == null) {
                return;
            }
            Run applying = run;
            run = null;
            sink.apply(applying.table, applying.keys, applying.position, applying.committedAt);
            applied += applying.keys.size();
            lastLsn = applying.lsn;
            lastPosition = applying.position;
            lastCommit = applying.committedAt;
            confirm(committer, applying.events);
        }

        private void confirm(DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer,
                             List<RecordChangeEvent<SourceRecord>> events) throws InterruptedException {
            if (sink.dryRun()) {
                return;
            }
            for (RecordChangeEvent<SourceRecord> event : events) {
                committer.markProcessed(event);
            }
        }

        private void reportLag() {
            if (lastLsn == null) {
                return;
            }
            Duration behind = Duration.between(lastCommit, Instant.now());
            sink.lag(new ChangeLag("slot " + slot, behind.isNegative() ? Duration.ZERO : behind,
                    bytesBehind(connection, lastLsn), applied, lastPosition));
        }
    }

    /** Consecutive changes to one table, applied together. */
    private static final class Run {
        final TableId table;
        final List<String> keyColumns;
        final List<List<Object>> keys = new ArrayList<>();
        final List<RecordChangeEvent<SourceRecord>> events = new ArrayList<>();
        String position;
        String lsn;
        Instant committedAt;

        Run(TableId table, List<String> keyColumns) {
            this.table = table;
            this.keyColumns = keyColumns;
        }
    }
}
