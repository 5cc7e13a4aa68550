package dev.migrationstudio.mapping;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.format.ValueText;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Ready-made value rules, meant for static import:
 *
 * <pre>{@code
 * import static dev.migrationstudio.mapping.Transforms.*;
 *
 * .field("email").transform(trim()).transform(lowerCase())
 * .field("total").cast("DECIMAL(12,2)")
 * .field("country").transform(map(Map.of("UK", "GB")))
 * }</pre>
 *
 * <p>Every converter passes NULL through unchanged (use {@code ifNull} to replace it), and names
 * itself exactly (with its parameters), so the spec's fingerprint changes when a parameter does.
 */
public final class Transforms {

    private Transforms() {
    }

    /**
     * Removes leading and trailing white space (Unicode-aware: {@link String#strip()}).
     *
     * @return the converter; NULL passes through, a non-string value is rejected
     */
    public static TransformRule.Convert trim() {
        return text("trim", String::strip);
    }

    /**
     * Lower case, locale-independent.
     *
     * @return the converter; NULL passes through, a non-string value is rejected
     */
    public static TransformRule.Convert lowerCase() {
        return text("lower case", s -> s.toLowerCase(Locale.ROOT));
    }

    /**
     * Upper case, locale-independent.
     *
     * @return the converter; NULL passes through, a non-string value is rejected
     */
    public static TransformRule.Convert upperCase() {
        return text("upper case", s -> s.toUpperCase(Locale.ROOT));
    }

    /**
     * Turns empty or blank strings into NULL.
     *
     * @return the converter; NULL passes through, a non-string value is rejected
     */
    public static TransformRule.Convert nullIfBlank() {
        return text("null if blank", s -> s.isBlank() ? null : s);
    }

    /**
     * Replaces every match of a regular expression.
     *
     * @param regex the regular expression, as {@link java.util.regex.Pattern} reads it; not null
     * @param replacement the replacement, with {@code $1}-style group references; not null
     * @return the converter; NULL passes through, a non-string value is rejected
     */
    public static TransformRule.Convert replaceAll(String regex, String replacement) {
        Pattern pattern = Pattern.compile(checkNotNull(regex, "regex"));
        checkNotNull(replacement, "replacement");
        return text("replace /" + regex + "/ with '" + replacement + "'",
                s -> pattern.matcher(s).replaceAll(replacement));
    }

    /**
     * Cuts strings to at most {@code maxLength} characters (code points). Deliberately lossy: use it
     * where the mapping accepts the loss, instead of a cast that would reject long values.
     *
     * @param maxLength the most characters kept; at least 1
     * @return the converter; NULL passes through, a non-string value is rejected
     */
    public static TransformRule.Convert truncate(int maxLength) {
        checkArgument(maxLength > 0, "truncate length must be positive, got %s", maxLength);
        return text("truncate to " + maxLength + " characters", s -> s.codePointCount(0, s.length()) <= maxLength
                ? s : s.substring(0, s.offsetByCodePoints(0, maxLength)));
    }

    /**
     * Rounds numbers to {@code scale} decimal places. Deliberately lossy.
     *
     * @param scale the decimal places kept; negative rounds to tens, hundreds...
     * @param mode how to round; not null
     * @return the converter; NULL passes through
     */
    public static TransformRule.Convert round(int scale, RoundingMode mode) {
        checkNotNull(mode, "rounding mode");
        return new TransformRule.Convert("round to " + scale + " places " + mode, value -> {
            if (value == null) {
                return null;
            }
            if (value instanceof BigDecimal) {
                return ((BigDecimal) value).setScale(scale, mode);
            }
            if (value instanceof Number) {
                return new BigDecimal(value.toString()).setScale(scale, mode);
            }
            throw new RejectedValueException("cannot round " + ValueText.shown(value) + ": not a number");
        });
    }

    /**
     * Looks values up in a dictionary. A value not in the dictionary is rejected (a silent pass-through
     * would hide gaps in the mapping); add {@code ifNull} after it for a default.
     *
     * @param dictionary source value to target value; copied, not null
     * @return the converter
     */
    public static TransformRule.Convert map(Map<?, ?> dictionary) {
        Map<Object, Object> copy = new LinkedHashMap<>(checkNotNull(dictionary, "dictionary"));
        Map<String, String> sorted = new TreeMap<>();
        copy.forEach((k, v) -> sorted.put(ValueText.literal(k), ValueText.literal(v)));
        return new TransformRule.Convert("map " + sorted, value -> {
            if (value == null) {
                return null;
            }
            if (!copy.containsKey(value)) {
                throw new RejectedValueException("no mapping for " + ValueText.shown(value) + " in the dictionary "
                        + sorted.keySet());
            }
            return copy.get(value);
        });
    }

