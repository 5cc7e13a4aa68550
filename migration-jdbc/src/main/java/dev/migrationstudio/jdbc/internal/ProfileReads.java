package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.ZeroDate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * What the profiler selects for each column of a table, and how it turns what arrives into the value
 * the mapping sees. Plain columns are selected as they are. On MariaDB and MySQL, where the driver's
 * own readings are silently wrong, some are read in a form that keeps their meaning:
 *
 * <ul>
 *   <li>{@code DATE} and {@code DATETIME} as text: the driver returns NULL for {@code '0000-00-00'} and
 *       shifts {@code '2020-00-15'} to a real day; here such values become {@link ZeroDate}s, to be counted;
 *   <li>{@code TIMESTAMP} as seconds since the epoch ({@code UNIX_TIMESTAMP}): it is an instant, read as an
 *       {@code OffsetDateTime} in UTC whatever the session's time zone (0 is its zero date);
 *   <li>{@code TINYINT(1)} and {@code YEAR} as numbers: the driver makes every non-zero {@code TINYINT(1)}
 *       {@code true} and a {@code YEAR} a date;
 *   <li>{@code BIT(n)}, n &gt; 1, as bytes: the driver reports it as {@code BIT}, which reads as a boolean;
 *   <li>unsigned integers one size up ({@code BIGINT UNSIGNED} as a decimal): the driver reads an
 *       {@code INT UNSIGNED} as an {@code int}, and fails on values beyond it.
 * </ul>
 */
final class ProfileReads {

    private final List<Field<?>> fields;
    private final List<UnaryOperator<Object>> conversions;

    private ProfileReads(List<Field<?>> fields, List<UnaryOperator<Object>> conversions) {
        this.fields = List.copyOf(fields);
        this.conversions = conversions;
    }

    /** The reads of a table's columns, in table order, on an engine. */
    static ProfileReads of(SQLDialect dialect, TableInfo table) {
        boolean mariadb = dialect.family() == SQLDialect.MARIADB || dialect.family() == SQLDialect.MYSQL;
        List<Field<?>> fields = new ArrayList<>();
        List<UnaryOperator<Object>> conversions = new ArrayList<>();
        for (ColumnInfo column : table.columns()) {
            Field<Object> plain = DSL.field(DSL.name(column.name()));
            String type = column.type().nativeName().toLowerCase(Locale.ROOT);
            if (!mariadb) {
                fields.add(plain);
                conversions.add(null);
            } else if (type.startsWith("date")) {
                fields.add(plain.cast(SQLDataType.VARCHAR));
                conversions.add(ProfileReads::dateText);
            } else if (type.startsWith("timestamp")) {
                fields.add(DSL.function("UNIX_TIMESTAMP", BigDecimal.class, plain));
                conversions.add(ProfileReads::epochSeconds);
            } else if (type.contains("int") && type.contains("unsigned")) {
                fields.add(type.startsWith("bigint") ? plain.cast(SQLDataType.DECIMAL(20, 0))
                        : plain.cast(SQLDataType.BIGINT));
                conversions.add(null);
            } else if (type.startsWith("bit(") && !type.startsWith("bit(1)")) {
                fields.add(plain.cast(SQLDataType.BINARY));
                conversions.add(null);
            } else if (type.startsWith("tinyint(1)") || type.startsWith("year")) {
                fields.add(plain.cast(SQLDataType.BIGINT));
                conversions.add(null);
            } else {
                fields.add(plain);
                conversions.add(null);
            }
        }
        return new ProfileReads(fields, conversions);
    }

    /** The expressions to select, in table order. */
    List<Field<?>> fields() {
        return fields;
    }

    /** Turns a row as read into the row the mapping sees, in place. */
    Object[] adopt(Object[] values) {
        for (int i = 0; i < values.length; i++) {
            UnaryOperator<Object> conversion = conversions.get(i);
            if (conversion != null && values[i] != null) {
                values[i] = conversion.apply(values[i]);
            }
        }
        return values;
    }

    private static Object dateText(Object value) {
        String text = value.toString();
        if (ZeroDate.isZeroDate(text)) {
            return new ZeroDate(text);
        }
        return text.length() <= 10 ? LocalDate.parse(text) : LocalDateTime.parse(text.replace(' ', 'T'));
    }

    private static Object epochSeconds(Object value) {
        BigDecimal seconds = value instanceof BigDecimal ? (BigDecimal) value : new BigDecimal(value.toString());
        if (seconds.signum() == 0) {
            // A TIMESTAMP holds 1970-01-01 00:00:01 UTC at the earliest: 0 is '0000-00-00 00:00:00'.
            return new ZeroDate("0000-00-00 00:00:00");
        }
        long whole = seconds.longValue();
        int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(whole, nanos), ZoneOffset.UTC);
    }
}
