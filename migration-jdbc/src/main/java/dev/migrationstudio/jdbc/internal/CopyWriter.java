package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.mapping.Row;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes rows to PostgreSQL with {@code COPY ... FROM STDIN} in text format, inside the caller's
 * transaction (so the chunk's ledger entry commits with it). Single rows go through INSERT, so
 * that a bad row can be isolated.
 */
public final class CopyWriter implements RowWriter {
    private static final int FLUSH_CHARS = 1 << 16;

    private final String sql;
    private final InsertWriter single;
    private final int rowsPerCall;

    /**
     * @param target the target table
     * @param columns stored names of the target columns, in the order of the rows' values
     * @param rowsPerCall rows per COPY (one chunk, usually)
     */
    public CopyWriter(TableShape target, List<String> columns, int rowsPerCall) {
        var renderer = Engines.renderer(SQLDialect.POSTGRES);
        this.sql = "COPY " + renderer.render(DSL.table(target.qualifiedName())) + " ("
                + String.join(", ", columns.stream().map(c -> renderer.render(DSL.name(c))).toList())
                + ") FROM STDIN";
        this.single = new InsertWriter(target, columns, SQLDialect.POSTGRES, 1);
        this.rowsPerCall = rowsPerCall;
    }

    /** Whether a connection can COPY: it is (or wraps) a PostgreSQL driver connection. */
    public static boolean supports(Connection connection) {
        try {
            return connection.isWrapperFor(PGConnection.class);
        } catch (SQLException | NoClassDefFoundError e) {
            return false;
        }
    }

    @Override
    public String sql() {
        return sql;
    }

    @Override
    public int rowsPerCall() {
        return rowsPerCall;
    }

    @Override
    public void writeAll(Connection connection, List<Row> rows) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            StringBuilder text = new StringBuilder(FLUSH_CHARS + 4096);
            for (Row row : rows) {
                encode(row, text);
                if (text.length() >= FLUSH_CHARS) {
                    send(copy, text);
                }
            }
            send(copy, text);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void send(CopyIn copy, StringBuilder text) throws SQLException {
        if (text.length() > 0) {
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            text.setLength(0);
        }
    }

    @Override
    public void writeOne(Connection connection, Row row) throws SQLException {
        single.writeOne(connection, row);
    }

    /** Appends one row in COPY text format: tab-separated, {@code \N} for NULL, backslash escapes. */
    static void encode(Row row, StringBuilder out) {
        int columns = row.layout().size();
        for (int i = 0; i < columns; i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object value = row.get(i);
            if (value == null) {
                out.append("\\N");
            } else {
                escape(text(value), out);
            }
        }
        out.append('\n');
    }

    private static String text(Object value) {
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        if (value instanceof Boolean) {
            return ((Boolean) value) ? "t" : "f";
        }
        if (value instanceof byte[]) {
            StringBuilder hex = new StringBuilder("\\x");
            for (byte b : (byte[]) value) {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        }
        return value.toString();
    }

    private static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default: out.append(c);
            }
        }
    }
}
