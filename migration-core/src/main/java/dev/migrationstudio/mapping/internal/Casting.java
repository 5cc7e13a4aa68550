package dev.migrationstudio.mapping.internal;

import dev.migrationstudio.format.ValueText;
import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.inventory.SqlType.Kind;
import dev.migrationstudio.mapping.RejectedValueException;
import dev.migrationstudio.mapping.SpecialValue;
import dev.migrationstudio.mapping.ZeroDate;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

/**
 * Lossless conversion of Java values to the Java representation of a SQL type. Anything that would
 * lose or invent information is rejected with a reason naming the value and the limit.
 *
 * <p>Representations: BOOLEAN Boolean; SMALLINT and INTEGER Integer; BIGINT Long; DECIMAL
 * BigDecimal; REAL Float; DOUBLE Double; character types String; binary types byte[]; DATE
 * LocalDate; TIME LocalTime; TIMESTAMP LocalDateTime; TIMESTAMP WITH TIME ZONE OffsetDateTime;
 * UUID UUID. JSON and OTHER values pass unchanged. A {@link SpecialValue} (NaN, infinity) stays one
 * where the type has a meaning for it and is rejected otherwise.
 */
public final class Casting {

    private Casting() {
    }

    /** Casts a value; NULL stays NULL. */
    public static Object cast(Object value, SqlType type) {
        if (value == null) {
            return null;
        }
        if (value instanceof SpecialValue) {
            return special((SpecialValue) value, type);
        }
        if (value instanceof ZeroDate) {
            return zeroDate((ZeroDate) value, type);
        }
        Kind kind = type.kind();
        switch (kind) {
            case BOOLEAN:
                return toBoolean(value, type);
            case SMALLINT:
            case INTEGER:
                return (int) toIntegral(value, type);
            case BIGINT:
                return toIntegral(value, type);
            case DECIMAL:
                return toDecimal(value, type);
            case REAL:
                return toDecimalFromAny(value, type).floatValue();
            case DOUBLE:
                return toDecimalFromAny(value, type).doubleValue();
            case CHAR:
            case VARCHAR:
            case TEXT:
                return toText(value, type);
            case BINARY:
            case VARBINARY:
            case BLOB:
                return toBinary(value, type);
            case DATE:
                return toDate(value, type);
            case TIME:
                return toTime(value, type);
            case TIMESTAMP:
                return toTimestamp(value, type);
            case TIMESTAMP_WITH_TIME_ZONE:
                return toTimestampWithZone(value, type);
            case UUID:
                return toUuid(value, type);
            default:
                return value;
        }
    }

    /**
     * NaN and the infinities keep their meaning where the type has one for them: floating point
     * (as the double), a DECIMAL without precision (PostgreSQL's unconstrained {@code numeric}),
     * infinity in date/time types, and types the model does not know; DECIMAL(p, s) and the rest
     * cannot hold them.
     */
    private static Object special(SpecialValue value, SqlType type) {
        switch (type.kind()) {
            case REAL:
                return (float) value.toDouble();
            case DOUBLE:
                return value.toDouble();
            case CHAR:
            case VARCHAR:
            case TEXT:
                return toText(value.toString(), type);
            case DATE:
            case TIMESTAMP:
            case TIMESTAMP_WITH_TIME_ZONE:
                if (value.infinite()) {
                    return value;
                }
                throw cannot(value, type, "NaN is not a point in time");
            case DECIMAL:
                if (type.precision().isEmpty()) {
                    return value;
                }
                throw cannot(value, type, "it is not a finite number");
            case SMALLINT:
            case INTEGER:
            case BIGINT:
                throw cannot(value, type, "it is not a finite number");
            case JSON:
            case OTHER:
                return value;
            default:
                throw cannot(value, type, "it has no " + type.render() + " value");
        }
    }

    /** A zero date is its text to a character type and what types the model does not know take; nothing else holds it. */
    private static Object zeroDate(ZeroDate value, SqlType type) {
        if (type.kind().isCharacter()) {
            return toText(value.text(), type);
        }
        if (type.kind() == Kind.OTHER) {
            return value;
        }
        throw cannot(value, type, "a zero year, month or day is no date; say what it becomes, e.g. "
                + ".transform(zeroDatesAsNull())");
    }

