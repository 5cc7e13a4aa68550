package dev.migrationstudio.verify.internal;

import dev.migrationstudio.Names;
import dev.migrationstudio.jdbc.QuarantinedRow;
import dev.migrationstudio.mapping.FieldMapping;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.RowLayout;
import dev.migrationstudio.mapping.RowResult;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.mapping.TransformRule;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SelectConditionStep;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * One table mapping resolved against both databases: the actual table and column names, the source
 * columns to read, the target columns in the mapping's order, where the key sits, and the queries.
 */
final class TablePlan {
    private final TableMapping mapping;
    private final Catalog.Table sourceTable;
    private final Catalog.Table targetTable;
    private final RowLayout sourceLayout;
    private final List<Field<Object>> sourceFields;
    private final List<String> targetColumns;
    private final List<Field<Object>> targetFields;
    private final int[] keyPositions;
    private final List<Field<Object>> sourceKeyFields;
    private final List<Field<Object>> targetKeyFields;
    private final boolean sourceKeyRangeable;
    private final int[] copyPositions;
    private final boolean identityCopy;
    /** Rows the loader quarantined, by source key text (all values, for a table without a key). */
    private final Map<String, List<QuarantinedRow>> quarantinedByLoader;

    private TablePlan(TableMapping mapping, Catalog.Table sourceTable, Catalog.Table targetTable,
                      List<String> sourceActual, List<String> targetActual, List<String> sourceKeyActual,
                      LoaderQuarantine quarantine) {
        this.mapping = mapping;
        this.sourceTable = sourceTable;
        this.targetTable = targetTable;
        this.sourceLayout = RowLayout.of(mapping.sourceColumnsRead());
        this.sourceFields = sourceActual.stream().map(TablePlan::field).toList();
        this.targetColumns = mapping.targetLayout().columns();
        this.targetFields = targetActual.stream().map(TablePlan::field).toList();
        List<String> key = mapping.targetKey();
        this.keyPositions = key.stream().mapToInt(targetColumns::indexOf).toArray();
        this.sourceKeyFields = sourceKeyActual.stream().map(TablePlan::field).toList();
        this.targetKeyFields = key.stream().map(k -> targetFields.get(targetColumns.indexOf(k))).toList();
        this.sourceKeyRangeable = mapping.keyFields().stream().allMatch(f -> f.rules().stream()
                .allMatch(r -> r instanceof TransformRule.Rename || r instanceof TransformRule.Cast));
        this.copyPositions = copyPositions(mapping, sourceLayout);
        this.identityCopy = copyPositions != null && copyPositions.length == sourceLayout.size()
                && java.util.stream.IntStream.range(0, copyPositions.length).allMatch(i -> copyPositions[i] == i);
        this.quarantinedByLoader = quarantine.of(mapping);
    }

    /** Where each target value comes from when the mapping only copies or renames columns; null otherwise. */
    private static int[] copyPositions(TableMapping mapping, RowLayout sourceLayout) {
        if (!mapping.filters().isEmpty()) {
            return null;
        }
        int[] positions = new int[mapping.fields().size()];
        for (int i = 0; i < positions.length; i++) {
            FieldMapping field = mapping.fields().get(i);
            if (field.isComputed() || !field.rules().stream().allMatch(r -> r instanceof TransformRule.Rename)) {
                return null;
            }
            positions[i] = sourceLayout.position(field.source().orElseThrow()).orElseThrow();
        }
        return positions;
    }

