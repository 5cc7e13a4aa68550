package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.mapping.SpecialValue;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import org.postgresql.PGStatement;

/**
 * Reads JDBC values into the Java types the mapping model works with, the same on every engine:
 * integers as Integer (SMALLINT, INTEGER) or Long (BIGINT), exact numbers as BigDecimal, floating
 * point as Double (Float for REAL), text as String (CLOBs read whole), binary as byte[], DATE as
 * LocalDate, TIME as LocalTime, TIMESTAMP as LocalDateTime, TIMESTAMP WITH TIME ZONE as
 * OffsetDateTime, BOOLEAN as Boolean. Engine-specific objects (UUID, JSON) pass as the driver returns them.
 * MariaDB's INT UNSIGNED is read as Long and its BIGINT UNSIGNED as BigDecimal (they exceed Integer
 * and Long), its TINYINT(1) as Boolean (as the driver reports it), and its TIMESTAMP, a point in time,
 * as OffsetDateTime in UTC: the server sends it in the session's time zone, so a reader of MariaDB
 * runs its session in UTC ({@code SET time_zone = '+00:00'}).
 * PostgreSQL's numeric NaN and infinities and its date/time infinities are read as {@link SpecialValue}s.
 */
public final class JdbcValues {

    private JdbcValues() {
    }

    /** A MariaDB or MySQL TIMESTAMP: an instant, sent as the wall-clock time of the session's time zone. */
    private static final int SESSION_TIMESTAMP = Integer.MIN_VALUE + 1;

    /** The JDBC type codes of a result's columns, read once per query. */
    public static int[] types(ResultSetMetaData meta) throws SQLException {
        boolean mariaDb = meta.getClass().getName().startsWith("org.mariadb.");
        int[] types = new int[meta.getColumnCount()];
        for (int i = 0; i < types.length; i++) {
            types[i] = meta.getColumnType(i + 1);
            String name = meta.getColumnTypeName(i + 1);
            // PostgreSQL reports timestamptz as TIMESTAMP; the type name tells them apart.
            if (types[i] == Types.TIMESTAMP && name != null && name.toLowerCase(java.util.Locale.ROOT).contains("tz")) {
                types[i] = Types.TIMESTAMP_WITH_TIMEZONE;
            }
            // MariaDB's TIMESTAMP (unlike its DATETIME) is a point in time, as PostgreSQL's timestamptz is.
            if (mariaDb && types[i] == Types.TIMESTAMP && "TIMESTAMP".equalsIgnoreCase(name)) {
                types[i] = SESSION_TIMESTAMP;
            }
            // MariaDB's INT UNSIGNED goes past Integer.MAX_VALUE, its BIGINT UNSIGNED past Long.MAX_VALUE.
            if ((types[i] == Types.INTEGER || types[i] == Types.BIGINT) && !meta.isSigned(i + 1)) {
                types[i] = types[i] == Types.INTEGER ? Types.BIGINT : Types.DECIMAL;
            }
        }
        return types;
    }

    /** Reads column {@code index} (1-based) of the current row as the model's Java type. */
    public static Object read(ResultSet rows, int index, int jdbcType) throws SQLException {
        switch (jdbcType) {
            case Types.TINYINT:
            case Types.SMALLINT:
            case Types.INTEGER: {
                int value = rows.getInt(index);
                return rows.wasNull() ? null : value;
            }
            case Types.BIGINT: {
                long value = rows.getLong(index);
                return rows.wasNull() ? null : value;
            }
            case Types.NUMERIC:
            case Types.DECIMAL:
                try {
                    return rows.getBigDecimal(index);
                } catch (SQLException e) {
                    // PostgreSQL's numeric NaN and infinities have no BigDecimal: the driver refuses them
                    // rather than return a number. Only then is the text read, so finite values stay fast.
                    SpecialValue special = SpecialValue.parse(rows.getString(index));
                    if (special == null) {
                        throw e;
                    }
                    return special;
                }
            case Types.REAL: {
                float value = rows.getFloat(index);
                return rows.wasNull() ? null : value;
            }
            case Types.FLOAT:
            case Types.DOUBLE: {
                double value = rows.getDouble(index);
                return rows.wasNull() ? null : value;
            }
            case Types.BIT:
            case Types.BOOLEAN: {
                boolean value = rows.getBoolean(index);
                return rows.wasNull() ? null : value;
            }
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.LONGVARCHAR:
            case Types.NCHAR:
            case Types.NVARCHAR:
            case Types.LONGNVARCHAR:
                return rows.getString(index);
            case Types.CLOB:
            case Types.NCLOB:
                return clob(rows.getClob(index));
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
                return rows.getBytes(index);
            case Types.BLOB:
                return blob(rows.getBlob(index));
            case Types.DATE:
                return date(rows.getObject(index, LocalDate.class));
            case Types.TIME:
                return rows.getObject(index, LocalTime.class);
            case Types.TIMESTAMP:
                return timestamp(rows.getObject(index, LocalDateTime.class));
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return timestampWithZone(rows.getObject(index, OffsetDateTime.class));
            case SESSION_TIMESTAMP: {
                // The server converts it to the session's time zone, which readers of MariaDB set to UTC.
                LocalDateTime utc = rows.getObject(index, LocalDateTime.class);
                return utc == null ? null : utc.atOffset(ZoneOffset.UTC);
            }
            case Types.TIME_WITH_TIMEZONE:
                return rows.getObject(index, java.time.OffsetTime.class);
            default:
                return normalize(rows.getObject(index));
        }
    }

