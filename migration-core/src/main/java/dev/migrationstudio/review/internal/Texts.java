package dev.migrationstudio.review.internal;

import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.mapping.FieldMapping;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.review.ValueExample;
import java.util.List;
import java.util.Locale;

/** The few phrasings every review rule shares, so that findings read alike. */
final class Texts {
    private Texts() {
    }

    /** E.g. {@code 3,503}. */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** E.g. {@code all 3,503 rows}, or {@code every row} when the count is unknown (negative). */
    static String allRows(long rows) {
        return rows < 0 ? "every row" : "all " + count(rows) + " rows";
    }

    /** E.g. {@code customer.email}. */
    static String column(TableId table, String column) {
        return table + "." + column;
    }

    /** E.g. {@code customer.email -> client.email}, or the target column alone for computed fields. */
    static String fieldLocation(TableMapping mapping, FieldMapping field) {
        String targetColumn = column(mapping.target(), field.target());
        return field.source().map(s -> column(mapping.source(), s) + " -> " + targetColumn).orElse(targetColumn);
    }

    /** E.g. {@code  (e.g. key id=4, value 'x')}, or nothing without examples. */
    static String example(String prefix, List<ValueExample> examples) {
        return examples.isEmpty() ? "" : " (" + prefix + " key " + examples.get(0).key() + ", value "
                + examples.get(0).value() + ")";
    }
}
