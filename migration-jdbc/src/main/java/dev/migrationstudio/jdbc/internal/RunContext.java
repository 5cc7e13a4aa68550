package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.jdbc.Progress;
import dev.migrationstudio.jdbc.ProgressListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/** What every table of a run shares: settings, databases, ledger, bad-row policy, progress and the stop signal. */
final class RunContext {
    final MigrationSettings settings;
    final BadRowPolicy badRows;
    final DataSource source;
    final DataSource target;
    final Ledger ledger;
    final String runId;
    final boolean postgresTarget;
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicLong rowsDone = new AtomicLong();
    final long rowsTotal;
    private final long startNanos;
    private final List<ProgressListener> listeners;

    RunContext(MigrationSettings settings, DataSource source, DataSource target, Ledger ledger, String runId,
               boolean postgresTarget, long rowsTotal, List<ProgressListener> listeners) {
        this.settings = settings;
        this.badRows = new BadRowPolicy(settings.badRows());
        this.source = source;
        this.target = target;
        this.ledger = ledger;
        this.runId = runId;
        this.postgresTarget = postgresTarget;
        this.rowsTotal = rowsTotal;
        this.listeners = List.copyOf(listeners);
        this.startNanos = System.nanoTime();
    }

    String migration() {
        return settings.migration();
    }

    void chunkCommitted(String table, long chunk, long rows) {
        long done = rowsDone.addAndGet(rows);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        double seconds = elapsed.toNanos() / 1e9;
        Progress progress = new Progress(table, chunk, done, rowsTotal, elapsed, seconds <= 0 ? 0 : done / seconds);
        for (ProgressListener listener : listeners) {
            listener.onChunk(progress);
        }
    }
}
