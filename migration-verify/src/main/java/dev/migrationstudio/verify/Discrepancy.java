package dev.migrationstudio.verify;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.inventory.TableId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A row of the target that is not what the mapping says it should be: missing, extra, or changed.
 * Each names the target table and the row's key (target key columns and values); rows of tables
 * without a key are named by their values instead, with the number of copies concerned.
 *
 * <p>Values are the Java values read from the databases; {@code null} stands for SQL NULL.
 */
public sealed interface Discrepancy permits Discrepancy.Missing, Discrepancy.Extra, Discrepancy.Changed {

    /** What kind of difference. */
    enum Kind {
        /** The mapping expects the row; the target lacks it. */
        MISSING,
        /** The target holds a row the mapping does not produce. */
        EXTRA,
        /** The row is there, with different values. */
        CHANGED
    }

    /**
     * The target table.
     *
     * @return the target table; not null
     */
    TableId table();

    /**
     * The row's key: target key column to value, in key order; empty for tables without a key.
     *
     * @return the key, unmodifiable
     */
    Map<String, Object> key();

    /**
     * The kind of difference.
     *
     * @return the kind; not null
     */
    Kind kind();

    /**
     * One line for people, naming the table and key.
     *
     * @return the description
     */
    String describe();

    /**
     * The key as text, e.g. {@code invoice_id=42} or {@code (playlist_id=1, track_id=3402)}.
     *
     * @return the key's {@code column=value} pairs, in parentheses unless there is exactly one
     */
    default String keyText() {
        return keyText(key());
    }

    /**
     * Renders a key map as {@link #keyText()} does.
     *
     * @param key key columns to values, in key order; values may be {@code null}
     * @return the key as text
     */
    static String keyText(Map<String, Object> key) {
        String parts = key.entrySet().stream()
                .map(e -> e.getKey() + "=" + CanonicalValues.display(e.getValue()))
                .collect(Collectors.joining(", "));
        return key.size() == 1 ? parts : "(" + parts + ")";
    }

    /**
     * An unmodifiable map of names to values, in order; values may be null (SQL NULL).
     *
     * @param names the names, in order
     * @param values their values, as many as names; may hold {@code null}
     * @return the map, in the names' order
     */
    static Map<String, Object> values(List<String> names, List<?> values) {
        checkArgument(names.size() == values.size(), "%s names but %s values", names.size(), values.size());
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            map.put(names.get(i), values.get(i));
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * The target lacks a row the mapping expects.
     *
     * @param table the target table
     * @param key the row's key (empty for tables without a key)
     * @param expected the whole expected row, target column to value
     * @param copies how many copies are missing (1 unless the table has no key and holds duplicates)
     */
    record Missing(TableId table, Map<String, Object> key, Map<String, Object> expected, long copies)
            implements Discrepancy {
        /**
         * Validates the parts.
         *
         * @param table the target table
         * @param key the row's key (empty for tables without a key)
         * @param expected the whole expected row, target column to value
         * @param copies how many copies are missing (1 unless the table has no key and holds duplicates)
         */
        public Missing {
            checkNotNull(table, "table");
            key = Collections.unmodifiableMap(new LinkedHashMap<>(key));
            expected = Collections.unmodifiableMap(new LinkedHashMap<>(expected));
            checkArgument(copies > 0, "copies must be positive, got %s", copies);
        }

        @Override
        public Kind kind() {
            return Kind.MISSING;
        }

        @Override
        public String describe() {
            return table + ": missing row " + (key.isEmpty() ? rowText(expected) : keyText())
                    + (copies > 1 ? " (" + copies + " copies)" : "");
        }
    }

    /**
     * The target holds a row the mapping does not produce.
     *
     * @param table the target table
     * @param key the row's key (empty for tables without a key)
     * @param actual the whole row found, target column to value
     * @param copies how many copies are extra (more than 1 for duplicates)
     */
    record Extra(TableId table, Map<String, Object> key, Map<String, Object> actual, long copies)
            implements Discrepancy {
        /**
         * Validates the parts.
         *
         * @param table the target table
         * @param key the row's key (empty for tables without a key)
         * @param actual the whole row found, target column to value
         * @param copies how many copies are extra (more than 1 for duplicates)
         */
        public Extra {
            checkNotNull(table, "table");
            key = Collections.unmodifiableMap(new LinkedHashMap<>(key));
            actual = Collections.unmodifiableMap(new LinkedHashMap<>(actual));
            checkArgument(copies > 0, "copies must be positive, got %s", copies);
        }

        @Override
        public Kind kind() {
            return Kind.EXTRA;
        }

        @Override
        public String describe() {
            return table + ": extra row " + (key.isEmpty() ? rowText(actual) : keyText())
                    + (copies > 1 ? " (" + copies + " copies)" : "");
        }
    }

    /**
     * The row is in the target with different values.
     *
     * @param table the target table
     * @param key the row's key
     * @param columns the columns that differ, with both values
     */
    record Changed(TableId table, Map<String, Object> key, List<ColumnDifference> columns) implements Discrepancy {
        /**
         * Validates the parts.
         *
         * @param table the target table
         * @param key the row's key
         * @param columns the columns that differ, with both values
         */
        public Changed {
            checkNotNull(table, "table");
            key = Collections.unmodifiableMap(new LinkedHashMap<>(key));
            columns = List.copyOf(columns);
            checkArgument(!columns.isEmpty(), "a changed row has at least one differing column");
        }

        @Override
        public Kind kind() {
            return Kind.CHANGED;
        }

        @Override
        public String describe() {
            return table + ": changed row " + keyText() + ": "
                    + columns.stream().map(ColumnDifference::describe).collect(Collectors.joining("; "));
        }
    }

    private static String rowText(Map<String, Object> row) {
        return "{" + row.entrySet().stream().map(e -> e.getKey() + "=" + CanonicalValues.display(e.getValue()))
                .collect(Collectors.joining(", ")) + "}";
    }
}