    private static Boolean toBoolean(Object value, SqlType type) {
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        if (value instanceof Number) {
            BigDecimal number = Decimals.of(value);
            if (number.compareTo(BigDecimal.ZERO) == 0) {
                return false;
            }
            if (number.compareTo(BigDecimal.ONE) == 0) {
                return true;
            }
        }
        if (value instanceof String) {
            switch (((String) value).trim().toLowerCase(Locale.ROOT)) {
                case "true": case "t": case "yes": case "y": case "1":
                    return true;
                case "false": case "f": case "no": case "n": case "0":
                    return false;
                default:
                    break;
            }
        }
        throw cannot(value, type, "only true/false, yes/no, 1/0 convert to BOOLEAN");
    }

    private static long toIntegral(Object value, SqlType type) {
        BigDecimal number;
        if (value instanceof Boolean) {
            number = ((Boolean) value) ? BigDecimal.ONE : BigDecimal.ZERO;
        } else {
            number = toDecimalFromAny(value, type);
        }
        BigInteger integral;
        try {
            integral = number.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw cannot(value, type, "it has a fractional part; round it explicitly first");
        }
        long max = type.integerMax().getAsLong();
        if (integral.abs().compareTo(BigInteger.valueOf(max)) > 0 && !integral.equals(BigInteger.valueOf(-max - 1))) {
            throw cannot(value, type, "out of range (" + type.render() + " holds up to " + max + ")");
        }
        return integral.longValue();
    }

    private static BigDecimal toDecimal(Object value, SqlType type) {
        BigDecimal number = toDecimalFromAny(value, type);
        if (type.scale().isPresent()) {
            int scale = type.scale().getAsInt();
            try {
                number = number.setScale(scale);
            } catch (ArithmeticException e) {
                throw cannot(value, type, "it has " + number.stripTrailingZeros().scale()
                        + " decimal places and the target keeps " + scale + "; round it explicitly first");
            }
        }
        if (type.precision().isPresent()) {
            int precision = type.precision().getAsInt();
            int scale = type.scale().orElse(0);
            int integerDigits = number.precision() - number.scale();
            if (integerDigits > precision - scale) {
                throw cannot(value, type, "it has " + integerDigits + " integer digits and "
                        + type.render() + " holds " + (precision - scale));
            }
        }
        return number;
    }

