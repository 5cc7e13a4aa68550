package dev.migrationstudio.mapping;

/**
 * Told, step by step, what a table mapping's rules give for one source row: the filter outcome, then
 * each field's value or rejection. {@link TableMapping#trace} calls it; the migration's
 * {@link TableMapping#apply} runs the same steps, so whatever an observer counts (the mapping review's
 * data profile does) is what the migration does with the row.
 *
 * <p>Every method does nothing by default; implement those you need.
 */
public interface RowObserver {

    /**
     * A filter left the row out on purpose; no field is evaluated.
     *
     * @param filter the filter's name
     */
    default void filtered(String filter) {
    }

    /**
     * A filter threw on the row: the migration rejects the row; no field is evaluated.
     *
     * @param filter the filter's name
     * @param reason why, as {@link RowResult.Rejected#reason()} gives it
     */
    default void filterFailed(String filter, String reason) {
    }

    /**
     * A field produced a value.
     *
     * @param field the field's position in {@link TableMapping#fields()}
     * @param value the value, {@code null} for SQL NULL
     */
    default void produced(int field, Object value) {
    }

    /**
     * A field's rule rejected the value, or the field is a key column and its value is NULL (then
     * {@code rule} is {@code "key"}). The migration rejects the row; the other fields are still evaluated.
     *
     * @param field the field's position in {@link TableMapping#fields()}
     * @param rule the rule, as {@link TransformRule#describe()} renders it, or {@code "key"}
     * @param input the value the rule was given ({@code null} for SQL NULL)
     * @param reason why, as {@link RowResult.Rejected#reason()} gives it
     */
    default void rejected(int field, String rule, Object input, String reason) {
    }
}
