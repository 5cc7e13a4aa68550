package dev.migrationstudio.mapping;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A source value that no Java value of its column's type holds exactly, kept as the source
 * database's own text: MariaDB's and MySQL's zero dates ({@code '0000-00-00'}, {@code '2020-00-15'},
 * {@code '0000-00-00 00:00:00'}), which are no day of any calendar, and a {@code TINYINT(1)} column
 * (MariaDB's BOOLEAN) holding a number other than 0 or 1, which is no boolean.
 *
 * <p>Rows carry such a value as this type in place of the column's usual Java type, so that it never
 * becomes a silent NULL or a different value. A MariaDB or MySQL target gets the text back, and its
 * own settings decide whether the column holds it; any other target refuses the row before it is
 * sent, naming the table, the column and the value, so that the row is a bad row under the run's
 * policy, unless a rule of the mapping turns the value into one the target holds:
 *
 * <pre>{@code
 * .field("happened").transform(convert("zero dates to NULL", value -> value instanceof NativeValue ? null : value))
 * }</pre>
 *
 * @param type the source column's type as the database names it, e.g. {@code DATE}
 * @param text the value as the database writes it, e.g. {@code 0000-00-00}
 */
public record NativeValue(String type, String text) {

    /**
     * Checks both parts are there.
     *
     * @param type the source column's type as the database names it, e.g. {@code DATE}
     * @param text the value as the database writes it, e.g. {@code 0000-00-00}
     */
    public NativeValue {
        checkNotNull(type, "type");
        checkNotNull(text, "text");
    }

    /**
     * The value for people and messages: {@code DATE '0000-00-00' (a zero date, no day of any calendar)}.
     *
     * @return the type and text, noting a zero date
     */
    public String describe() {
        return type + " '" + text + "'" + (isZeroDate() ? " (a zero date, no day of any calendar)" : "");
    }

    /**
     * Whether this is a zero date: a year, month or day of zero.
     *
     * @return {@code true} for a zero date such as {@code 0000-00-00}
     */
    public boolean isZeroDate() {
        return text.length() >= 10 && text.charAt(4) == '-' && text.charAt(7) == '-'
                && (text.startsWith("0000") || text.startsWith("00", 5) || text.startsWith("00", 8));
    }

    @Override
    public String toString() {
        return describe();
    }
}
