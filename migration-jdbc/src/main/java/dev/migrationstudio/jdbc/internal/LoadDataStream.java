package dev.migrationstudio.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@code LOAD DATA LOCAL INFILE} statement that runs while its rows are still being read: the
 * statement executes on a thread of its own and the driver sends its input as the reading thread
 * hands over blocks of text, so that reading the source and loading the target overlap, as COPY
 * does for PostgreSQL. At most {@link #QUEUED_BLOCKS} blocks wait: memory stays bounded however many
 * rows the statement loads.
 */
final class LoadDataStream {
    /** Characters of text per block handed to the driver. */
    static final int BLOCK_CHARS = 1 << 16;
    private static final int QUEUED_BLOCKS = 16;
    private static final byte[] END = new byte[0];
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService LOADERS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "migration-load-data-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private final Blocks blocks = new Blocks();
    private final PreparedStatement statement;
    private final Future<Long> load;
    private boolean ended;

    /** Starts the statement, which then waits for text. */
    LoadDataStream(PreparedStatement statement) throws SQLException {
        this.statement = statement;
        statement.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(blocks);
        java.util.concurrent.Callable<Long> execute = statement::executeLargeUpdate;
        this.load = LOADERS.submit(execute);
    }

    /** Hands over the text, and empties it; waits while the driver is behind. */
    void send(StringBuilder text) throws SQLException {
        if (text.length() == 0) {
            return;
        }
        byte[] block = text.toString().getBytes(StandardCharsets.UTF_8);
        text.setLength(0);
        try {
            while (!blocks.queue.offer(block, 100, TimeUnit.MILLISECONDS)) {
                if (load.isDone()) {
                    // The statement ended before its input did: its failure says why.
                    rowsLoaded();
                    throw new SQLException("LOAD DATA ended before its input was sent");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while loading rows", e);
        }
    }

    /** Ends the input and waits for the statement: the rows it loaded, or its failure. */
    long finish() throws SQLException {
        end();
        return rowsLoaded();
    }

    /**
     * Ends the input if it was not, waits for the statement whatever it did, and closes it. An input
     * abandoned (its reader interrupted) ends at once: the driver never waits for blocks that will not
     * come, and the connection is free for the caller's rollback.
     */
    void close() {
        try {
            end();
        } catch (SQLException e) {
            // Interrupted: the input is abandoned below.
        }
        blocks.abandoned = true;
        boolean interrupted = Thread.interrupted();
        try {
            load.get();
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (ExecutionException e) {
            // Abandoned: the caller rolls the transaction back.
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            try {
                statement.close();
            } catch (SQLException ignored) {
                // Closed with its connection.
            }
        }
    }

    private void end() throws SQLException {
        if (!ended) {
            ended = true;
            try {
                while (!blocks.queue.offer(END, 100, TimeUnit.MILLISECONDS)) {
                    if (load.isDone()) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while loading rows", e);
            }
        }
    }

    private long rowsLoaded() throws SQLException {
        try {
            return load.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while loading rows", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException) {
                throw (SQLException) e.getCause();
            }
            throw new SQLException("LOAD DATA failed: " + e.getCause(), e.getCause());
        }
    }

    /** The statement's input: the blocks in the order handed over, until the end marker. */
    private static final class Blocks extends InputStream {
        private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUED_BLOCKS);
        /** Set when the writer gives up on the statement: the input ends wherever it is. */
        private volatile boolean abandoned;
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            while (position == current.length) {
                if (ended) {
                    return -1;
                }
                byte[] next;
                try {
                    next = queue.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for rows to load");
                }
                if (next == null) {
                    if (abandoned) {
                        ended = true;
                        return -1;
                    }
                    continue;
                }
                current = next;
                position = 0;
                if (current == END) {
                    ended = true;
                    return -1;
                }
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }
    }
}
