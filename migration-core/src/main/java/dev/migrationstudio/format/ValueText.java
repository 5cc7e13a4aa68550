package dev.migrationstudio.format;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;

/**
 * How a value is written in documents, messages and fingerprints: as a typed literal that tells
 * values of different types apart, or shortened for people.
 */
public final class ValueText {
    private static final int MAX_SHOWN = 80;

    private ValueText() {
    }

    /**
     * A literal that keeps the value's type visible ({@code 'ACTIVE'}, {@code 12}, {@code 12L},
     * {@code 1.50}, {@code DATE '2024-01-31'}), so different values never render alike.
     *
     * @param value the value, or {@code null}
     * @return the literal; {@code NULL} for {@code null}
     */
    public static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof String) {
            return "'" + ((String) value).replace("'", "''") + "'";
        }
        if (value instanceof Integer || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Long) {
            return value + "L";
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        if (value instanceof LocalDate) {
            return "DATE '" + value + "'";
        }
        if (value instanceof LocalDateTime) {
            return "TIMESTAMP '" + value + "'";
        }
        if (value instanceof LocalTime) {
            return "TIME '" + value + "'";
        }
        if (value instanceof OffsetDateTime) {
            return "TIMESTAMP WITH TIME ZONE '" + value + "'";
        }
        if (value instanceof byte[]) {
            return "X'" + com.google.common.io.BaseEncoding.base16().encode((byte[]) value) + "'";
        }
        return value.getClass().getSimpleName() + "(" + value + ")";
    }

    /**
     * A short form for messages: quoted strings, cut after 80 characters, NULL for null.
     *
     * @param value the value, or {@code null}
     * @return the short form
     */
    public static String shown(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof byte[]) {
            return ((byte[]) value).length + " bytes";
        }
        String text = value instanceof BigDecimal ? ((BigDecimal) value).toPlainString() : value.toString();
        int length = text.codePointCount(0, text.length());
        if (length > MAX_SHOWN) {
            text = text.substring(0, text.offsetByCodePoints(0, MAX_SHOWN)) + "... (" + length + " characters)";
        }
        return value instanceof String ? "'" + text + "'" : text;
    }
}
