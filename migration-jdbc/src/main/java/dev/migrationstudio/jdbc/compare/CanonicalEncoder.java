package dev.migrationstudio.jdbc.compare;

import dev.migrationstudio.mapping.SpecialValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.UUID;

/**
 * Writes values in the canonical encoding described by {@code dev.migrationstudio.verify.CanonicalValues}
 * into a reusable buffer, and hashes rows. One instance per thread: it is not thread-safe, which is
 * what lets it encode millions of rows without allocating a buffer per row.
 */
public final class CanonicalEncoder {
    /** NULL. */
    public static final byte NULL = 'N';
    /** Text, length-prefixed UTF-8. */
    public static final byte TEXT = 'S';
    /** Any number whose digits fit 64 bits: scale, then unscaled value, trailing zeros stripped. */
    public static final byte NUMBER = 'D';
    /** Any number whose digits do not fit 64 bits: scale, length, two's-complement unscaled value. */
    public static final byte BIG_NUMBER = 'E';
    /** A value that is not finite: a floating-point NaN or infinity, or a {@link SpecialValue}. */
    public static final byte NON_FINITE = 'F';
    /** Boolean. */
    public static final byte BOOLEAN = 'B';
    /** Date: epoch day. */
    public static final byte DATE = 'd';
    /** Time of day: microseconds since midnight. */
    public static final byte TIME = 't';
    /** Time of day with offset: microseconds since midnight UTC. */
    public static final byte TIME_UTC = 'z';
    /** Timestamp without time zone: microseconds since 1970-01-01T00:00 read as UTC. */
    public static final byte TIMESTAMP = 'T';
    /** Instant (timestamp with time zone): microseconds since the epoch, in UTC. */
    public static final byte INSTANT = 'Z';
    /** Binary, length-prefixed. */
    public static final byte BINARY = 'X';
    /** UUID: 16 bytes. */
    public static final byte UUID_TAG = 'U';
    /** Array: element count, then each element. */
    public static final byte ARRAY = 'A';
    /** Anything else: its text, length-prefixed. */
    public static final byte OTHER = 'O';

    private final int floatDigits;
    private final MathContext floatContext;
    private final long[] hash = new long[2];
    private final long[] rank = new long[2];
    private byte[] buffer = new byte[256];
    private int size;

