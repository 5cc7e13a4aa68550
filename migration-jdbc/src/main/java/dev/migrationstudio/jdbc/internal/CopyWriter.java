package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.mapping.NativeValue;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.SpecialValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
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
final class CopyWriter implements RowWriter {
    private static final int FLUSH_CHARS = 1 << 16;

    private final String sql;
    private final InsertWriter single;

    /**
     * @param target the target table
     * @param columns stored names of the target columns, in the order of the rows' values
     */
    public CopyWriter(TableShape target, List<String> columns) {
        var renderer = Engines.renderer(SQLDialect.POSTGRES);
        this.sql = "COPY " + renderer.render(DSL.table(target.qualifiedName())) + " ("
                + String.join(", ", columns.stream().map(c -> renderer.render(DSL.name(c))).toList())
                + ") FROM STDIN";
        this.single = new InsertWriter(target, columns, SQLDialect.POSTGRES, 1);
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
    public Sink open(Connection connection) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        StringBuilder text = new StringBuilder(FLUSH_CHARS + 4096);
        return new Sink() {
            @Override
            public void add(Row row) throws SQLException {
                encode(row, text);
                if (text.length() >= FLUSH_CHARS) {
                    send(copy, text);
                }
            }

            @Override
            public void finish() throws SQLException {
                send(copy, text);
                copy.endCopy();
            }

            @Override
            public void close() {
                if (copy.isActive()) {
                    try {
                        copy.cancelCopy();
                    } catch (SQLException ignored) {
                        // The caller rolls the transaction back.
                    }
                }
            }
        };
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
    static void encode(Row row, StringBuilder out) throws SQLException {
        int columns = row.layout().size();
        for (int i = 0; i < columns; i++) {
            if (i > 0) {
                out.append('\t');
            }
            append(row.get(i), out);
        }
        out.append('\n');
    }

    /**
     * Appends one value. The common types are written straight into the buffer (this runs for every
     * value of every row, so it avoids building intermediate strings); text is escaped only when it
     * holds a character COPY treats specially.
     */
    private static void append(Object value, StringBuilder out) throws SQLException {
        if (value == null) {
            out.append("\\N");
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            out.append(((Number) value).longValue());
        } else if (value instanceof String) {
            TextValues.escape((String) value, false, out);
        } else if (value instanceof BigDecimal) {
            BigDecimal decimal = (BigDecimal) value;
            // toString() is the plain form for these (no exponent) and is cheaper than toPlainString(),
            // which builds the digits twice; it runs for every decimal value of every row.
            boolean plain = decimal.scale() >= 0 && decimal.precision() - decimal.scale() >= -5;
            out.append(plain ? decimal.toString() : decimal.toPlainString());
        } else if (value instanceof LocalDateTime) {
            LocalDateTime timestamp = (LocalDateTime) value;
            TextValues.date(timestamp.toLocalDate(), out);
            out.append(' ');
            TextValues.time(timestamp.toLocalTime(), out);
        } else if (value instanceof LocalDate) {
            TextValues.date((LocalDate) value, out);
        } else if (value instanceof Boolean) {
            out.append(((Boolean) value) ? 't' : 'f');
        } else if (value instanceof byte[]) {
            // bytea's hex form, its backslash escaped for COPY.
            out.append("\\\\x");
            TextValues.hex((byte[]) value, out);
        } else if (value instanceof SpecialValue) {
            // NaN, Infinity, -Infinity: the text every PostgreSQL numeric and date/time type reads.
            out.append(value);
        } else if (value instanceof NativeValue) {
            // Refused here, the stream is written again row by row, and the single INSERT names the column.
            throw new SQLDataException("PostgreSQL cannot hold " + ((NativeValue) value).describe(), "22000");
        } else {
            TextValues.escape(value.toString(), false, out);
        }
    }
}
