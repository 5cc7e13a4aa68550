package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.format.ValueText;
import dev.migrationstudio.mapping.NativeValue;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.SpecialValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Writes rows to MariaDB (or MySQL) with {@code LOAD DATA LOCAL INFILE}, the text streamed from
 * memory through MariaDB Connector/J ({@code setLocalInfileInputStream}), inside the caller's
 * transaction: one statement per stream of rows, which runs while the rows are still being read
 * ({@link LoadDataStream}). Single rows go through INSERT, so that a bad row can be isolated.
 *
 * <p>The server treats {@code LOCAL} loads as {@code IGNORE}: a duplicate key, a missing parent, a
 * value too long or a NULL for a NOT NULL column becomes a warning and the row is skipped or
 * altered, because the server cannot stop the client's stream. So after each load the writer checks
 * the rows affected and the warnings, and refuses the whole load as a bad row (naming the first
 * warning) when a row is missing or any warning was raised; the caller rolls it back and isolates the
 * row through INSERTs, which fail as strict mode says. Notes (a decimal rounded to the column's
 * scale) pass, as they do for INSERT.
 *
 * <p>Binary columns are sent as hex and decoded by the server ({@code UNHEX}), and {@code BIT}
 * columns as numbers ({@code CAST(... AS UNSIGNED)}): the text of the load is then UTF-8 throughout.
 * The session's time zone is UTC while the writer works, so that a TIMESTAMP column gets exactly the
 * instant sent; the session's own zone is put back when the stream closes.
 */
final class LoadDataWriter implements RowWriter {
    /** Warnings of integrity (23000); any other warning is a data exception. */
    private static final Set<Integer> INTEGRITY = Set.of(1022, 1048, 1062, 1216, 1263, 1451, 1452, 4025);

    private enum Kind { TEXT, BINARY, BIT }

    private final String sql;
    private final Kind[] kinds;
    private final List<String> columns;
    private final String table;
    private final InsertWriter single;