    private static BigDecimal toDecimalFromAny(Object value, SqlType type) {
        if (value instanceof Number) {
            BigDecimal number = Decimals.of(value);
            if (number == null) {
                throw cannot(value, type, "it is not a finite number");
            }
            return number;
        }
        if (value instanceof String) {
            String text = ((String) value).trim();
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw cannot(value, type, "it is not a number");
            }
        }
        throw cannot(value, type, "a " + value.getClass().getSimpleName() + " does not convert to a number");
    }

    private static String toText(Object value, SqlType type) {
        String text;
        if (value instanceof String) {
            text = (String) value;
        } else if (value instanceof BigDecimal) {
            text = ((BigDecimal) value).toPlainString();
        } else if (value instanceof byte[]) {
            throw cannot(value, type, "binary data does not convert to text implicitly; convert it explicitly");
        } else {
            text = value.toString();
        }
        if (type.length().isPresent()) {
            int max = type.length().getAsInt();
            int length = text.codePointCount(0, text.length());
            if (length > max) {
                throw new RejectedValueException("value too long for " + type.render() + ": "
                        + length + " characters, " + ValueText.shown(value) + "; the target holds " + max);
            }
        }
        return text;
    }

    private static byte[] toBinary(Object value, SqlType type) {
        if (!(value instanceof byte[])) {
            throw cannot(value, type, "only binary values convert to " + type.kind());
        }
        byte[] bytes = (byte[]) value;
        if (type.length().isPresent() && bytes.length > type.length().getAsInt()) {
            throw new RejectedValueException("value too long for " + type.render() + ": " + bytes.length
                    + " bytes; the target holds " + type.length().getAsInt());
        }
        return bytes;
    }

    private static LocalDate toDate(Object value, SqlType type) {
        if (value instanceof LocalDate) {
            return (LocalDate) value;
        }
        if (value instanceof LocalDateTime) {
            return dateOf(value, (LocalDateTime) value, type);
        }
        if (value instanceof String) {
            String text = ((String) value).trim();
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                return dateOf(value, parseTimestamp(value, type), type);
            }
        }
        throw cannot(value, type, "a " + value.getClass().getSimpleName() + " does not convert to DATE");
    }

    private static LocalDate dateOf(Object original, LocalDateTime timestamp, SqlType type) {
        if (!timestamp.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            throw cannot(original, type, "it has a time of day (" + timestamp.toLocalTime()
                    + ") that DATE would lose; truncate it explicitly first");
        }
        return timestamp.toLocalDate();
    }

    private static LocalTime toTime(Object value, SqlType type) {
        LocalTime time;
        if (value instanceof LocalTime) {
            time = (LocalTime) value;
        } else if (value instanceof String) {
            try {
                time = LocalTime.parse(((String) value).trim());
            } catch (DateTimeParseException e) {
                throw cannot(value, type, "it is not a time such as 13:45:00");
            }
        } else {
            throw cannot(value, type, "a " + value.getClass().getSimpleName() + " does not convert to TIME");
        }
        checkFraction(value, type, time.getNano());
        return time;
    }

    private static LocalDateTime toTimestamp(Object value, SqlType type) {
        LocalDateTime timestamp;
        if (value instanceof LocalDateTime) {
            timestamp = (LocalDateTime) value;
        } else if (value instanceof LocalDate) {
            timestamp = ((LocalDate) value).atStartOfDay();
        } else if (value instanceof OffsetDateTime || value instanceof ZonedDateTime || value instanceof Instant) {
            throw cannot(value, type, "its time zone would be lost; convert it explicitly (Transforms.toUtc())");
        } else if (value instanceof String) {
            timestamp = parseTimestamp(value, type);
        } else {
            throw cannot(value, type, "a " + value.getClass().getSimpleName() + " does not convert to TIMESTAMP");
        }
        checkFraction(value, type, timestamp.getNano());
        return timestamp;
    }

    private static LocalDateTime parseTimestamp(Object value, SqlType type) {
        String text = ((String) value).trim().replace(' ', 'T');
        try {
            return LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text).atStartOfDay();
            } catch (DateTimeParseException again) {
                throw cannot(value, type, "it is not an ISO date or timestamp such as 2024-01-31 13:45:00");
            }
        }
    }

    private static OffsetDateTime toTimestampWithZone(Object value, SqlType type) {
        OffsetDateTime timestamp;
        if (value instanceof OffsetDateTime) {
            timestamp = (OffsetDateTime) value;
        } else if (value instanceof ZonedDateTime) {
            timestamp = ((ZonedDateTime) value).toOffsetDateTime();
        } else if (value instanceof Instant) {
            timestamp = ((Instant) value).atOffset(ZoneOffset.UTC);
        } else if (value instanceof LocalDateTime || value instanceof LocalDate) {
            throw cannot(value, type, "it has no time zone; say which with Transforms.atZone(zone) first");
        } else if (value instanceof String) {
            try {
                timestamp = OffsetDateTime.parse(((String) value).trim().replace(' ', 'T'));
            } catch (DateTimeParseException e) {
                throw cannot(value, type, "it is not an ISO timestamp with offset such as 2024-01-31T13:45:00+01:00");
            }
        } else {
            throw cannot(value, type, "a " + value.getClass().getSimpleName()
                    + " does not convert to TIMESTAMP WITH TIME ZONE");
        }
        checkFraction(value, type, timestamp.getNano());
        return timestamp;
    }

    private static void checkFraction(Object value, SqlType type, int nanos) {
        if (type.precision().isEmpty()) {
            return;
        }
        int digits = type.precision().getAsInt();
        long unit = (long) Math.pow(10, 9 - Math.min(9, digits));
        if (nanos % unit != 0) {
            throw cannot(value, type, "its fractional seconds go beyond " + digits
                    + " digits; truncate explicitly (Transforms.truncateTo(" + ChronoUnit.MICROS + "))");
        }
    }

    private static UUID toUuid(Object value, SqlType type) {
        if (value instanceof UUID) {
            return (UUID) value;
        }
        if (value instanceof String) {
            try {
                return UUID.fromString(((String) value).trim());
            } catch (IllegalArgumentException e) {
                throw cannot(value, type, "it is not a UUID");
            }
        }
        if (value instanceof byte[] && ((byte[]) value).length == 16) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap((byte[]) value);
            return new UUID(buffer.getLong(), buffer.getLong());
        }
        throw cannot(value, type, "a " + value.getClass().getSimpleName() + " does not convert to UUID");
    }

    private static RejectedValueException cannot(Object value, SqlType type, String why) {
        return new RejectedValueException("cannot cast " + ValueText.shown(value) + " to " + type.render() + ": " + why);
    }
}
