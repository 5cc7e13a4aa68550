package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.mapping.NativeValue;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.SpecialValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Writes rows with a prepared INSERT, in JDBC batches. Works on every engine. */
final class InsertWriter implements RowWriter {
    private final String sql;
    private final List<String> columns;
    private final int[] jdbcTypes;
    private final boolean postgres;
    /** MariaDB: the session is in UTC while writing, and instants are sent as UTC's wall clock. */
    private final boolean mariadb;
    private final String table;
    private final int batchSize;

    /**
     * @param target the target table
     * @param columns stored names of the target columns, in the order of the rows' values
     * @param batchSize rows per JDBC batch
     */
    public InsertWriter(TableShape target, List<String> columns, SQLDialect dialect, int batchSize) {
        List<Field<Object>> fields = columns.stream().map(c -> DSL.field(DSL.name(c))).toList();
        List<Param<Object>> params = columns.stream().map(c -> DSL.param(c, Object.class)).toList();
        this.sql = Engines.renderer(dialect).render(DSL.insertInto(DSL.table(target.qualifiedName()))
                .columns(fields).values(params));
        this.columns = List.copyOf(columns);
        this.jdbcTypes = columns.stream().mapToInt(c -> target.columns().get(c)).toArray();
        this.postgres = dialect.family() == SQLDialect.POSTGRES;
        this.mariadb = dialect.family() == SQLDialect.MARIADB || dialect.family() == SQLDialect.MYSQL;
        this.table = target.qualifiedName().toString();
        this.batchSize = batchSize;
    }

    @Override
    public String sql() {
        return sql;
    }

    @Override
    public Sink open(Connection connection) throws SQLException {
        if (mariadb) {
            MariaDbSessions.utc(connection);
        }
        PreparedStatement insert = connection.prepareStatement(sql);
        return new Sink() {
            private int pending;

            @Override
            public void add(Row row) throws SQLException {
                bind(insert, row);
                insert.addBatch();
                if (++pending == batchSize) {
                    insert.executeBatch();
                    pending = 0;
                }
            }

            @Override
            public void finish() throws SQLException {
                if (pending > 0) {
                    insert.executeBatch();
                    pending = 0;
                }
            }

            @Override
            public void close() {
                try {
                    insert.close();
                } catch (SQLException ignored) {
                    // The transaction is rolled back or committed by the caller either way.
                }
                if (mariadb) {
                    MariaDbSessions.restoreQuietly(connection);
                }
            }
        };
    }

    @Override
    public void writeOne(Connection connection, Row row) throws SQLException {
        if (mariadb) {
            MariaDbSessions.utc(connection);
        }
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            bind(insert, row);
            insert.executeUpdate();
        } finally {
            if (mariadb) {
                MariaDbSessions.restoreQuietly(connection);
            }
        }
    }

    private void bind(PreparedStatement insert, Row row) throws SQLException {
        for (int i = 0; i < jdbcTypes.length; i++) {
            Object value = row.get(i);
            if (value == null) {
                insert.setNull(i + 1, jdbcTypes[i]);
            } else if (value instanceof SpecialValue) {
                special(insert, i, (SpecialValue) value);
            } else if (mariadb && !finite(value)) {
                throw unstorable(i, SpecialValue.parse(value.toString()));
            } else if (value instanceof NativeValue) {
                nativeValue(insert, i, (NativeValue) value);
            } else if (mariadb && value instanceof OffsetDateTime) {
                insert.setObject(i + 1, ((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC)
                        .toLocalDateTime());
            } else {
                insert.setObject(i + 1, value);
            }
        }
    }

    /**
     * Binds a value only MariaDB and MySQL have (a zero date) as its text, to MariaDB, whose own
     * settings decide whether the column holds it; any other target cannot, and the row is refused
     * before it is sent, naming the value.
     */
    private void nativeValue(PreparedStatement insert, int i, NativeValue value) throws SQLException {
        if (mariadb) {
            insert.setString(i + 1, value.text());
        } else {
            throw new UnstorableValueException(columns.get(i), "column " + columns.get(i) + " of " + table
                    + " cannot hold " + value.describe() + "; map it with an explicit rule (for example to NULL)");
        }
    }

    /**
     * Binds NaN or an infinity: on PostgreSQL as text of no declared type, which the server reads as
     * the column's own type (numeric, float, date, timestamp all have them); elsewhere only a
     * floating-point column holds them. Any other column cannot, and the row is refused before it is sent.
     */
    private void special(PreparedStatement insert, int i, SpecialValue value) throws SQLException {
        if (postgres) {
            insert.setObject(i + 1, value.toString(), Types.OTHER);
        } else if (!mariadb
                && (jdbcTypes[i] == Types.DOUBLE || jdbcTypes[i] == Types.FLOAT || jdbcTypes[i] == Types.REAL)) {
            insert.setDouble(i + 1, value.toDouble());
        } else {
            throw unstorable(i, value);
        }
    }

    private static boolean finite(Object value) {
        return !(value instanceof Double && !Double.isFinite((Double) value)
                || value instanceof Float && !Float.isFinite((Float) value));
    }

    /** MariaDB and MySQL have no NaN or infinity in any type, floating point included. */
    private UnstorableValueException unstorable(int i, SpecialValue value) {
        return new UnstorableValueException(columns.get(i), "column " + columns.get(i) + " of " + table
                + " cannot hold " + value + (mariadb ? " on MariaDB or MySQL (no type of theirs has NaN or infinities)"
                : " on this database (only PostgreSQL's numeric, date and timestamp types and floating-point "
                + "columns have NaN and infinities)"));
    }
}
