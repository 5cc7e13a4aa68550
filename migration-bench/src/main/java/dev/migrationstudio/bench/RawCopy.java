package dev.migrationstudio.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The hand-written baselines: what an expert writes for a one-off copy with no mapping, no
 * bookkeeping and no error handling. H2: a JDBC batch loop. PostgreSQL: COPY of the same rows.
 * MariaDB: LOAD DATA LOCAL INFILE of the same text, streamed from memory.
 */
final class RawCopy {
    private static final int FETCH = 10_000;
    private static final int BATCH = 5_000;
    private static final int COMMIT = 50_000;

    private RawCopy() {
    }

    /** What a hand-written copy does with each source row, and before each commit. */
    private interface Sink {
        void row(ResultSet rows) throws Exception;

        void flush() throws Exception;
    }

    @FunctionalInterface
    private interface SinkFactory {
        Sink open(Connection out) throws Exception;
    }

    /**
     * Streams the rows of {@code from} (fetch size {@code FETCH}) into a sink on the target, committing
     * every {@code COMMIT} rows: the loop every baseline shares, with its own way of writing.
     */
    private static void streamed(DataSource source, DataSource target, String from, SinkFactory factory)
            throws Exception {
        try (Connection in = source.getConnection(); Connection out = target.getConnection()) {
            in.setAutoCommit(false);
            out.setAutoCommit(false);
            try (Statement select = in.createStatement()) {
                select.setFetchSize(FETCH);
                try (ResultSet rows = select.executeQuery("SELECT id, name, amount, created FROM " + from)) {
                    Sink sink = factory.open(out);
                    long n = 0;
                    while (rows.next()) {
                        sink.row(rows);
                        if (++n % COMMIT == 0) {
                            sink.flush();
                            out.commit();
                        }
                    }
                    sink.flush();
                    out.commit();
                }
            }
            in.commit();
        }
    }

    static void jdbcBatchLoop(DataSource source, DataSource target, String from, String to) throws Exception {
        streamed(source, target, from, out -> new Sink() {
            private final PreparedStatement insert = out.prepareStatement("INSERT INTO " + to + " VALUES (?, ?, ?, ?)");
            private long pending;

            @Override
            public void row(ResultSet rows) throws Exception {
                insert.setLong(1, rows.getLong(1));
                insert.setString(2, rows.getString(2));
                insert.setBigDecimal(3, rows.getBigDecimal(3));
                insert.setTimestamp(4, rows.getTimestamp(4));
                insert.addBatch();
                if (++pending % BATCH == 0) {
                    insert.executeBatch();
                }
            }

            @Override
            public void flush() throws Exception {
                insert.executeBatch();
            }
        });
    }

    /** A streamed SELECT into one LOAD DATA LOCAL INFILE per {@code COMMIT} rows. */
    static void mariadbLoadData(DataSource source, DataSource target, String from, String to) throws Exception {
        streamed(source, target, from, out -> new Sink() {
            private final StringBuilder text = new StringBuilder(1 << 22);

            @Override
            public void row(ResultSet rows) throws Exception {
                text.append(rows.getLong(1)).append('\t').append(rows.getString(2)).append('\t')
                        .append(rows.getBigDecimal(3).toPlainString()).append('\t')
                        .append(rows.getTimestamp(4)).append('\n');
            }

            @Override
            public void flush() throws Exception {
                try (Statement load = out.createStatement()) {
                    load.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(
                            new java.io.ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
                    load.execute("LOAD DATA LOCAL INFILE 'rows' INTO TABLE " + to + " CHARACTER SET utf8mb4");
                }
                text.setLength(0);
            }
        });
    }

    /** A streamed SELECT into COPY, one COPY per {@code COMMIT} rows, sent in pieces of 64 KB. */
    static void postgresCopy(DataSource source, DataSource target, String from, String to) throws Exception {
        streamed(source, target, from, out -> new Sink() {
            private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
            private CopyIn copy;

            @Override
            public void row(ResultSet rows) throws Exception {
                if (copy == null) {
                    copy = out.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + to + " FROM STDIN");
                }
                String line = rows.getLong(1) + "\t" + rows.getString(2) + "\t"
                        + rows.getBigDecimal(3).toPlainString() + "\t" + rows.getTimestamp(4) + "\n";
                buffer.writeBytes(line.getBytes(StandardCharsets.UTF_8));
                if (buffer.size() > 1 << 16) {
                    copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                    buffer.reset();
                }
            }

            @Override
            public void flush() throws Exception {
                if (copy != null) {
                    copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                    buffer.reset();
                    copy.endCopy();
                    copy = null;
                }
            }
        });
    }
}
