package dev.migrationstudio.review;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.IndexInfo;
import dev.migrationstudio.inventory.KeyInfo;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.TableMapping;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * What to measure in one source table, in one pass: every column, the key column sets whose
 * uniqueness matters, and the table mappings whose rules to apply to every row.
 *
 * <pre>{@code
 * ProfileRequest request = ProfileRequest.of(sourceInventory.table("customer").orElseThrow())
 *     .withKey(List.of("email"))
 *     .withMapping(spec.table("customer").orElseThrow(), targetInventory.table("client"));
 * }</pre>
 *
 * @param table the source table, as discovered (its columns are read in table order)
 * @param exampleKey the columns that identify a row in examples ({@code customer_id=7}); empty to show row numbers
 * @param keys column sets whose duplicates to count (sets the table's own constraints make unique are not measured)
 * @param mappings the table mappings to apply, each with its target table when known
 */
public record ProfileRequest(TableInfo table, List<String> exampleKey, List<List<String>> keys,
                             List<Projection> mappings) {

    /**
     * A table mapping applied to the rows, and the target table whose column types the results are
     * checked against (empty when the target table is unknown: then only rules are checked).
     *
     * @param mapping the table mapping
     * @param target the target table
     */
    public record Projection(TableMapping mapping, Optional<TableInfo> target) {
        /**
         * Validates the parts.
         *
         * @param mapping the table mapping
         * @param target the target table
         */
        public Projection {
            checkNotNull(mapping, "mapping");
            checkNotNull(target, "target");
        }
    }

    /**
     * Validates that every named column exists.
     *
     * @param table the source table, as discovered (its columns are read in table order)
     * @param exampleKey the columns that identify a row in examples ({@code customer_id=7}); empty to show row
     *     numbers
     * @param keys column sets whose duplicates to count (sets the table's own constraints make unique are not
     *     measured)
     * @param mappings the table mappings to apply, each with its target table when known
     */
    public ProfileRequest {
        checkNotNull(table, "table");
        exampleKey = List.copyOf(exampleKey);
        List<List<String>> copies = new ArrayList<>();
        for (List<String> key : keys) {
            checkArgument(!key.isEmpty(), "a key column set of %s is empty", table.id());
            copies.add(List.copyOf(key));
        }
        keys = List.copyOf(new LinkedHashSet<>(copies));
        mappings = List.copyOf(mappings);
        for (String column : exampleKey) {
            checkArgument(table.hasColumn(column), "example key column '%s' is not a column of %s", column, table.id());
        }
        for (List<String> key : keys) {
            for (String column : key) {
                checkArgument(table.hasColumn(column), "key column '%s' is not a column of %s", column, table.id());
            }
        }
    }

    /**
     * Measures every column of a table; examples show its primary key, when it has one.
     *
     * @param table the table; not null
     * @return the request
     */
    public static ProfileRequest of(TableInfo table) {
        checkNotNull(table, "table");
        return new ProfileRequest(table, table.primaryKey().map(KeyInfo::columns).orElse(List.of()), List.of(),
                List.of());
    }

    /**
     * This request, also counting duplicates of a column set.
     *
     * @param columns the column set
     * @return a new request
     */
    public ProfileRequest withKey(List<String> columns) {
        List<List<String>> more = new ArrayList<>(keys);
        more.add(columns);
        return new ProfileRequest(table, exampleKey, more, mappings);
    }

    /**
     * This request, also applying a table mapping (and checking its results against the target table).
     *
     * @param mapping the mapping to apply to the rows
     * @param target the target table, when it is known
     * @return a new request
     */
    public ProfileRequest withMapping(TableMapping mapping, Optional<TableInfo> target) {
        List<Projection> more = new ArrayList<>(mappings);
        more.add(new Projection(mapping, target));
        return new ProfileRequest(table, exampleKey, keys, more);
    }

    /**
     * This request with other example-key columns.
     *
     * @param columns the columns that name a row in examples
     * @return a new request
     */
    public ProfileRequest withExampleKey(List<String> columns) {
        return new ProfileRequest(table, columns, keys, mappings);
    }

    /**
     * The constraint or index of the source table that already makes a column set unique: the primary
     * key, or a unique key or unique index of NOT NULL columns, contained in the set.
     *
     * <p>A unique key or index over a nullable column does not count: it lets any number of rows hold
     * NULL there, so such a set is measured instead. An index over an expression (a name that is not a
     * column of the table) does not count either: it keeps the expression unique, not the columns.
     *
     * @param key a column set of the table
     * @return the constraint's or index's name; empty when none makes the set unique
     */
    public Optional<String> guaranteeOf(List<String> key) {
        if (table.primaryKey().isPresent() && key.containsAll(table.primaryKey().get().columns())) {
            return Optional.of(table.primaryKey().get().name());
        }
        for (KeyInfo unique : table.uniqueKeys()) {
            if (notNullColumns(unique.columns()) && key.containsAll(unique.columns())) {
                return Optional.of(unique.name());
            }
        }
        for (IndexInfo index : table.indexes()) {
            if (index.unique() && notNullColumns(index.columns()) && key.containsAll(index.columns())) {
                return Optional.of(index.name());
            }
        }
        return Optional.empty();
    }

    private boolean notNullColumns(List<String> columns) {
        return columns.stream().allMatch(c -> table.column(c).map(col -> !col.nullable()).orElse(false));
    }

    /**
     * The key column sets the source's constraints do not make unique: their duplicates must be counted.
     *
     * @return the column sets; empty when the constraints cover them all
     */
    public List<List<String>> keysToMeasure() {
        return keys.stream().filter(k -> guaranteeOf(k).isEmpty()).toList();
    }

    /**
     * The table's column names, in table order: the columns a profiler reads.
     *
     * @return the names
     */
    public List<String> columns() {
        return table.columns().stream().map(ColumnInfo::name).toList();
    }
}
