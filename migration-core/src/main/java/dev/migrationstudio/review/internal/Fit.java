package dev.migrationstudio.review.internal;

import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.inventory.TextEncoding;
import dev.migrationstudio.inventory.SqlType.Kind;
import dev.migrationstudio.mapping.RejectedValueException;
import dev.migrationstudio.mapping.TransformRule;
import dev.migrationstudio.mapping.ZeroDate;
import dev.migrationstudio.mapping.internal.Decimals;
import dev.migrationstudio.mapping.FindingKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Whether a target column's type holds a value exactly. The verdict is the core cast's: a value fits
 * when {@code new TransformRule.Cast(type)} accepts it, so the review and a cast in the mapping agree.
 * A refused value is then classified by the kind of loss, with a measure (length, digits) for the
 * worst case. Floating-point targets are checked for exactness too, which the cast does not reject.
 */
public final class Fit {

    /**
     * A value the target cannot hold exactly.
     *
     * @param kind the kind of loss
     * @param measure the size of the problem: characters or bytes, integer digits, decimal places,
     *     fractional-second digits; 0 when there is no measure
     */
    public record Miss(FindingKind kind, long measure) {
    }

    private Fit() {
    }

    /**
     * The loss {@code value} would suffer in a column of {@code type} stored in {@code encoding}, or
     * empty if it fits: as {@link #check(Object, SqlType)}, and text with characters the character set
     * cannot store is a {@link FindingKind#CHARACTER_SET} loss, measured in such characters.
     */
    public static Optional<Miss> check(Object value, SqlType type, Optional<TextEncoding> encoding) {
        Optional<Miss> miss = check(value, type);
        if (miss.isPresent() || !(value instanceof String) || encoding.isEmpty()
                || encoding.get().holdsSupplementaryCharacters()) {
            return miss;
        }
        String text = (String) value;
        long supplementary = text.codePoints().filter(Character::isSupplementaryCodePoint).count();
        return supplementary == 0 ? miss : Optional.of(new Miss(FindingKind.CHARACTER_SET, supplementary));
    }

    /** The loss {@code value} would suffer in a column of {@code type}, or empty if it fits. */
    public static Optional<Miss> check(Object value, SqlType type) {
        if (value == null) {
            return Optional.empty();
        }
        Object cast;
        try {
            cast = new TransformRule.Cast(type).apply(value, null);
        } catch (RejectedValueException e) {
            return Optional.of(classify(value, type));
        }
        if (type.kind() == Kind.REAL || type.kind() == Kind.DOUBLE) {
            BigDecimal exact = Numbers.decimal(value);
            if (exact != null && new BigDecimal(cast.toString()).compareTo(exact) != 0) {
                return Optional.of(new Miss(FindingKind.PRECISION_NARROWING, exact.stripTrailingZeros().precision()));
            }
        }
        return Optional.empty();
    }

    private static Miss classify(Object value, SqlType type) {
        if (value instanceof ZeroDate) {
            return new Miss(FindingKind.ZERO_DATE, 0);
        }
        Kind kind = type.kind();
        if (kind.isCharacter()) {
            if (value instanceof byte[]) {
                return type(value);
            }
            String text = value instanceof BigDecimal ? ((BigDecimal) value).toPlainString() : value.toString();
            return new Miss(FindingKind.LENGTH_NARROWING, text.codePointCount(0, text.length()));
        }
        if (kind.isBinary()) {
            return value instanceof byte[] ? new Miss(FindingKind.LENGTH_NARROWING, ((byte[]) value).length) : type(value);
        }
        if (kind.isInteger() || kind == Kind.DECIMAL) {
            BigDecimal number = value instanceof Boolean ? null : Numbers.decimal(value);
            if (number == null) {
                return type(value);
            }
            int scale = Numbers.scaleUsed(number);
            if (kind.isInteger()) {
                return scale > 0 ? new Miss(FindingKind.SCALE_NARROWING, scale)
                        : new Miss(FindingKind.INTEGER_RANGE, Numbers.integerDigits(number));
            }
            if (type.scale().isPresent() && scale > type.scale().getAsInt()) {
                return new Miss(FindingKind.SCALE_NARROWING, scale);
            }
            return new Miss(FindingKind.PRECISION_NARROWING, Numbers.integerDigits(number));
        }
        switch (kind) {
            case DATE:
                if (value instanceof OffsetDateTime || value instanceof ZonedDateTime || value instanceof Instant) {
                    return new Miss(FindingKind.TIME_ZONE_LOSS, 0);
                }
                if (value instanceof LocalDateTime || isTimestampText(value)) {
                    return new Miss(FindingKind.TIMESTAMP_TO_DATE, 0);
                }
                return type(value);
            case TIME:
                return value instanceof LocalTime
                        ? new Miss(FindingKind.PRECISION_NARROWING, fractionDigits(((LocalTime) value).getNano()))
                        : type(value);
            case TIMESTAMP:
                if (value instanceof OffsetDateTime || value instanceof ZonedDateTime || value instanceof Instant) {
                    return new Miss(FindingKind.TIME_ZONE_LOSS, 0);
                }
                return value instanceof LocalDateTime
                        ? new Miss(FindingKind.PRECISION_NARROWING, fractionDigits(((LocalDateTime) value).getNano()))
                        : type(value);
            case TIMESTAMP_WITH_TIME_ZONE:
                if (value instanceof LocalDateTime || value instanceof LocalDate) {
                    return new Miss(FindingKind.TIME_ZONE_LOSS, 0);
                }
                if (value instanceof OffsetDateTime) {
                    return new Miss(FindingKind.PRECISION_NARROWING, fractionDigits(((OffsetDateTime) value).getNano()));
                }
                return value instanceof ZonedDateTime
                        ? new Miss(FindingKind.PRECISION_NARROWING, fractionDigits(((ZonedDateTime) value).getNano()))
                        : type(value);
            default:
                return type(value);
        }
    }

    private static Miss type(Object value) {
        return new Miss(FindingKind.TYPE_INCOMPATIBLE, 0);
    }

    private static boolean isTimestampText(Object value) {
        if (!(value instanceof String)) {
            return false;
        }
        try {
            LocalDateTime.parse(((String) value).trim().replace(' ', 'T'));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Digits of a nanosecond fraction that are significant: 123_000_000 has 3. */
    static int fractionDigits(int nanos) {
        if (nanos == 0) {
            return 0;
        }
        int digits = 9;
        while (nanos % 10 == 0) {
            nanos /= 10;
            digits--;
        }
        return digits;
    }

    /** Numbers as exact decimals, and the digit counts the rules compare. */
    public static final class Numbers {
        private Numbers() {
        }

        /** The exact decimal value of a number or numeric text, or null when it is neither (or not finite). */
        public static BigDecimal decimal(Object value) {
            if (value instanceof String) {
                try {
                    return new BigDecimal(((String) value).trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return Decimals.of(value);
        }

        /** Digits after the decimal point that are not trailing zeros: 1.50 uses 1. */
        public static int scaleUsed(BigDecimal number) {
            return Math.max(0, number.stripTrailingZeros().scale());
        }

        /** Digits before the decimal point: 123.45 has 3, 0.5 has 0. */
        public static int integerDigits(BigDecimal number) {
            BigDecimal stripped = number.stripTrailingZeros();
            return Math.max(0, stripped.precision() - stripped.scale());
        }
    }
}
