package dev.migrationstudio.review;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import java.math.BigDecimal;
import java.time.temporal.Temporal;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What one source column actually holds, measured over every row of its table.
 *
 * @param column the column
 * @param rows rows measured
 * @param nulls rows where the column is NULL
 * @param maxLength the longest text (in characters) or binary value (in bytes), when the column holds any
 * @param longest the row holding the longest value
 * @param min the smallest number, when the column holds numbers
 * @param max the largest number
 * @param maxIntegerDigits the most digits before the decimal point any number uses
 * @param maxScale the most digits after the decimal point any number actually uses (trailing zeros do not count)
 * @param earliest the earliest date, time or timestamp
 * @param latest the latest date, time or timestamp
 * @param withTimeOfDay timestamps whose time is not midnight (what a DATE would lose)
 */
public record ColumnProfile(String column, long rows, long nulls, OptionalLong maxLength,
                            Optional<ValueExample> longest, Optional<BigDecimal> min, Optional<BigDecimal> max,
                            OptionalInt maxIntegerDigits, OptionalInt maxScale, Optional<Temporal> earliest,
                            Optional<Temporal> latest, long withTimeOfDay) {

    /**
     * Validates the parts.
     *
     * @param column the column
     * @param rows rows measured
     * @param nulls rows where the column is NULL
     * @param maxLength the longest text (in characters) or binary value (in bytes), when the column holds any
     * @param longest the row holding the longest value
     * @param min the smallest number, when the column holds numbers
     * @param max the largest number
     * @param maxIntegerDigits the most digits before the decimal point any number uses
     * @param maxScale the most digits after the decimal point any number actually uses (trailing zeros do not
     *     count)
     * @param earliest the earliest date, time or timestamp
     * @param latest the latest date, time or timestamp
     * @param withTimeOfDay timestamps whose time is not midnight (what a DATE would lose)
     */
    public ColumnProfile {
        Names.requireName(column, "column");
        checkArgument(rows >= 0 && nulls >= 0 && nulls <= rows, "column %s: %s NULLs in %s rows", column, nulls, rows);
        checkNotNull(maxLength, "maxLength");
        checkNotNull(longest, "longest");
        checkNotNull(min, "min");
        checkNotNull(max, "max");
        checkNotNull(maxIntegerDigits, "maxIntegerDigits");
        checkNotNull(maxScale, "maxScale");
        checkNotNull(earliest, "earliest");
        checkNotNull(latest, "latest");
        checkArgument(withTimeOfDay >= 0, "withTimeOfDay must not be negative");
    }

    /**
     * Rows where the column holds a value.
     *
     * @return the number of rows
     */
    public long nonNull() {
        return rows - nulls;
    }
}
