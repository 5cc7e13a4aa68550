package dev.migrationstudio.mapping;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.Serializable;
import java.util.regex.Pattern;

// "@serial exclude": javadoc 17 asks for a comment on the serial field of a serializable record's component,
// which a record cannot give; the serial form is the one component, documented by its @param.
/**
 * A MySQL or MariaDB "zero date": a {@code DATE}, {@code DATETIME} or {@code TIMESTAMP} value whose
 * year, month or day is zero ({@code '0000-00-00'}, {@code '2020-00-15'}, {@code '0000-00-00 00:00:00'}),
 * which those engines store when their SQL mode allows it and no other engine (nor Java) has a value for.
 *
 * <p>Rows carry such a value as this type, with the text the source holds, in place of a date or
 * timestamp: a driver's own stand-ins are silent and wrong (MariaDB Connector/J returns NULL for
 * {@code '0000-00-00'} and the 15th of December 2019 for {@code '2020-00-15'}). A cast to a date or
 * time type rejects it, so the row is quarantined with the value in the reason, unless the mapping
 * says what to do with it, e.g. {@link Transforms#zeroDatesAsNull()}.
 *
 * <pre>{@code
 * .field("shipped_on").transform(zeroDatesAsNull())   // '0000-00-00' -> NULL, on purpose
 * }</pre>
 *
 * @param text the value as the source shows it, e.g. {@code 2020-00-15}
 * @serial exclude
 */
public record ZeroDate(String text) implements Serializable {

    private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?)?");

    /**
     * Validates that the text is a date (and time) with a zero year, month or day.
     *
     * @param text the value as the source shows it, e.g. {@code 2020-00-15}
     */
    public ZeroDate {
        checkArgument(text != null && isZeroDate(text), "'%s' is not a date with a zero year, month or day", text);
    }

    /**
     * Whether a date or timestamp text as MySQL and MariaDB write it ({@code YYYY-MM-DD[ hh:mm:ss[.f]]})
     * has a zero year, month or day.
     *
     * @param text the text; not null
     * @return {@code true} for a zero date; {@code false} for text of another shape
     */
    public static boolean isZeroDate(String text) {
        if (!SHAPE.matcher(text).matches()) {
            return false;
        }
        return text.startsWith("0000") || text.startsWith("00", 5) || text.startsWith("00", 8);
    }

    /** The text the source holds, e.g. {@code 0000-00-00}. */
    @Override
    public String toString() {
        return text;
    }
}
