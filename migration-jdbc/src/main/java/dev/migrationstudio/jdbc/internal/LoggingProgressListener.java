package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.jdbc.ChangeLag;
import dev.migrationstudio.jdbc.Progress;
import dev.migrationstudio.jdbc.ProgressListener;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs progress at most every few seconds, and each chunk at DEBUG. */
final class LoggingProgressListener implements ProgressListener {
    private static final Logger LOG = LoggerFactory.getLogger("dev.migrationstudio.jdbc.progress");

    private final long intervalNanos;
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime());

    /** @param intervalSeconds seconds between INFO lines */
    public LoggingProgressListener(long intervalSeconds) {
        this.intervalNanos = intervalSeconds * 1_000_000_000L;
    }

    @Override
    public void onChunk(Progress progress) {
        LOG.debug("{}: chunk {} committed", progress.table(), progress.chunk());
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last >= intervalNanos && lastLog.compareAndSet(last, now)) {
            LOG.info("{} of {} rows ({}%), {} rows/s, ETA {}", progress.rowsDone(), progress.rowsTotal(),
                    String.format("%.1f", progress.percent()), String.format("%.0f", progress.rowsPerSecond()),
                    progress.eta().map(d -> d.toSeconds() + " s").orElse("unknown"));
        }
    }

    @Override
    public void onChangeLag(ChangeLag lag) {
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last >= intervalNanos && lastLog.compareAndSet(last, now)) {
            LOG.info("{}", lag.describe());
        } else {
            LOG.debug("{}", lag.describe());
        }
    }
}
