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

    static void jdbcBatchLoop(DataSource source, DataSource target, String from, String to) throws Exception {
        try (Connection in = source.getConnection(); Connection out = target.getConnection()) {
            in.setAutoCommit(false);
            out.setAutoCommit(false);
            try (Statement select = in.createStatement();
                 PreparedStatement insert = out.prepareStatement("INSERT INTO " + to + " VALUES (?, ?, ?, ?)")) {
                select.setFetchSize(FETCH);
                try (ResultSet rows = select.executeQuery("SELECT id, name, amount, created FROM " + from)) {
                    long n = 0;
                    while (rows.next()) {
                        insert.setLong(1, rows.getLong(1));
                        insert.setString(2, rows.getString(2));
                        insert.setBigDecimal(3, rows.getBigDecimal(3));
                        insert.setTimestamp(4, rows.getTimestamp(4));
                        insert.addBatch();
                        if (++n % BATCH == 0) {
                            insert.executeBatch();
                        }
                        if (n % COMMIT == 0) {
                            out.commit();
                        }
                    }
                    insert.executeBatch();
                    out.commit();
                }
            }
            in.commit();
        }
    }

    /** A streamed SELECT into one LOAD DATA LOCAL INFILE per {@code COMMIT} rows, each committed. */
    static void mariadbLoadData(DataSource source, DataSource target, String from, String to) throws Exception {
        try (Connection in = source.getConnection(); Connection out = target.getConnection()) {
            in.setAutoCommit(false);
            out.setAutoCommit(false);
            try (Statement select = in.createStatement()) {
                select.setFetchSize(FETCH);
                try (ResultSet rows = select.executeQuery("SELECT id, name, amount, created FROM " + from)) {
                    StringBuilder text = new StringBuilder(1 << 22);
                    long n = 0;
                    while (rows.next()) {
                        text.append(rows.getLong(1)).append('\t').append(rows.getString(2)).append('\t')
                                .append(rows.getBigDecimal(3).toPlainString()).append('\t')
                                .append(rows.getTimestamp(4)).append('\n');
                        if (++n % COMMIT == 0) {
                            load(out, to, text);
                            out.commit();
                        }
                    }
                    load(out, to, text);
                    out.commit();
                }
            }
            in.commit();
        }
    }

    private static void load(Connection out, String to, StringBuilder text) throws Exception {
        try (Statement load = out.createStatement()) {
            load.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(
                    new java.io.ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
            load.execute("LOAD DATA LOCAL INFILE 'rows' INTO TABLE " + to + " CHARACTER SET utf8mb4");
        }
        text.setLength(0);
    }

    static void postgresCopy(DataSource source, DataSource target, String from, String to) throws Exception {
        try (Connection in = source.getConnection(); Connection out = target.getConnection()) {
            in.setAutoCommit(false);
            out.setAutoCommit(false);
            try (Statement select = in.createStatement()) {
                select.setFetchSize(FETCH);
                try (ResultSet rows = select.executeQuery("SELECT id, name, amount, created FROM " + from)) {
                    ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
                    long n = 0;
                    CopyIn copy = out.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + to + " FROM STDIN");
                    while (rows.next()) {
                        String line = rows.getLong(1) + "\t" + rows.getString(2) + "\t"
                                + rows.getBigDecimal(3).toPlainString() + "\t" + rows.getTimestamp(4) + "\n";
                        buffer.writeBytes(line.getBytes(StandardCharsets.UTF_8));
                        if (buffer.size() > 1 << 16) {
                            copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                            buffer.reset();
                        }
                        if (++n % COMMIT == 0) {
                            copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                            buffer.reset();
                            copy.endCopy();
                            out.commit();
                            copy = out.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + to + " FROM STDIN");
                        }
                    }
                    copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                    copy.endCopy();
                    out.commit();
                }
            }
            in.commit();
        }
    }
}