    /**
     * @param floatDigits significant digits floating-point values keep (1 to 17; 17 keeps every double exactly)
     */
    public CanonicalEncoder(int floatDigits) {
        if (floatDigits < 1 || floatDigits > 17) {
            throw new IllegalArgumentException("float digits must be between 1 and 17, got " + floatDigits);
        }
        this.floatDigits = floatDigits;
        this.floatContext = new MathContext(floatDigits, RoundingMode.HALF_EVEN);
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
     * Empties the buffer.
     *
     * @return this encoder, to write the next values
     */
    public CanonicalEncoder reset() {
        size = 0;
        return this;
    }

    /**
     * The bytes written since the last reset, copied.
     *
     * @return a copy of the buffer's bytes; empty after a reset
     */
    public byte[] toBytes() {
        return Arrays.copyOf(buffer, size);
    }

    /**
     * Encodes the values in order after a reset, and returns the bytes.
     *
     * @param values the values, {@code null} for SQL NULL; not null itself
     * @return the encoding, a new array the caller keeps
     */
    public byte[] encodeAll(Object[] values) {
        reset();
        for (Object value : values) {
            write(value);
        }
        return toBytes();
    }

    /**
     * The 128-bit murmur3 hash of the values' canonical encoding, as two longs {@code [low, high]}.
     * The array is this encoder's own, valid until its next hash: copy what must be kept.
     *
     * @param values the values, {@code null} for SQL NULL; not null itself
     * @return this encoder's hash array, overwritten by the next hash
     */
    public long[] hash(Object[] values) {
        reset();
        for (Object value : values) {
            write(value);
        }
        return hashBuffer();
    }

    /**
     * The hash of the selected values (by position) only; the array is reused as for {@link #hash(Object[])}.
     *
     * @param values a row's values, {@code null} for SQL NULL
     * @param positions the indexes of the values to hash, in the order hashed
     * @return this encoder's hash array, overwritten by the next hash
     */
    public long[] hash(Object[] values, int[] positions) {
        reset();
        for (int position : positions) {
            write(values[position]);
        }
        return hashBuffer();
    }

    /**
     * The 128-bit hash of what the buffer holds now; the array is reused as for {@link #hash(Object[])}.
     *
     * @return this encoder's hash array, overwritten by the next hash
     */
    public long[] hashBuffer() {
        Murmur3.hash(buffer, size, 0, hash);
        return hash;
    }

    /**
     * A seeded 64-bit hash of some values' encoding: the rank that decides which rows a sample takes.
     *
     * @param values the values, {@code null} for SQL NULL; not null itself
     * @param seed the sample's seed: the same seed ranks the same values the same on both sides
     * @return the rank; rows with the lowest ranks are sampled
     */
    public long rank(Object[] values, long seed) {
        reset();
        for (Object value : values) {
            write(value);
        }
        return rankOfBuffer(seed);
    }

    /**
     * {@link #rank(Object[], long)} of the values at the positions.
     *
     * @param row a row's values, {@code null} for SQL NULL
     * @param positions the indexes of the values to rank, in order
     * @param seed the sample's seed
     * @return the rank, as {@link #rank(Object[], long)} computes it
     */
    public long rank(Object[] row, int[] positions, long seed) {
        reset();
        for (int position : positions) {
            write(row[position]);
        }
        return rankOfBuffer(seed);
    }

    private long rankOfBuffer(long seed) {
        Murmur3.hash(buffer, size, (int) (seed ^ (seed >>> 32)) * 0x9E3779B9 + 1, rank);
        return rank[0] ^ seed;
    }

    /**
     * Appends one value's canonical encoding.
     *
     * @param value the value, {@code null} for SQL NULL; equal values of different Java types of one SQL type
     *     encode alike
     */
    public void write(Object value) {
        if (value == null) {
            put(NULL);
        } else if (value instanceof String) {
            text(TEXT, (String) value);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            integer(((Number) value).longValue());
        } else if (value instanceof BigDecimal) {
            decimal((BigDecimal) value);
        } else if (value instanceof Double || value instanceof Float) {
            floating(((Number) value).doubleValue());
        } else if (value instanceof BigInteger) {
            decimal(new BigDecimal((BigInteger) value));
        } else if (value instanceof Boolean) {
            put(BOOLEAN);
            put((byte) (((Boolean) value) ? 1 : 0));
        } else if (value instanceof LocalDateTime) {
            LocalDateTime timestamp = (LocalDateTime) value;
            put(TIMESTAMP);
            putLong(micros(timestamp.toEpochSecond(ZoneOffset.UTC), timestamp.getNano()));
        } else if (value instanceof LocalDate) {
            put(DATE);
            putLong(((LocalDate) value).toEpochDay());
        } else if (value instanceof OffsetDateTime) {
            instant(((OffsetDateTime) value).toInstant());
        } else if (value instanceof ZonedDateTime) {
            instant(((ZonedDateTime) value).toInstant());
        } else if (value instanceof Instant) {
            instant((Instant) value);
        } else if (value instanceof LocalTime) {
            put(TIME);
            putLong(((LocalTime) value).toNanoOfDay() / 1000);
        } else if (value instanceof OffsetTime) {
            OffsetTime time = (OffsetTime) value;
            long utcNanos = Math.floorMod(time.toLocalTime().toNanoOfDay()
                    - time.getOffset().getTotalSeconds() * 1_000_000_000L, 86_400_000_000_000L);
            put(TIME_UTC);
            putLong(utcNanos / 1000);
        } else if (value instanceof byte[]) {
            byte[] bytes = (byte[]) value;
            put(BINARY);
            putInt(bytes.length);
            putBytes(bytes, bytes.length);
        } else if (value instanceof UUID) {
            put(UUID_TAG);
            putLong(((UUID) value).getMostSignificantBits());
            putLong(((UUID) value).getLeastSignificantBits());
        } else if (value instanceof SpecialValue) {
            // NaN and infinities of numeric and date/time columns: the same encoding as a double's, so a
            // numeric NaN mapped to a floating-point column compares equal, and never a finite value's.
            ascii(NON_FINITE, Double.toString(((SpecialValue) value).toDouble()));
        } else if (value instanceof Character) {
            text(TEXT, value.toString());
        } else if (value instanceof Collection) {
            Collection<?> elements = (Collection<?>) value;
            put(ARRAY);
            putInt(elements.size());
            elements.forEach(this::write);
        } else if (value instanceof Object[]) {
            Object[] elements = (Object[]) value;
            put(ARRAY);
            putInt(elements.length);
            for (Object element : elements) {
                write(element);
            }
        } else {
            text(OTHER, value.toString());
        }
    }

    /**
     * The canonical decimal text of a number: plain, without trailing zeros; floats rounded to the digits kept.
     *
     * @param number a {@link Number}: an integer type, {@link BigInteger}, {@link BigDecimal} or a floating-point
     *     value
     * @return the decimal text; {@code NaN} and the infinities as {@link Double#toString(double)} writes them
     */
    public String numberText(Object number) {
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte
                || number instanceof BigInteger) {
            return number.toString();
        }
        if (number instanceof BigDecimal) {
            return plain((BigDecimal) number);
        }
        double d = ((Number) number).doubleValue();
        if (!Double.isFinite(d)) {
            return Double.toString(d);
        }
        return plain(roundFloat(d));
    }