    /**
     * Resolves a mapping; problems (missing tables or columns) are added to {@code errors} and the
     * result is empty. Rows of {@code quarantine} are expected in quarantine, not in the target.
     */
    static Optional<TablePlan> resolve(TableMapping mapping, Side source, Side target, LoaderQuarantine quarantine,
                                       List<String> errors) {
        try {
            Optional<Catalog.Table> sourceTable = find(source, mapping, true);
            Optional<Catalog.Table> targetTable = find(target, mapping, false);
            if (sourceTable.isEmpty()) {
                errors.add("source table " + mapping.source() + " does not exist in the source database"
                        + source.nearMisses(mapping.source()));
            }
            if (targetTable.isEmpty()) {
                errors.add("target table " + mapping.target() + " does not exist in the target database"
                        + target.nearMisses(mapping.target()));
            }
            if (sourceTable.isEmpty() || targetTable.isEmpty()) {
                return Optional.empty();
            }
            List<String> sourceActual = columns(sourceTable.get(), mapping.sourceColumnsRead(), "source", errors);
            List<String> targetActual = columns(targetTable.get(), mapping.targetLayout().columns(), "target", errors);
            List<String> sourceKeyActual = columns(sourceTable.get(), mapping.sourceKey(), "source", new ArrayList<>());
            if (!errors.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new TablePlan(mapping, sourceTable.get(), targetTable.get(), sourceActual, targetActual,
                    sourceKeyActual, quarantine));
        } catch (SQLException e) {
            errors.add("cannot read the metadata of " + mapping.describe() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<Catalog.Table> find(Side side, TableMapping mapping, boolean source) throws SQLException {
        return side.table(source ? mapping.source() : mapping.target(), Optional.empty());
    }

    private static List<String> columns(Catalog.Table table, List<String> wanted, String side, List<String> errors) {
        List<String> actual = new ArrayList<>();
        for (String column : wanted) {
            Optional<Catalog.Column> found = table.column(column);
            if (found.isEmpty()) {
                errors.add(side + " table " + table.display() + " has no column '" + column + "'"
                        + Names.nearMissHint(column, table.columns().stream().map(Catalog.Column::name).toList())
                        + " (columns: "
                        + table.columns().stream().map(Catalog.Column::name).toList() + ")");
            } else {
                actual.add(found.get().name());
            }
        }
        return actual;
    }

    private static Field<Object> field(String name) {
        return DSL.field(DSL.name(name));
    }

    /** The mapping. */
    public TableMapping mapping() {
        return mapping;
    }

    /** The source table as the database has it. */
    public Catalog.Table sourceTable() {
        return sourceTable;
    }

    /** The target table as the database has it. */
    public Catalog.Table targetTable() {
        return targetTable;
    }

    /** The target columns, in the mapping's order (the spec's names). */
    public List<String> targetColumns() {
        return targetColumns;
    }

    /** Positions of the key columns among the target columns. */
    public int[] keyPositions() {
        return keyPositions.clone();
    }

    /** The copies of quarantined rows matched so far in one read of a table without a key. */
    public static final class LoaderPass {
        private final Map<String, Integer> taken = new HashMap<>();

        /** The index of the next copy of a row to match, or -1 when all {@code copies} are matched. */
        int take(String key, int copies) {
            int next = taken.getOrDefault(key, 0);
            if (next >= copies) {
                return -1;
            }
            taken.put(key, next + 1);
            return next;
        }
    }

    /** Whether the ledger says the loader quarantined rows of this table. */
    public boolean hasRowsQuarantinedByLoader() {
        return !quarantinedByLoader.isEmpty();
    }

    /** Whether the table is compared as a multiset. */
    public boolean keyless() {
        return keyPositions.length == 0;
    }

    /** Whether source rows can be selected by target key ranges (the key is copied or cast, not transformed). */
    public boolean sourceKeyRangeable() {
        return sourceKeyRangeable;
    }

    /** The key columns' names in the spec, in order. */
    public List<String> keyColumns() {
        return mapping.targetKey();
    }

    /**
     * The target row a source row maps to, or null when the mapping does not load it; counts the
     * outcome in {@code tally} when one is given. Where the mapping only copies and renames columns,
     * the values are moved without building rows (and the array itself is returned when the columns
     * are read in target order): the same result as {@link #project}, which still decides every row
     * it could reject (a NULL key). A row the mapping loads but the loader quarantined (by its
     * ledger) is not expected in the target either.
     */
    public Object[] loadedRow(Object[] sourceValues, SourceTally tally) {
        return loadedRow(sourceValues, tally, null);
    }

    /**
     * {@link #loadedRow(Object[], SourceTally)} for one read of a table without a key, whose ledger
     * names quarantined rows by their values: {@code pass} counts the copies already matched, so
     * that identical rows beyond those the loader quarantined are still expected in the target.
     */
    public Object[] loadedRow(Object[] sourceValues, SourceTally tally, LoaderPass pass) {
        if (!quarantinedByLoader.isEmpty()) {
            String key = LoaderQuarantine.keyText(mapping, sourceLayout.row(sourceValues));
            List<QuarantinedRow> copies = quarantinedByLoader.get(key);
            int copy = copies == null ? -1 : keyless() ? (pass == null ? -1 : pass.take(key, copies.size())) : 0;
            if (copy >= 0) {
                RowResult result = project(sourceValues);
                if (tally != null) {
                    if (result instanceof RowResult.Loaded) {
                        tally.countQuarantinedByLoader(LoaderQuarantine.example(copies.get(copy)));
                    } else {
                        tally.count(result, () -> sourceKeyText(sourceValues));
                    }
                }
                return null;
            }
        }
        if (copyPositions != null) {
            Object[] row = identityCopy ? sourceValues : new Object[copyPositions.length];
            if (!identityCopy) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = sourceValues[copyPositions[i]];
                }
            }
            boolean keyed = true;
            for (int position : keyPositions) {
                keyed &= row[position] != null;
            }
            if (keyed) {
                if (tally != null) {
                    tally.countLoaded();
                }
                return row;
            }
        }
        RowResult result = project(sourceValues);
        if (tally != null) {
            tally.count(result, () -> sourceKeyText(sourceValues));
        }
        return result instanceof RowResult.Loaded ? ((RowResult.Loaded) result).row().values() : null;
    }

    /** Projects one source row (values in {@link TableMapping#sourceColumnsRead()} order) through the mapping. */
    public RowResult project(Object[] sourceValues) {
        return mapping.apply(sourceLayout.row(sourceValues));
    }

    /** The source row's key values as the spec names them, for quarantine examples. */
    public String sourceKeyText(Object[] sourceValues) {
        Row row = sourceLayout.row(sourceValues);
        List<String> parts = new ArrayList<>();
        for (String column : mapping.sourceKey()) {
            parts.add(column + "=" + dev.migrationstudio.verify.CanonicalValues.display(row.get(column)));
        }
        return parts.isEmpty() ? row.toString() : String.join(", ", parts);
    }

    /** The source table reference. */
    public Table<?> sourceRef() {
        return table(sourceTable);
    }

    /** The target table reference. */
    public Table<?> targetRef() {
        return table(targetTable);
    }

    private static Table<?> table(Catalog.Table table) {
        return DSL.table(table.qualifiedName());
    }

    /** Target column fields, in the mapping's order. */
    public List<Field<Object>> targetFields() {
        return targetFields;
    }

    /** Target key fields. */
    public List<Field<Object>> targetKeyFields() {
        return targetKeyFields;
    }

    /** SELECT the read source columns WHERE the condition. */
    public SelectConditionStep<?> selectSource(Condition where) {
        return DSL.select(sourceFields).from(sourceRef()).where(where);
    }

    /** SELECT the target columns WHERE the condition. */
    public SelectConditionStep<?> selectTarget(Condition where) {
        return DSL.select(targetFields).from(targetRef()).where(where);
    }

    /** SELECT the target key columns WHERE the condition. */
    public SelectConditionStep<?> selectTargetKeys(Condition where) {
        return DSL.select(targetKeyFields).from(targetRef()).where(where);
    }

    /** The target key range as a condition on the target. */
    public Condition targetRange(KeyRange range) {
        return range(targetKeyFields, range);
    }

    /** The target key range as a condition on the source key columns (only if {@link #sourceKeyRangeable()}). */
    public Condition sourceRange(KeyRange range) {
        return range(sourceKeyFields, range);
    }

    /** The key fields of the source, in key order. */
    public List<Field<Object>> sourceKeyFields() {
        return sourceKeyFields;
    }

    /** A range as a condition: rows comparisons for composite keys; NULL keys only for the NULL range. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Condition range(List<Field<Object>> keys, KeyRange range) {
        if (range.nullKeys()) {
            return DSL.or(keys.stream().map(Field::isNull).toList());
        }
        Condition condition = DSL.noCondition();
        if (range.lower() == null && range.upper() == null) {
            return DSL.and(keys.stream().map(Field::isNotNull).toList());
        }
        if (keys.size() == 1) {
            Field key = keys.get(0);
            if (range.lower() != null) {
                condition = condition.and(key.ge(Sql.value(range.lower()[0])));
            }
            if (range.upper() != null) {
                condition = condition.and(key.lt(Sql.value(range.upper()[0])));
            }
            return condition;
        }
        Field<?>[] fields = keys.toArray(new Field<?>[0]);
        if (range.lower() != null) {
            condition = condition.and(DSL.row(fields).ge(DSL.row(values(range.lower()))));
        }
        if (range.upper() != null) {
            condition = condition.and(DSL.row(fields).lt(DSL.row(values(range.upper()))));
        }
        return condition;
    }

    private static Field<?>[] values(Object[] key) {
        Field<?>[] values = new Field<?>[key.length];
        for (int i = 0; i < key.length; i++) {
            values[i] = Sql.value(key[i]);
        }
        return values;
    }

    /** Describes the mapping for messages. */
    public String describe() {
        return mapping.describe();
    }
}
