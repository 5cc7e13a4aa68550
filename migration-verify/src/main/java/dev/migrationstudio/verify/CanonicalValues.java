package dev.migrationstudio.verify;

import dev.migrationstudio.jdbc.compare.CanonicalEncoder;
import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.io.BaseEncoding;
import dev.migrationstudio.mapping.SpecialValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * The one encoding values are put in before they are hashed or compared, identical whatever engine
 * a value was read from. Two values are the same for verification exactly when their encodings are
 * equal (floating-point values may additionally be equal within a tolerance, see
 * {@link Verifier#floatTolerance(double)}).
 *
 * <p>Each value is a one-byte tag followed by its content; lengths are 4-byte big-endian counts, so
 * a row (the concatenation of its values) can be split back into values unambiguously and composite
 * keys such as {@code ("ab", "c")} and {@code ("a", "bc")} never collide.
 *
 * <table>
 *   <caption>The encoding</caption>
 *   <tr><th>Java value (as {@code SourceCursor} reads it)</th><th>Encoding</th></tr>
 *   <tr><td>{@code null} (SQL NULL)</td><td>{@code N}: distinct from the empty string</td></tr>
 *   <tr><td>String</td><td>{@code S}, UTF-8 length, UTF-8 bytes: no trimming, case kept</td></tr>
 *   <tr><td>Integer, Long, BigInteger, BigDecimal</td><td>the number without trailing zeros, as
 *       {@code unscaled x 10^-scale}: {@code D}, scale (4 bytes), unscaled (8 bytes) when the digits
 *       fit 18 places, else {@code E}, scale, length, two's-complement unscaled bytes. So
 *       {@code 10.50}, {@code 10.5} and {@code 10.500} are one value (105, scale 1), and {@code 7}
 *       (INTEGER) and {@code 7.00} (NUMERIC) too</td></tr>
 *   <tr><td>Double, Float</td><td>widened exactly to double, rounded to {@link #floatDigits()}
 *       significant digits, then as a number ({@code D}); NaN and infinities as {@code F}</td></tr>
 *   <tr><td>SpecialValue (PostgreSQL numeric NaN and infinities, date/time infinities)</td><td>{@code F},
 *       as the double NaN or infinity: never equal to a finite value or NULL</td></tr>
 *   <tr><td>Boolean</td><td>{@code B}, 1 or 0</td></tr>
 *   <tr><td>LocalDate</td><td>{@code d}, epoch day</td></tr>
 *   <tr><td>LocalTime</td><td>{@code t}, microseconds since midnight (nanoseconds truncated)</td></tr>
 *   <tr><td>LocalDateTime (TIMESTAMP)</td><td>{@code T}, microseconds since 1970-01-01T00:00
 *       (wall-clock time, no zone applied; truncated to microseconds)</td></tr>
 *   <tr><td>OffsetDateTime, ZonedDateTime, Instant (TIMESTAMP WITH TIME ZONE)</td><td>{@code Z},
 *       microseconds since the epoch of the instant, i.e. normalised to UTC: {@code 10:00+01:00}
 *       equals {@code 09:00Z}. A TIMESTAMP and a TIMESTAMP WITH TIME ZONE are never equal: map one
 *       to the other explicitly ({@code Transforms.toUtc()}, {@code Transforms.atZone(..)})</td></tr>
 *   <tr><td>byte[]</td><td>{@code X}, length, bytes</td></tr>
 *   <tr><td>UUID</td><td>{@code U}, 16 bytes</td></tr>
 *   <tr><td>arrays and lists</td><td>{@code A}, element count, each element</td></tr>
 *   <tr><td>anything else</td><td>{@code O}, length, UTF-8 of its {@code toString()}</td></tr>
 * </table>
 *
 * <p>A row's hash is the 128-bit murmur3 hash of its values' encodings in target column order.
 *
 * <pre>{@code
 * CanonicalValues canonical = CanonicalValues.standard();
 * canonical.same(new BigDecimal("1.50"), new BigDecimal("1.5"));   // true
 * canonical.same(null, "");                                       // false
 * canonical.text(LocalDateTime.of(2024, 1, 31, 13, 45, 0, 123_456_789)); // TIMESTAMP '2024-01-31T13:45:00.123456'
 * }</pre>
 */
public final class CanonicalValues {
    /** Significant digits of floating-point values kept by {@link #standard()}. */
    public static final int DEFAULT_FLOAT_DIGITS = 12;

    private static final CanonicalValues STANDARD = new CanonicalValues(DEFAULT_FLOAT_DIGITS);
    private static final int MAX_SHOWN = 120;

    private final int floatDigits;

    private CanonicalValues(int floatDigits) {
        this.floatDigits = floatDigits;
    }

    /**
     * The encoding with floating-point values kept to {@value #DEFAULT_FLOAT_DIGITS} significant digits.
     *
     * @return the shared standard encoding
     */
    public static CanonicalValues standard() {
        return STANDARD;
    }

    /**
     * The encoding with floating-point values kept to {@code digits} significant digits.
     *
     * @param digits 1 to 17; 17 keeps every double exactly
     * @return the encoding; the standard one when {@code digits} is the default
     */
    public static CanonicalValues withFloatDigits(int digits) {
        checkArgument(digits >= 1 && digits <= 17, "float digits must be between 1 and 17, got %s", digits);
        return digits == DEFAULT_FLOAT_DIGITS ? STANDARD : new CanonicalValues(digits);
    }

    /**
     * The significant digits kept of floating-point values.
     *
     * @return the number of significant digits, 1 to 17
     */
    public int floatDigits() {
        return floatDigits;
    }

    /**
     * The canonical bytes of one value ({@code null} for SQL NULL).
     *
     * @param value the value, as a JDBC driver returns it; {@code null} for SQL NULL
     * @return the canonical bytes, a new array
     */
    public byte[] encode(Object value) {
        CanonicalEncoder encoder = new CanonicalEncoder(floatDigits);
        encoder.write(value);
        return encoder.toBytes();
    }

    /**
     * The canonical bytes of a row: its values' encodings, concatenated in order.
     *
     * @param values the row's values in column order, {@code null} for SQL NULL; not null itself
     * @return the canonical bytes, a new array; empty for no values
     */
    public byte[] encodeRow(List<?> values) {
        checkNotNull(values, "values");
        return new CanonicalEncoder(floatDigits).encodeAll(values.toArray());
    }

    /**
     * The 128-bit hash of a row's canonical bytes, as 32 hexadecimal characters.
     *
     * @param values the row's values in column order, {@code null} for SQL NULL; not null itself
     * @return the hash, lower-case hexadecimal
     */
    public String rowHash(List<?> values) {
        checkNotNull(values, "values");
        long[] hash = new CanonicalEncoder(floatDigits).hash(values.toArray());
        return String.format("%016x%016x", hash[1], hash[0]);
    }

    /**
     * Whether two values are the same for verification: their canonical encodings are equal.
     *
     * @param a a value, or {@code null} for SQL NULL
     * @param b another value, or {@code null} for SQL NULL
     * @return {@code true} if they encode alike (two NULLs are the same)
     */
    public boolean same(Object a, Object b) {
        return Arrays.equals(encode(a), encode(b));
    }

    /**
     * The value as verification sees it, for people: {@code NULL}, {@code 'text'} (quoted, so that
     * empty strings and trailing spaces show), numbers in plain canonical form, timestamps in ISO
     * form at microsecond precision (instants in UTC, with {@code Z}), binary in hexadecimal.
     *
     * @param value the value, or {@code null} for SQL NULL
     * @return the value's text
     */
    public String text(Object value) {
        return display(value, floatDigits);
    }

    /**
     * {@link #text(Object)} with the standard float digits.
     *
     * @param value the value, or {@code null} for SQL NULL
     * @return the value's text
     */
    public static String display(Object value) {
        return display(value, DEFAULT_FLOAT_DIGITS);
    }

    private static String display(Object value, int floatDigits) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof String || value instanceof Character) {
            return "'" + cut(value.toString().replace("'", "''")) + "'";
        }
        if (value instanceof Number && (value instanceof BigDecimal || value instanceof BigInteger
                || value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof Double || value instanceof Float)) {
            return new CanonicalEncoder(floatDigits).numberText(value);
        }
        if (value instanceof SpecialValue) {
            return "'" + value + "'";
        }
        if (value instanceof LocalDateTime) {
            return "TIMESTAMP '" + ((LocalDateTime) value).truncatedTo(ChronoUnit.MICROS) + "'";
        }
        if (value instanceof OffsetDateTime) {
            return "TIMESTAMP WITH TIME ZONE '" + ((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC)
                    .truncatedTo(ChronoUnit.MICROS) + "'";
        }
        if (value instanceof ZonedDateTime) {
            return display(((ZonedDateTime) value).toOffsetDateTime(), floatDigits);
        }
        if (value instanceof java.time.LocalDate) {
            return "DATE '" + value + "'";
        }
        if (value instanceof java.time.LocalTime) {
            return "TIME '" + ((java.time.LocalTime) value).truncatedTo(ChronoUnit.MICROS) + "'";
        }
        if (value instanceof byte[]) {
            byte[] bytes = (byte[]) value;
            String hex = BaseEncoding.base16().encode(bytes, 0, Math.min(bytes.length, 64));
            return "X'" + hex + (bytes.length > 64 ? "...' (" + bytes.length + " bytes)" : "'");
        }
        return cut(value.toString());
    }

    private static String cut(String text) {
        int length = text.codePointCount(0, text.length());
        if (length <= MAX_SHOWN) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_SHOWN)) + "... (" + length + " characters)";
    }

    @Override
    public String toString() {
        return "CanonicalValues[float digits " + floatDigits + "]";
    }
}