    /**
     * A double rounded to the significant digits this encoder keeps.
     *
     * @param d a finite double
     * @return the rounded value; {@link BigDecimal#ZERO} for both zeros
     */
    public BigDecimal roundFloat(double d) {
        if (d == 0) {
            return BigDecimal.ZERO;
        }
        return new BigDecimal(d).round(floatContext);
    }

    private void decimal(BigDecimal value) {
        if (value.signum() == 0) {
            number(0, 0);
            return;
        }
        if (value.precision() <= 18) {
            number(value.unscaledValue().longValue(), value.scale());
            return;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.precision() <= 18) {
            number(stripped.unscaledValue().longValue(), stripped.scale());
            return;
        }
        byte[] unscaled = stripped.unscaledValue().toByteArray();
        put(BIG_NUMBER);
        putInt(stripped.scale());
        putInt(unscaled.length);
        putBytes(unscaled, unscaled.length);
    }

    /** Writes {@code unscaled * 10^-scale} with trailing zeros stripped, so that one value has one encoding. */
    private void number(long unscaled, int scale) {
        if (unscaled == 0) {
            scale = 0;
        } else {
            while (unscaled % 10 == 0) {
                unscaled /= 10;
                scale--;
            }
        }
        put(NUMBER);
        putInt(scale);
        putLong(unscaled);
    }

    /** Writes an integer as a number of scale 0 (before stripping). */
    private void integer(long value) {
        if (value >= 1_000_000_000_000_000_000L || value <= -1_000_000_000_000_000_000L) {
            // 19 digits: encoded like the same value as a BigDecimal would be.
            decimal(BigDecimal.valueOf(value));
        } else {
            number(value, 0);
        }
    }

    private static String plain(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        return value.stripTrailingZeros().toPlainString();
    }

    private void floating(double d) {
        if (!Double.isFinite(d)) {
            ascii(NON_FINITE, Double.toString(d));
            return;
        }
        decimal(roundFloat(d));
    }

    private void instant(Instant instant) {
        put(INSTANT);
        putLong(micros(instant.getEpochSecond(), instant.getNano()));
    }

    private static long micros(long epochSecond, int nanos) {
        return epochSecond * 1_000_000L + nanos / 1000;
    }

    private void ascii(byte tag, String text) {
        int length = text.length();
        put(tag);
        putInt(length);
        ensure(length);
        for (int i = 0; i < length; i++) {
            buffer[size++] = (byte) text.charAt(i);
        }
    }

    private void text(byte tag, String text) {
        put(tag);
        int length = text.length();
        boolean ascii = true;
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            putInt(length);
            ensure(length);
            for (int i = 0; i < length; i++) {
                buffer[size++] = (byte) text.charAt(i);
            }
        } else {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            putInt(utf8.length);
            putBytes(utf8, utf8.length);
        }
    }

    private void put(byte b) {
        ensure(1);
        buffer[size++] = b;
    }

    private void putInt(int v) {
        ensure(4);
        buffer[size++] = (byte) (v >>> 24);
        buffer[size++] = (byte) (v >>> 16);
        buffer[size++] = (byte) (v >>> 8);
        buffer[size++] = (byte) v;
    }

    private void putLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (v >>> shift);
        }
    }

    private void putBytes(byte[] bytes, int length) {
        ensure(length);
        System.arraycopy(bytes, 0, buffer, size, length);
        size += length;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