    /**
     * Gives local timestamps a time zone: LocalDateTime to OffsetDateTime at {@code zone}.
     *
     * @param zone the zone of the local timestamps; not null
     * @return the converter; NULL and values with an offset pass through
     */
    public static TransformRule.Convert atZone(ZoneId zone) {
        checkNotNull(zone, "zone");
        return new TransformRule.Convert("at zone " + zone.getId(), value -> {
            if (value == null || value instanceof OffsetDateTime) {
                return value;
            }
            if (value instanceof LocalDateTime) {
                return ZonedDateTime.of((LocalDateTime) value, zone).toOffsetDateTime();
            }
            throw new RejectedValueException("cannot place " + ValueText.shown(value) + " in a time zone: not a timestamp");
        }, Optional.of(SqlType.Kind.TIMESTAMP_WITH_TIME_ZONE));
    }

    /**
     * Converts timestamps with a time zone to UTC local timestamps (OffsetDateTime to LocalDateTime).
     *
     * @return the converter; NULL and local timestamps pass through
     */
    public static TransformRule.Convert toUtc() {
        return new TransformRule.Convert("to UTC", value -> {
            if (value == null || value instanceof LocalDateTime) {
                return value;
            }
            if (value instanceof OffsetDateTime) {
                return ((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            }
            if (value instanceof ZonedDateTime) {
                return ((ZonedDateTime) value).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
            }
            throw new RejectedValueException("cannot convert " + ValueText.shown(value) + " to UTC: not a timestamp");
        }, Optional.of(SqlType.Kind.TIMESTAMP));
    }

    /**
     * Truncates timestamps and times to a unit, e.g. {@link ChronoUnit#MICROS}. Deliberately lossy.
     *
     * @param unit the unit to truncate to; not null
     * @return the converter; NULL passes through
     */
    public static TransformRule.Convert truncateTo(ChronoUnit unit) {
        checkNotNull(unit, "unit");
        return new TransformRule.Convert("truncate to " + unit, value -> {
            if (value == null) {
                return null;
            }
            if (value instanceof LocalDateTime) {
                return ((LocalDateTime) value).truncatedTo(unit);
            }
            if (value instanceof OffsetDateTime) {
                return ((OffsetDateTime) value).truncatedTo(unit);
            }
            if (value instanceof java.time.LocalTime) {
                return ((java.time.LocalTime) value).truncatedTo(unit);
            }
            throw new RejectedValueException("cannot truncate " + ValueText.shown(value) + ": not a time");
        });
    }

    /**
     * Turns MySQL and MariaDB zero dates ({@code '0000-00-00'}, {@code '2020-00-15'}; see {@link ZeroDate})
     * into NULL, on purpose; other values pass unchanged. Without it, a cast to a date type rejects them.
     *
     * @return the converter
     */
    public static TransformRule.Convert zeroDatesAsNull() {
        return new TransformRule.Convert("zero dates as NULL", value -> value instanceof ZeroDate ? null : value);
    }

    /**
     * Splits a MySQL or MariaDB {@code SET} value ({@code 'red,blue'}) into the list of its members, for a
     * PostgreSQL array column ({@code text[]}); the empty set becomes an empty list. Members keep the
     * order the source writes them in (the order of the SET's declaration).
     *
     * @return the converter; NULL passes through, a non-string value is rejected
     */
    public static TransformRule.Convert setToArray() {
        return text("set to array", s -> s.isEmpty() ? List.of() : List.of(s.split(",", -1)));
    }

    /**
     * Casts to a SQL type, rejecting lossy conversions; see {@link TransformRule.Cast}.
     *
     * @param type the target type; not null
     * @return the cast
     */
    public static TransformRule.Cast cast(SqlType type) {
        return new TransformRule.Cast(type);
    }

    /**
     * Casts to a SQL type given as text, e.g. {@code "DECIMAL(12,2)"}.
     *
     * @param type the type's text, as {@link SqlType#parse(String)} reads it
     * @return the cast
     */
    public static TransformRule.Cast cast(String type) {
        return new TransformRule.Cast(SqlType.parse(type));
    }

    /**
     * A custom converter. The name is what documents and results show; the spec's fingerprint covers
     * the name and the function's code (see {@link MappingSpec#fingerprint()}).
     *
     * @param name the converter's name; not blank
     * @param function the conversion
     * @return the converter
     */
    public static TransformRule.Convert convert(String name, ValueFunction function) {
        return new TransformRule.Convert(Names.requireName(name, "converter name"), function);
    }

    /**
     * A custom converter of strings; NULL passes through, a non-string value is rejected.
     *
     * @param name the converter's name; not blank
     * @param function the conversion of non-null strings; not null
     * @return the converter
     */
    public static TransformRule.Convert text(String name, TextFunction function) {
        checkNotNull(function, "function");
        return new TransformRule.Convert(Names.requireName(name, "converter name"), value -> {
            if (value == null) {
                return null;
            }
            if (!(value instanceof String)) {
                throw new RejectedValueException(name + " applies to text, got " + value.getClass().getSimpleName()
                        + " " + ValueText.shown(value));
            }
            return function.apply((String) value);
        });
    }
}