    /**
     * @param target the target table
     * @param columns stored names of the target columns, in the order of the rows' values
     */
    LoadDataWriter(TableShape target, List<String> columns) {
        var renderer = Engines.renderer(SQLDialect.MARIADB);
        this.columns = List.copyOf(columns);
        this.kinds = new Kind[columns.size()];
        List<String> fields = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String column = renderer.render(DSL.name(columns.get(i)));
            kinds[i] = kindOf(target.columns().get(columns.get(i)), target.typeNames().get(columns.get(i)));
            if (kinds[i] == Kind.TEXT) {
                fields.add(column);
            } else {
                String variable = "@v" + i;
                fields.add(variable);
                sets.add(column + " = " + (kinds[i] == Kind.BINARY ? "UNHEX(" + variable + ")"
                        : "CAST(" + variable + " AS UNSIGNED)"));
            }
        }
        this.table = target.qualifiedName().toString();
        this.sql = "LOAD DATA LOCAL INFILE 'rows' INTO TABLE " + renderer.render(DSL.table(target.qualifiedName()))
                + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' ("
                + String.join(", ", fields) + ")" + (sets.isEmpty() ? "" : " SET " + String.join(", ", sets));
        this.single = new InsertWriter(target, columns, SQLDialect.MARIADB, 1);
    }

    private static Kind kindOf(Integer jdbcType, String typeName) {
        String name = typeName == null ? "" : typeName.toUpperCase(java.util.Locale.ROOT);
        if (name.startsWith("BIT")) {
            return Kind.BIT;
        }
        int type = jdbcType == null ? Types.OTHER : jdbcType;
        return type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY || type == Types.BLOB
                || name.contains("BLOB") || name.contains("BINARY") ? Kind.BINARY : Kind.TEXT;
    }

    /**
     * Whether a connection can load this way: MariaDB Connector/J, with {@code allowLocalInfile} (its
     * default) and a server that accepts local loads ({@code local_infile}, on by default in MariaDB).
     */
    static boolean supports(Connection connection) {
        try {
            if (!connection.isWrapperFor(org.mariadb.jdbc.Connection.class)) {
                return false;
            }
            if (!connection.unwrap(org.mariadb.jdbc.Connection.class).getContext().getConf().allowLocalInfile()) {
                return false;
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT @@local_infile")) {
                return rows.next() && rows.getInt(1) == 1;
            }
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
        MariaDbSessions.utc(connection);
        StringBuilder text = new StringBuilder(LoadDataStream.BLOCK_CHARS + 4096);
        return new Sink() {
            private LoadDataStream load;
            private int rows;

            @Override
            public void add(Row row) throws SQLException {
                encode(row, text);
                rows++;
                if (text.length() >= LoadDataStream.BLOCK_CHARS) {
                    if (load == null) {
                        load = new LoadDataStream(connection.prepareStatement(sql));
                    }
                    load.send(text);
                }
            }

            @Override
            public void finish() throws SQLException {
                if (rows == 0) {
                    return;
                }
                if (load == null) {
                    load = new LoadDataStream(connection.prepareStatement(sql));
                }
                load.send(text);
                long affected = load.finish();
                if (connection.getWarnings() != null || affected != rows) {
                    refuseIfAltered(connection, rows, affected);
                }
            }

            @Override
            public void close() {
                if (load != null) {
                    load.close();
                }
                MariaDbSessions.restoreQuietly(connection);
            }
        };
    }

    /** Reads the load's warnings; fails as the row's failure would have, naming the first one that is not a note. */
    private void refuseIfAltered(Connection connection, int rows, long affected) throws SQLException {
        String message = null;
        int code = 0;
        try (Statement statement = connection.createStatement();
             ResultSet warnings = statement.executeQuery("SHOW WARNINGS")) {
            while (warnings.next() && message == null) {
                if (!"Note".equalsIgnoreCase(warnings.getString(1))) {
                    code = warnings.getInt(2);
                    message = warnings.getString(3);
                }
            }
        }
        connection.clearWarnings();
        if (message == null && affected == rows) {
            return;
        }
        if (message == null) {
            message = table + ": " + rows + " rows sent, " + affected + " loaded";
        }
        throw INTEGRITY.contains(code) ? new SQLIntegrityConstraintViolationException(message, "23000", code)
                : new SQLDataException(message, "22000", code);
    }

    @Override
    public void writeOne(Connection connection, Row row) throws SQLException {
        single.writeOne(connection, row);
    }

    /** Appends one row: tab-separated, {@code \N} for NULL, backslash escapes. */
    void encode(Row row, StringBuilder out) throws SQLException {
        for (int i = 0; i < kinds.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            append(i, row.get(i), out);
        }
        out.append('\n');
    }

    private void append(int i, Object value, StringBuilder out) throws SQLException {
        if (value == null) {
            out.append("\\N");
        } else if (kinds[i] == Kind.BINARY) {
            if (!(value instanceof byte[])) {
                throw unstorable(i, value, "a binary column takes bytes");
            }
            TextValues.hex((byte[]) value, out);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof String) {
            TextValues.escape((String) value, true, out);
        } else if (value instanceof BigDecimal) {
            out.append(((BigDecimal) value).toPlainString());
        } else if (value instanceof Boolean) {
            out.append(((Boolean) value) ? '1' : '0');
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                throw unstorable(i, value, "MariaDB has no NaN or infinities");
            }
            out.append(value);
        } else if (value instanceof LocalDateTime) {
            LocalDateTime timestamp = (LocalDateTime) value;
            date(timestamp.toLocalDate(), i, out);
            out.append(' ');
            TextValues.time(timestamp.toLocalTime(), out);
        } else if (value instanceof OffsetDateTime) {
            // The session is in UTC while loading: an instant is sent as UTC's wall clock.
            LocalDateTime utc = ((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            date(utc.toLocalDate(), i, out);
            out.append(' ');
            TextValues.time(utc.toLocalTime(), out);
        } else if (value instanceof LocalDate) {
            date((LocalDate) value, i, out);
        } else if (value instanceof LocalTime) {
            TextValues.time((LocalTime) value, out);
        } else if (value instanceof SpecialValue) {
            throw unstorable(i, value, "MariaDB has no NaN or infinities");
        } else if (value instanceof NativeValue) {
            // A value only MariaDB and MySQL have (a zero date): as the source had it, for the server to judge.
            TextValues.escape(((NativeValue) value).text(), true, out);
        } else if (value instanceof byte[]) {
            throw unstorable(i, value, "bytes go to binary columns only");
        } else {
            TextValues.escape(value.toString(), true, out);
        }
    }

    private UnstorableValueException unstorable(int i, Object value, String why) {
        return new UnstorableValueException(columns.get(i), "column " + columns.get(i) + " of " + table
                + " cannot hold " + ValueText.literal(value) + " (" + why + ")");
    }

    private void date(LocalDate date, int i, StringBuilder out) throws SQLException {
        if (date.getYear() < 0 || date.getYear() > 9999) {
            throw unstorable(i, date, "MariaDB's dates have years 0 to 9999");
        }
        TextValues.date(date, out);
    }
}