    /*
     * pgjdbc stands PostgreSQL's 'infinity' and '-infinity' in for the largest and smallest values of
     * the java.time types (and for java.sql types, for PGStatement.DATE_POSITIVE_INFINITY and
     * DATE_NEGATIVE_INFINITY). Those are real dates that another database would store as such (year
     * 999999999), so they become SpecialValue infinities here, which a target holds or refuses.
     */

    private static Object date(LocalDate value) {
        if (value != null && (value.getYear() == Year.MAX_VALUE || value.getYear() == Year.MIN_VALUE)) {
            return value.equals(LocalDate.MAX) ? SpecialValue.POSITIVE_INFINITY
                    : value.equals(LocalDate.MIN) ? SpecialValue.NEGATIVE_INFINITY : value;
        }
        return value;
    }

    private static Object timestamp(LocalDateTime value) {
        if (value != null && (value.getYear() == Year.MAX_VALUE || value.getYear() == Year.MIN_VALUE)) {
            return value.equals(LocalDateTime.MAX) ? SpecialValue.POSITIVE_INFINITY
                    : value.equals(LocalDateTime.MIN) ? SpecialValue.NEGATIVE_INFINITY : value;
        }
        return value;
    }

    private static Object timestampWithZone(OffsetDateTime value) {
        if (value != null && (value.getYear() == Year.MAX_VALUE || value.getYear() == Year.MIN_VALUE)) {
            return value.equals(OffsetDateTime.MAX) ? SpecialValue.POSITIVE_INFINITY
                    : value.equals(OffsetDateTime.MIN) ? SpecialValue.NEGATIVE_INFINITY : value;
        }
        return value;
    }

    /** Converts driver objects that slipped through (java.sql dates, LOBs, arrays) to model types. */
    public static Object normalize(Object value) throws SQLException {
        if (value instanceof Timestamp) {
            long time = ((Timestamp) value).getTime();
            if (time == PGStatement.DATE_POSITIVE_INFINITY || time == PGStatement.DATE_POSITIVE_SMALLER_INFINITY) {
                return SpecialValue.POSITIVE_INFINITY;
            }
            if (time == PGStatement.DATE_NEGATIVE_INFINITY || time == PGStatement.DATE_NEGATIVE_SMALLER_INFINITY) {
                return SpecialValue.NEGATIVE_INFINITY;
            }
            return ((Timestamp) value).toLocalDateTime();
        }
        if (value instanceof Date) {
            long time = ((Date) value).getTime();
            if (time == PGStatement.DATE_POSITIVE_INFINITY || time == PGStatement.DATE_POSITIVE_SMALLER_INFINITY) {
                return SpecialValue.POSITIVE_INFINITY;
            }
            if (time == PGStatement.DATE_NEGATIVE_INFINITY || time == PGStatement.DATE_NEGATIVE_SMALLER_INFINITY) {
                return SpecialValue.NEGATIVE_INFINITY;
            }
            return ((Date) value).toLocalDate();
        }
        if (value instanceof Time) {
            return ((Time) value).toLocalTime();
        }
        if (value instanceof Instant) {
            return ((Instant) value).atOffset(ZoneOffset.UTC);
        }
        if (value instanceof Clob) {
            return clob((Clob) value);
        }
        if (value instanceof Blob) {
            return blob((Blob) value);
        }
        if (value instanceof Array) {
            Object[] elements = (Object[]) ((Array) value).getArray();
            return java.util.List.of(elements);
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof java.math.BigInteger) {
            return new BigDecimal((java.math.BigInteger) value);
        }
        return value;
    }

    private static String clob(Clob clob) throws SQLException {
        if (clob == null) {
            return null;
        }
        try (Reader reader = clob.getCharacterStream()) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8192];
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                text.append(buffer, 0, n);
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            clob.free();
        }
    }

    private static byte[] blob(Blob blob) throws SQLException {
        if (blob == null) {
            return null;
        }
        try {
            return blob.getBytes(1, (int) blob.length());
        } finally {
            blob.free();
        }
    }
}
