package dev.migrationstudio.mapping;

/**
 * A value that is not a finite number or a point in time, which some databases store in numeric
 * and date/time columns: PostgreSQL's {@code numeric} {@code 'NaN'}, {@code 'Infinity'} and
 * {@code '-Infinity'} (infinities since PostgreSQL 14), and its {@code timestamp},
 * {@code timestamptz} and {@code date} {@code 'infinity'} and {@code '-infinity'}.
 *
 * <p>Rows carry such a value as this type in place of the column's usual Java type (BigDecimal,
 * LocalDateTime, ...), so that it is never mistaken for a finite value: a driver's own stand-ins,
 * such as {@code LocalDateTime.MAX} for {@code 'infinity'}, are real dates that other databases
 * would store as such. A target that holds the value gets it as itself; one that cannot refuses the
 * row, which then is a bad row under the run's policy.
 *
 * <pre>{@code
 * Object value = row.get("price");
 * if (value == SpecialValue.NAN) { ... }
 * SpecialValue.POSITIVE_INFINITY.toString();   // "Infinity"
 * }</pre>
 */
public enum SpecialValue {
    /** Not a number: PostgreSQL {@code numeric 'NaN'}. */
    NAN("NaN"),
    /** Greater than every number or point in time: {@code 'Infinity'} / {@code 'infinity'}. */
    POSITIVE_INFINITY("Infinity"),
    /** Less than every number or point in time: {@code '-Infinity'} / {@code '-infinity'}. */
    NEGATIVE_INFINITY("-Infinity");

    private final String text;

    SpecialValue(String text) {
        this.text = text;
    }

    /**
     * The special value a text stands for ({@code NaN}, {@code Infinity}, {@code -Infinity}, also
     * {@code +Infinity}, {@code inf}, {@code -inf}, case ignored, as PostgreSQL reads them), or null.
     *
     * @param text the text, or {@code null}
     * @return the special value, or {@code null} when the text is none
     */
    public static SpecialValue parse(String text) {
        if (text == null) {
            return null;
        }
        switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "nan":
                return NAN;
            case "infinity":
            case "+infinity":
            case "inf":
            case "+inf":
                return POSITIVE_INFINITY;
            case "-infinity":
            case "-inf":
                return NEGATIVE_INFINITY;
            default:
                return null;
        }
    }

    /**
     * The floating-point value of the same meaning: {@code Double.NaN} or an infinity.
     *
     * @return the double
     */
    public double toDouble() {
        switch (this) {
            case NAN:
                return Double.NaN;
            case POSITIVE_INFINITY:
                return Double.POSITIVE_INFINITY;
            default:
                return Double.NEGATIVE_INFINITY;
        }
    }

    /**
     * Whether this is one of the infinities, which date/time columns hold too (NaN is numeric only).
     *
     * @return {@code true} for the infinities
     */
    public boolean infinite() {
        return this != NAN;
    }

    /** The text PostgreSQL reads it from in any numeric or date/time column: NaN, Infinity, -Infinity. */
    @Override
    public String toString() {
        return text;
    }
}
