package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.mapping.Row;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes target rows so that a row the database refuses never takes the others with it: the one
 * write path of the copier's chunks, of a refused chunk's pieces, of a keyless table's slices and
 * of the parent-row retry.
 *
 * <p>Rows first go as one stream (a COPY or JDBC batches) in the caller's transaction. When the
 * database refuses the stream for a bad row, the caller's transaction is rolled back and the rows are
 * written again in pieces of {@link #PIECE_ROWS}, each committed by the caller with its bookkeeping,
 * and within a piece refused rows are narrowed down under savepoints ({@link #isolate}). Pieces bound
 * what one transaction holds however many rows are bad: PostgreSQL keeps a lock for every savepoint
 * that wrote, until the commit, and runs out of shared memory with tens of thousands of them.
 *
 * <p>An {@link Order} decides before each write which rows go and in which order: in a table that
 * references itself, the rows whose parent is neither in the target nor among them wait without
 * being tried, and the others go parents first, so that they stream in one go instead of being
 * narrowed down row by row.
 */
final class IsolatingWriter {
    private static final Logger LOG = LoggerFactory.getLogger(IsolatingWriter.class);
    /** Rows per piece when a refused stream is written again. */
    static final int PIECE_ROWS = 1_000;
    private static final int FANOUT = 10;
    /** Every row, in the order given. */
    static final Order AS_GIVEN = (target, rows) -> new SelfReferences.Split(
            IntStream.range(0, rows.size()).boxed().toList(), List.of());

    private final RowWriter writer;
    private final String table;

    IsolatingWriter(RowWriter writer, String table) {
        this.writer = writer;
        this.table = table;
    }

    /** Which of some rows to write now, and in which order; the rest wait. */
    @FunctionalInterface
    interface Order {
        SelfReferences.Split split(Connection target, List<Row> rows) throws SQLException;
    }

    /**
     * A row the database refused.
     *
     * @param index its place in the rows written
     * @param cause what the database said
     */
    record Refusal(int index, SQLException cause) {
        /** The database's reason, for people. */
        String reason() {
            return SqlStates.reason(cause);
        }

        /** Whether a foreign key refused it because its parent row is not in the target (yet). */
        boolean missingParent() {
            return SqlStates.isMissingParent(cause);
        }
    }

    /**
     * What became of rows {@code from} (inclusive) to {@code to} (exclusive) of a write, in the open
     * transaction: the rows neither waiting nor refused were written.
     *
     * @param waiting the indexes of rows the {@link Order} held back, not tried
     * @param refused the rows the database refused
     */
    record Piece(int from, int to, List<Integer> waiting, List<Refusal> refused) {
        Piece {
            waiting = List.copyOf(waiting);
            refused = List.copyOf(refused);
        }

        /** Rows written. */
        long loaded() {
            return to - from - waiting.size() - refused.size();
        }

        /** The indexes of the rows written, in index order. */
        List<Integer> written() {
            boolean[] not = new boolean[to - from];
            waiting.forEach(i -> not[i - from] = true);
            refused.forEach(r -> not[r.index() - from] = true);
            return IntStream.range(from, to).filter(i -> !not[i - from]).boxed().toList();
        }
    }

    /** Records a written piece (with the caller's bookkeeping) and commits the transaction. */
    @FunctionalInterface
    interface Commit {
        void commit(Piece piece) throws SQLException;
    }

    /**
     * Writes rows: as one stream, committed as one piece, or, when the database refuses the stream,
     * rolled back and written again in committed pieces ({@link #writeInPieces}).
     */
    void write(Connection target, List<Row> rows, Order order, Commit commit) throws SQLException {
        SelfReferences.Split split = order.split(target, rows);
        boolean streamed = stream(target, split.ready().stream().map(rows::get).toList());
        settle(target, streamed, rows, split.waiting(), order, commit);
    }

    /**
     * Ends the write of rows that were streamed in the caller's transaction: commits them as one
     * piece, or, when the database refused the stream, rolls it back and writes them again in
     * committed pieces ({@link #writeInPieces}).
     *
     * @param waiting the indexes of the rows held back from the stream
     */
    void settle(Connection target, boolean streamed, List<Row> rows, List<Integer> waiting, Order order,
                Commit commit) throws SQLException {
        if (streamed) {
            commit.commit(new Piece(0, rows.size(), waiting, List.of()));
            return;
        }
        target.rollback();
        writeInPieces(target, rows, order, commit);
    }

    /**
     * Writes rows in pieces of {@link #PIECE_ROWS}, in the order given, each ordered by {@code order},
     * its refused rows isolated, and committed; no rows make one empty piece.
     */
    void writeInPieces(Connection target, List<Row> rows, Order order, Commit commit) throws SQLException {
        int from = 0;
        do {
            int to = Math.min(rows.size(), from + PIECE_ROWS);
            List<Row> piece = rows.subList(from, to);
            SelfReferences.Split split = order.split(target, piece);
            List<Refusal> refused = new ArrayList<>();
            for (Refusal refusal : isolate(target, split.ready().stream().map(piece::get).toList())) {
                refused.add(new Refusal(from + split.ready().get(refusal.index()), refusal.cause()));
            }
            int offset = from;
            commit.commit(new Piece(from, to, split.waiting().stream().map(i -> offset + i).toList(), refused));
            from = to;
        } while (from < rows.size());
    }

    /**
     * Writes rows as one stream in the caller's transaction; false when the database refused a row,
     * and then the transaction must be rolled back.
     */
    boolean stream(Connection target, List<Row> rows) throws SQLException {
        try (Stream stream = open(target)) {
            for (Row row : rows) {
                stream.add(row);
            }
            return stream.finish();
        }
    }

    /** Opens a stream that rows are added to as they are read, so that reading and writing overlap. */
    Stream open(Connection target) throws SQLException {
        return new Stream(writer.open(target));
    }

    /**
     * Writes rows under a savepoint; when the database refuses them, splits them in ten and tries each
     * part the same way, down to single rows. A few bad rows among many cost a few dozen savepoints
     * rather than one per row (which is slower, and on PostgreSQL holds a lock each until the commit).
     * Commits nothing.
     *
     * @return the rows refused, by their index in {@code rows}
     */
    List<Refusal> isolate(Connection target, List<Row> rows) throws SQLException {
        List<Refusal> refused = new ArrayList<>();
        isolate(target, rows, 0, refused);
        return refused;
    }

    private void isolate(Connection target, List<Row> rows, int offset, List<Refusal> refused) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        boolean single = rows.size() == 1;
        if (rows.size() > FANOUT || single) {
            Savepoint before = target.setSavepoint();
            try {
                if (single) {
                    writer.writeOne(target, rows.get(0));
                } else {
                    writer.writeAll(target, rows);
                }
                target.releaseSavepoint(before);
                return;
            } catch (SQLException e) {
                if (!SqlStates.isBadRow(e)) {
                    throw e;
                }
                target.rollback(before);
                if (single) {
                    refused.add(new Refusal(offset, e));
                    return;
                }
            }
        }
        int part = (rows.size() + FANOUT - 1) / FANOUT;
        for (int from = 0; from < rows.size(); from += part) {
            isolate(target, rows.subList(from, Math.min(rows.size(), from + part)), offset + from, refused);
        }
    }

    /** A stream of rows being written; after the database refuses one, the rest are not sent. */
    final class Stream implements AutoCloseable {
        private final RowWriter.Sink sink;
        private boolean refused;

        private Stream(RowWriter.Sink sink) {
            this.sink = sink;
        }

        /** Sends a row, unless the stream was refused. */
        void add(Row row) throws SQLException {
            if (!refused) {
                try {
                    sink.add(row);
                } catch (SQLException e) {
                    refuse(e);
                }
            }
        }

        /** Ends the stream; false when the database refused it. */
        boolean finish() throws SQLException {
            if (!refused) {
                try {
                    sink.finish();
                } catch (SQLException e) {
                    refuse(e);
                }
            }
            return !refused;
        }

        private void refuse(SQLException e) throws SQLException {
            if (!SqlStates.isBadRow(e)) {
                throw e;
            }
            LOG.debug("{}: a stream of rows was refused ({}); its rows will be written again in pieces", table,
                    SqlStates.reason(e));
            refused = true;
        }

        @Override
        public void close() {
            sink.close();
        }
    }
}
