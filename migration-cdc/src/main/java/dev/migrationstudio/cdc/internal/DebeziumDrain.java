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
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One drain of a replication slot into a {@link ChangeSink}, through Debezium's embedded engine.
 *
 * <p>Where to stop: before streaming, a transactional logical decoding message (a marker) is written
 * to the source's WAL. It commits after every change committed before the call, and the stream is
 * in commit order, so once the marker arrives every such change has been handed over.
 *
 * <p>Batches: the engine's records are cut into runs of consecutive changes to one table, each
 * applied by the sink in one transaction with its position, then marked processed; the engine
 * confirms processed positions to the slot, so the slot moves on only past committed batches and a
 * killed drain gets the unconfirmed ones again (which the sink applies harmlessly twice). A dry run
 * marks nothing.
 */
public final class DebeziumDrain {
    private static final Logger LOG = LoggerFactory.getLogger(DebeziumDrain.class);
    /** The prefix of the markers' logical decoding messages. */
    static final String MARKER_PREFIX = "migration-studio";

    private final PostgresUrl url;
    private final String user;
    private final String password;
    private final String slot;
    private final int batchSize;
    private final Connection connection;

    /**
     * @param connection a plain connection to the source, for the marker and the lag; used by one
     *     thread at a time
     */
    public DebeziumDrain(PostgresUrl url, String user, String password, String slot, int batchSize,
                         Connection connection) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.slot = slot;
        this.batchSize = batchSize;
        this.connection = connection;
    }

    /** Streams from the slot into the sink until the marker written now arrives. */
    public void drain(ChangeSink sink) throws Exception {
        String marker = "drain " + UUID.randomUUID();
        connection.setAutoCommit(true);
        String markerAt = sql().resultQuery("select pg_logical_emit_message(true, {0}, {1})::text",
                DSL.val(MARKER_PREFIX), DSL.val(marker)).fetchOne(0, String.class);
        LOG.info("Draining replication slot {} up to {}{}", slot, markerAt,
                sink.lastPosition().map(p -> ", the last applied batch ended at " + p).orElse(""));
        CompletableFuture<Void> done = new CompletableFuture<>();
        Batches batches = new Batches(sink, marker, done);
        DebeziumEngine<RecordChangeEvent<SourceRecord>> engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(properties())
                .notifying(batches)
                .using((success, message, error) -> done.completeExceptionally(error != null ? error
                        : new IllegalStateException("the change stream stopped before the marker: " + message)))
                .build();
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "change-capture-" + slot);
            t.setDaemon(true);
            return t;
        });
        try {
            thread.execute(engine);
            done.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            engine.close();
            thread.shutdown();
            thread.awaitTermination(1, TimeUnit.MINUTES);
        }
        LOG.info("Replication slot {} drained: {} changes applied{}", slot, batches.applied,
                sink.dryRun() ? " (dry run: none written, the slot not moved on)" : "");
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

    private DSLContext sql() {
        return DSL.using(connection, SQLDialect.POSTGRES);
    }

    /** The source's WAL written since a position, in bytes; -1 when it cannot be read. */
    private long bytesBehind(String lsn) {
        try {
            Long bytes = sql().resultQuery("select pg_wal_lsn_diff(pg_current_wal_lsn(), {0}::pg_lsn)::bigint",
                    DSL.val(lsn)).fetchOne(0, Long.class);
            return bytes == null ? -1 : Math.max(0, bytes);
        } catch (RuntimeException e) {
            LOG.debug("cannot read the WAL position of the source", e);
            return -1;
        }
    }

    /** Cuts the engine's batches into per-table runs and hands them to the sink. */
    private final class Batches implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {
        private final ChangeSink sink;
        private final String marker;
        private final CompletableFuture<Void> done;
        private long applied;
        private Run run;
        private String lastLsn;
        private String lastPosition = "";
        private Instant lastCommit = Instant.now();

        Batches(ChangeSink sink, String marker, CompletableFuture<Void> done) {
            this.sink = sink;
            this.marker = marker;
            this.done = done;
        }

        @Override
        public void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
                                DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
                throws InterruptedException {
            if (done.isDone()) {
                // Drained, or failed: nothing more is applied or confirmed; the next drain gets these again.
                return;
            }
            try {
                List<RecordChangeEvent<SourceRecord>> passed = new ArrayList<>();
                for (RecordChangeEvent<SourceRecord> event : records) {
                    Struct value = event.record().value() instanceof Struct s ? s : null;
                    if (value != null && value.schema().field("message") != null) {
                        apply(committer);
                        Struct message = value.getStruct("message");
                        if (MARKER_PREFIX.equals(message.getString("prefix"))
                                && marker.equals(new String(ConnectValues.bytes(message.get("content")), StandardCharsets.UTF_8))) {
                            confirm(committer, passed);
                            confirm(committer, List.of(event));
                            committer.markBatchFinished();
                            reportLag();
                            done.complete(null);
                            return;
                        }
                        passed.add(event);
                    } else if (value != null && value.schema().field("op") != null) {
                        add(value, event, committer);
                    } else {
                        passed.add(event);
                    }
                }
                apply(committer);
                confirm(committer, passed);
                committer.markBatchFinished();
                reportLag();
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
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
                    bytesBehind(lastLsn), applied, lastPosition));
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
