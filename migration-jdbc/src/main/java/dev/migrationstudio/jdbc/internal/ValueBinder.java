package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.mapping.NativeValue;
import dev.migrationstudio.mapping.SpecialValue;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.SQLDialect;

/**
 * Binds target values to a statement's parameters the one way every writer of target rows does
 * (inserts, and the updates and deletes of a catch-up): NULL with the column's type, NaN and
 * infinities where the column can hold them, MariaDB's zero dates only into MariaDB, instants into
 * MariaDB as UTC's wall clock.
 */
final class ValueBinder {
    private final List<String> columns;
    private final int[] jdbcTypes;
    private final boolean postgres;
    private final boolean mariadb;
    private final String table;

    /**
     * @param target the target table
     * @param columns stored names of the target columns whose values are bound, by their index
     */
    ValueBinder(TableShape target, List<String> columns, SQLDialect dialect) {
        this.columns = List.copyOf(columns);
        this.jdbcTypes = columns.stream().mapToInt(c -> target.columns().get(c)).toArray();
        this.postgres = dialect.family() == SQLDialect.POSTGRES;
        this.mariadb = dialect.family() == SQLDialect.MARIADB || dialect.family() == SQLDialect.MYSQL;
        this.table = target.qualifiedName().toString();
    }

    /** The number of columns. */
    int width() {
        return jdbcTypes.length;
    }

    /** Binds the value of column {@code column} to parameter {@code parameter} (1-based). */
    void bind(PreparedStatement statement, int parameter, int column, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(parameter, jdbcTypes[column]);
        } else if (value instanceof SpecialValue) {
            special(statement, parameter, column, (SpecialValue) value);
        } else if (mariadb && !finite(value)) {
            throw unstorable(column, SpecialValue.parse(value.toString()));
        } else if (value instanceof NativeValue) {
            nativeValue(statement, parameter, column, (NativeValue) value);
        } else if (mariadb && value instanceof OffsetDateTime) {
            // Writers into MariaDB run their session in UTC: an instant goes as UTC's wall clock.
            statement.setObject(parameter, ((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC)
                    .toLocalDateTime());
        } else {
            statement.setObject(parameter, value);
        }
    }

    /** Whether the target is MariaDB or MySQL, whose writers run their session in UTC. */
    boolean mariadb() {
        return mariadb;
    }

    /**
     * Binds a value only MariaDB and MySQL have (a zero date) as its text, to MariaDB, whose own
     * settings decide whether the column holds it; any other target cannot, and the row is refused
     * before it is sent, naming the value.
     */
    private void nativeValue(PreparedStatement statement, int parameter, int i, NativeValue value)
            throws SQLException {
        if (mariadb) {
            statement.setString(parameter, value.text());
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
    private void special(PreparedStatement statement, int parameter, int i, SpecialValue value) throws SQLException {
        if (postgres) {
            statement.setObject(parameter, value.toString(), Types.OTHER);
        } else if (!mariadb
                && (jdbcTypes[i] == Types.DOUBLE || jdbcTypes[i] == Types.FLOAT || jdbcTypes[i] == Types.REAL)) {
            statement.setDouble(parameter, value.toDouble());
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
