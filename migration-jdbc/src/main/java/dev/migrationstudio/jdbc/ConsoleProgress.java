package dev.migrationstudio.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.format.Formats;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A ready {@link ProgressListener} for consoles. On a terminal it keeps one line per running table
 * (rows, rows/s, ETA) and one per change feed (how far behind the source it is), and rewrites them
 * in place; when the output is a file or a pipe it prints plain lines instead, at most one per table
 * or feed per interval, and one when a table is done.
 *
 * <pre>{@code
 * JdbcMigrator.configure().source(legacy).target(v2).spec(spec)
 *     .progress(ConsoleProgress.toConsole())     // live on a terminal, plain lines in a CI log
 *     .logProgress(false)
 *     .load().migrate();
 * }</pre>
 *
 * <p>A table's line reads {@code invoice -> invoice   12,000 of 40,000 rows  30%   4,100 rows/s   ETA 6.8 s};
 * a feed's {@code change feed slot chinook: 0.4 s and 12,288 bytes behind, 1,204 changes applied (at 0/1A2B)}.
 * Thread-safe: tables running in parallel share the display.
 */
public final class ConsoleProgress implements ProgressListener {

    /** How the lines are written. */
    public enum Mode {
        /** Rewrites one line per table in place with ANSI cursor movements. */
        LIVE,
        /** Appends plain lines, for logs. */
        PLAIN
    }

    private final PrintStream out;
    private final Mode mode;
    private final long intervalNanos;
    /** The latest snapshot of every running table, in the order they started (live mode). */
    private final Map<String, Progress> tables = new LinkedHashMap<>();
    /** The latest lag of every change feed heard from (live mode). */
    private final Map<String, ChangeLag> feeds = new LinkedHashMap<>();
    private final Map<String, Long> lastPrinted = new LinkedHashMap<>();
    private int linesDrawn;

    private ConsoleProgress(PrintStream out, Mode mode, Duration interval) {
        this.out = out;
        this.mode = mode;
        this.intervalNanos = interval.toNanos();
    }

    /**
     * To standard output: live when the JVM has a terminal ({@link System#console()}), plain otherwise.
     *
     * @return a listener writing to {@link System#out}
     */
    public static ConsoleProgress toConsole() {
        return to(System.out, System.console() != null ? Mode.LIVE : Mode.PLAIN);
    }

    /**
     * To a stream in the given mode; plain lines at most every 5 seconds per table (see {@link #every}).
     *
     * @param out where to write
     * @param mode live or plain
     * @return a listener writing to {@code out}
     */
    public static ConsoleProgress to(PrintStream out, Mode mode) {
        return new ConsoleProgress(checkNotNull(out, "out"), checkNotNull(mode, "mode"), Duration.ofSeconds(5));
    }

    /**
     * How often a table's plain line may repeat (default: 5 s); a finished table always gets its line.
     * Live lines are redrawn after every chunk.
     *
     * @param interval the shortest time between two plain lines of one table; not negative ({@link Duration#ZERO}:
     *     a line per chunk)
     * @return a copy of this listener with that interval
     */
    public ConsoleProgress every(Duration interval) {
        checkNotNull(interval, "interval");
        checkArgument(!interval.isNegative(), "interval must not be negative, got %s", interval);
        return new ConsoleProgress(out, mode, interval);
    }

    @Override
    public synchronized void onChunk(Progress progress) {
        if (mode == Mode.LIVE) {
            if (progress.tableDone()) {
                tables.remove(progress.table());
                redraw(line(progress));
            } else {
                tables.put(progress.table(), progress);
                redraw(null);
            }
            return;
        }
        long now = System.nanoTime();
        Long last = lastPrinted.get(progress.table());
        if (progress.tableDone() || last == null || now - last >= intervalNanos) {
            lastPrinted.put(progress.table(), now);
            out.println(line(progress));
            out.flush();
        }
        if (progress.tableDone()) {
            lastPrinted.remove(progress.table());
        }
    }

    @Override
    public synchronized void onChangeLag(ChangeLag lag) {
        if (mode == Mode.LIVE) {
            feeds.put(lag.feed(), lag);
            redraw(null);
            return;
        }
        long now = System.nanoTime();
        Long last = lastPrinted.get("\u0000feed " + lag.feed());
        if (last == null || now - last >= intervalNanos) {
            lastPrinted.put("\u0000feed " + lag.feed(), now);
            out.println("change feed " + lag.describe());
            out.flush();
        }
    }

    /** Rewrites the running tables' lines; a table that just finished gets a last line above them, kept. */
    private void redraw(String finished) {
        StringBuilder screen = new StringBuilder();
        if (linesDrawn > 0) {
            screen.append("\u001b[").append(linesDrawn).append('F');   // to the start of the first line drawn
        }
        if (finished != null) {
            screen.append("\u001b[2K").append(finished).append(System.lineSeparator());
        }
        for (Progress table : tables.values()) {
            screen.append("\u001b[2K").append(line(table)).append(System.lineSeparator());
        }
        for (ChangeLag feed : feeds.values()) {
            screen.append("\u001b[2K").append("change feed ").append(feed.describe()).append(System.lineSeparator());
        }
        linesDrawn = tables.size() + feeds.size();
        out.print(screen);
        out.flush();
    }

    /** One table's line. */
    static String line(Progress p) {
        String total = p.tableRowsTotal() > 0 ? " of " + Formats.count(p.tableRowsTotal()) : "";
        String percent = p.tableRowsTotal() > 0
                ? String.format(Locale.ROOT, "%3.0f%%", Math.min(100, 100.0 * p.tableRowsDone() / p.tableRowsTotal()))
                : "   ";
        return String.format(Locale.ROOT, "%-32s %14s rows %s   %,9.0f rows/s   %s",
                p.table(), Formats.count(p.tableRowsDone()) + total, percent, p.tableRowsPerSecond(),
                p.tableDone() ? "done" : "ETA " + p.tableEta().map(Formats::duration).orElse("-"));
    }
}
