package dev.migrationstudio.verify.internal;

import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.ForeignKeyInfo;
import dev.migrationstudio.inventory.IndexInfo;
import dev.migrationstudio.inventory.KeyInfo;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.FieldMapping;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.verify.IntegrityCheck;
import dev.migrationstudio.verify.IntegrityCheck.Kind;
import dev.migrationstudio.verify.IntegrityCheck.Outcome;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Checks a target table's integrity with queries over its data, so that the result holds even when
 * the loader disabled or never created the constraints. What is expected comes from the target's
 * metadata (declared), the intended target inventory (intended), the mapping's key, and the source's
 * foreign keys carried through the mapping.
 */
final class IntegrityChecker {
    private static final int EXAMPLES = 10;

    private final Settings settings;
    private final Side source;
    private final Side target;

    /** Prepares checks on the target. */
    public IntegrityChecker(Settings settings, Side source, Side target) {
        this.settings = settings;
        this.source = source;
        this.target = target;
    }

    /** An expected constraint or index. */
    private record Expectation(Kind kind, String name, List<String> columns, String expectedBy,
                               Optional<TableId> parent, List<String> parentColumns) {
        String identity() {
            return kind + " " + lower(columns) + parent.map(p -> " -> " + p.name().toLowerCase(Locale.ROOT)
                    + lower(parentColumns)).orElse("");
        }
    }

    private static String lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList().toString();
    }

    /** Runs every check on the plan's target table. */
    public List<IntegrityCheck> check(TablePlan plan) throws SQLException {
        Catalog.Table table = plan.targetTable();
        TableId id = plan.mapping().target();
        Declared declared = declared(table);
        List<Expectation> expectations = new ArrayList<>();
        declared.primaryKey.ifPresent(pk -> expectations.add(new Expectation(Kind.PRIMARY_KEY, pk.name(), pk.columns(),
                "declared", Optional.empty(), List.of())));
        declared.unique.forEach(k -> expectations.add(new Expectation(Kind.UNIQUE, k.name(), k.columns(), "declared",
                Optional.empty(), List.of())));
        if (!plan.keyless()) {
            expectations.add(new Expectation(Kind.UNIQUE, "mapping key", plan.keyColumns(), "mapping key",
                    Optional.empty(), List.of()));
        }
        declared.foreignKeys.forEach(fk -> expectations.add(new Expectation(Kind.FOREIGN_KEY, fk.name(), fk.columns(),
                "declared", Optional.of(fk.referencedTable()), fk.referencedColumns())));
        Optional<TableInfo> intended = settings.intendedTarget().flatMap(inv -> inv.tables().stream()
                .filter(t -> t.id().matches(id) || t.name().equalsIgnoreCase(id.name())).findFirst());
        intended.ifPresent(info -> addIntended(info, expectations));
        sourceForeignKeys(plan.mapping()).forEach(expectations::add);

        List<IntegrityCheck> checks = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Map<String, String> notNullColumns = new LinkedHashMap<>();
        table.columns().stream().filter(c -> !c.nullable()).forEach(c -> notNullColumns.putIfAbsent(c.name(), "declared"));
        intended.ifPresent(info -> info.columns().stream().filter(c -> !c.nullable()).map(ColumnInfo::name)
                .forEach(c -> notNullColumns.putIfAbsent(c, "intended")));
        for (Expectation expectation : expectations) {
            if (!seen.add(expectation.identity())) {
                continue;
            }
            Optional<List<String>> columns = actualColumns(table, expectation.columns());
            if (columns.isEmpty()) {
                checks.add(new IntegrityCheck(id, expectation.kind(), expectation.name(), expectation.columns(),
                        expectation.expectedBy(), Outcome.FAILED, 1, List.of(),
                        "the target table lacks column(s) " + missing(table, expectation.columns())));
                continue;
            }
            if (expectation.kind() == Kind.FOREIGN_KEY) {
                checks.add(foreignKey(plan, expectation, columns.get()));
            } else {
                checks.add(uniqueness(plan, expectation, columns.get()));
                if (expectation.kind() == Kind.PRIMARY_KEY || "mapping key".equals(expectation.expectedBy())) {
                    columns.get().forEach(c -> notNullColumns.putIfAbsent(c, expectation.expectedBy()));
                }
            }
        }
        checks.addAll(notNull(plan, notNullColumns));
        checks.addAll(indexes(plan, declared, intended, expectations));
        return checks;
    }

    private static String missing(Catalog.Table table, List<String> columns) {
        return columns.stream().filter(c -> table.column(c).isEmpty()).toList().toString();
    }

    private static Optional<List<String>> actualColumns(Catalog.Table table, List<String> columns) {
        List<String> actual = new ArrayList<>();
        for (String column : columns) {
            Optional<Catalog.Column> found = table.column(column);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            actual.add(found.get().name());
        }
        return Optional.of(actual);
    }

    private void addIntended(TableInfo info, List<Expectation> expectations) {
        info.primaryKey().ifPresent(pk -> expectations.add(new Expectation(Kind.PRIMARY_KEY, pk.name(), pk.columns(),
                "intended", Optional.empty(), List.of())));
        for (KeyInfo key : info.uniqueKeys()) {
            expectations.add(new Expectation(Kind.UNIQUE, key.name(), key.columns(), "intended", Optional.empty(),
                    List.of()));
        }
        for (ForeignKeyInfo fk : info.foreignKeys()) {
            expectations.add(new Expectation(Kind.FOREIGN_KEY, fk.name(), fk.columns(), "intended",
                    Optional.of(fk.referencedTable()), fk.referencedColumns()));
        }
        for (IndexInfo index : info.indexes()) {
            if (index.unique()) {
                expectations.add(new Expectation(Kind.UNIQUE, index.name(), index.columns(), "intended",
                        Optional.empty(), List.of()));
            }
        }
    }

    /** The source table's foreign keys, where both ends are mapped and the columns copied. */
    private List<Expectation> sourceForeignKeys(TableMapping mapping) throws SQLException {
        MappingSpec spec = settings.spec();
        List<Expectation> expectations = new ArrayList<>();
        Optional<Catalog.Table> table = source.table(mapping.source(), Optional.empty());
        try {
            if (table.isEmpty()) {
                return expectations;
            }
            for (ForeignKeyInfo fk : foreignKeys(source.connection().getMetaData(), table.get())) {
                Optional<TableMapping> parent = spec.tables().stream()
                        .filter(t -> t.source().name().equalsIgnoreCase(fk.referencedTable().name())).findFirst();
                if (parent.isEmpty()) {
                    continue;
                }
                Optional<List<String>> child = targetNames(mapping, fk.columns());
                Optional<List<String>> parentColumns = targetNames(parent.get(), fk.referencedColumns());
                if (child.isPresent() && parentColumns.isPresent()) {
                    expectations.add(new Expectation(Kind.FOREIGN_KEY, fk.name(), child.get(), "source foreign key",
                            Optional.of(TableId.of(parent.get().target().name())), parentColumns.get()));
                }
            }
            return expectations;
        } finally {
            source.endRead();
        }
    }

    private static Optional<List<String>> targetNames(TableMapping mapping, List<String> sourceColumns) {
        List<String> names = new ArrayList<>();
        for (String column : sourceColumns) {
            Optional<FieldMapping> field = mapping.fields().stream()
                    .filter(f -> f.source().map(s -> s.equalsIgnoreCase(column)).orElse(false)).findFirst();
            if (field.isEmpty()) {
                return Optional.empty();
            }
            names.add(field.get().target());
        }
        return Optional.of(names);
    }

    // ---------------------------------------------------------------- metadata

    private record Declared(Optional<KeyInfo> primaryKey, List<KeyInfo> unique, List<ForeignKeyInfo> foreignKeys,
                            List<IndexInfo> indexes) {
    }

    private Declared declared(Catalog.Table table) throws SQLException {
        try {
            DatabaseMetaData meta = target.connection().getMetaData();
            String catalog = table.metaCatalog();
            String schema = table.metaSchema();
            TreeMap<Integer, String> pkColumns = new TreeMap<>();
            String pkName = null;
            try (ResultSet rows = meta.getPrimaryKeys(catalog, schema, table.name())) {
                while (rows.next()) {
                    pkColumns.put(rows.getInt("KEY_SEQ"), rows.getString("COLUMN_NAME"));
                    pkName = rows.getString("PK_NAME");
                }
            }
            Optional<KeyInfo> primaryKey = pkColumns.isEmpty() ? Optional.empty()
                    : Optional.of(new KeyInfo(pkName == null ? table.name() + " primary key" : pkName,
                    List.copyOf(pkColumns.values())));
            Map<String, TreeMap<Integer, String>> indexColumns = new LinkedHashMap<>();
            Map<String, Boolean> indexUnique = new LinkedHashMap<>();
            try (ResultSet rows = meta.getIndexInfo(catalog, schema, table.name(), false, false)) {
                while (rows.next()) {
                    String name = rows.getString("INDEX_NAME");
                    String column = rows.getString("COLUMN_NAME");
                    if (name == null || column == null) {
                        continue;
                    }
                    indexColumns.computeIfAbsent(name, k -> new TreeMap<>()).put(rows.getInt("ORDINAL_POSITION"), column);
                    indexUnique.put(name, !rows.getBoolean("NON_UNIQUE"));
                }
            }
            List<IndexInfo> indexes = new ArrayList<>();
            List<KeyInfo> unique = new ArrayList<>();
            indexColumns.forEach((name, columns) -> {
                List<String> list = List.copyOf(columns.values());
                indexes.add(new IndexInfo(name, list, indexUnique.get(name)));
                if (indexUnique.get(name) && !(primaryKey.isPresent() && primaryKey.get().columns().equals(list))) {
                    unique.add(new KeyInfo(name, list));
                }
            });
            return new Declared(primaryKey, unique, foreignKeys(meta, table), indexes);
        } finally {
            target.endRead();
        }
    }

    private static List<ForeignKeyInfo> foreignKeys(DatabaseMetaData meta, Catalog.Table table) throws SQLException {
        Map<String, TreeMap<Integer, String[]>> byName = new LinkedHashMap<>();
        try (ResultSet rows = meta.getImportedKeys(table.metaCatalog(), table.metaSchema(), table.name())) {
            while (rows.next()) {
                String name = rows.getString("FK_NAME");
                if (name == null) {
                    name = table.name() + "_" + rows.getString("FKCOLUMN_NAME") + "_fkey";
                }
                byName.computeIfAbsent(name, k -> new TreeMap<>()).put(rows.getInt("KEY_SEQ"), new String[] {
                    rows.getString("FKCOLUMN_NAME"), rows.getString("PKTABLE_SCHEM"), rows.getString("PKTABLE_NAME"),
                    rows.getString("PKCOLUMN_NAME")});
            }
        }
        List<ForeignKeyInfo> keys = new ArrayList<>();
        byName.forEach((name, parts) -> {
            String[] first = parts.firstEntry().getValue();
            TableId parent = first[1] == null ? TableId.of(first[2]) : TableId.of(first[1], first[2]);
            keys.add(new ForeignKeyInfo(name, parts.values().stream().map(p -> p[0]).toList(), parent,
                    parts.values().stream().map(p -> p[3]).toList()));
        });
        return keys;
    }

    // ---------------------------------------------------------------- checks

    private List<String> exampleColumns(TablePlan plan, List<String> extra) {
        Set<String> columns = new LinkedHashSet<>();
        if (!plan.keyless()) {
            for (String key : plan.keyColumns()) {
                plan.targetTable().column(key).ifPresent(c -> columns.add(c.name()));
            }
        } else {
            plan.targetTable().columns().stream().limit(4).forEach(c -> columns.add(c.name()));
        }
        columns.addAll(extra);
        return List.copyOf(columns);
    }

    private IntegrityCheck uniqueness(TablePlan plan, Expectation expectation, List<String> columns)
            throws SQLException {
        List<Field<Object>> fields = columns.stream().map(c -> DSL.field(DSL.name(c))).toList();
        Field<Integer> copies = DSL.count().as("copies");
        Condition notNull = DSL.and(fields.stream().map(Field::isNotNull).toList());
        List<Field<?>> select = new ArrayList<>(fields);
        select.add(copies);
        long[] groups = {0, 0};
        List<Map<String, Object>> examples = new ArrayList<>();
        Sql.stream(target, DSL.select(select).from(plan.targetRef()).where(notNull).groupBy(fields)
                .having(DSL.count().gt(1)), row -> {
                    groups[0]++;
                    groups[1] += ((Number) row[row.length - 1]).longValue();
                    if (examples.size() < EXAMPLES) {
                        Map<String, Object> example = new LinkedHashMap<>();
                        for (int i = 0; i < columns.size(); i++) {
                            example.put(columns.get(i), row[i]);
                        }
                        example.put("copies", row[row.length - 1]);
                        examples.add(example);
                    }
                });
        Kind kind = expectation.kind();
        if (groups[0] == 0) {
            return new IntegrityCheck(plan.mapping().target(), kind, expectation.name(), columns,
                    expectation.expectedBy(), Outcome.PASSED, 0, List.of(), "every key value is unique");
        }
        String first = examples.isEmpty() ? "" : "; first: " + describe(examples.get(0));
        return new IntegrityCheck(plan.mapping().target(), kind, expectation.name(), columns, expectation.expectedBy(),
                Outcome.FAILED, groups[0], examples, groups[0] + " key value(s) occur more than once (" + groups[1]
                + " rows)" + first);
    }

    private List<IntegrityCheck> notNull(TablePlan plan, Map<String, String> wanted) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<String> expectedBy = new ArrayList<>();
        wanted.forEach((column, why) -> plan.targetTable().column(column).map(Catalog.Column::name)
                .filter(c -> !columns.contains(c)).ifPresent(c -> {
                    columns.add(c);
                    expectedBy.add(why);
                }));
        if (columns.isEmpty()) {
            return List.of();
        }
        List<Field<?>> counts = new ArrayList<>();
        for (String column : columns) {
            counts.add(DSL.count().minus(DSL.count(DSL.field(DSL.name(column)))));
        }
        Object[] nulls = Sql.fetch(target, DSL.select(counts).from(plan.targetRef())).get(0);
        List<IntegrityCheck> checks = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            long violations = ((Number) nulls[i]).longValue();
            if (violations == 0) {
                checks.add(new IntegrityCheck(plan.mapping().target(), Kind.NOT_NULL, column + " NOT NULL",
                        List.of(column), expectedBy.get(i), Outcome.PASSED, 0, List.of(), "no NULL"));
                continue;
            }
            List<String> shown = exampleColumns(plan, List.of());
            List<Map<String, Object>> examples = examples(plan.targetRef(),
                    shown.stream().map(c -> DSL.field(DSL.name(c))).toList(), shown,
                    DSL.field(DSL.name(column)).isNull());
            checks.add(new IntegrityCheck(plan.mapping().target(), Kind.NOT_NULL, column + " NOT NULL", List.of(column),
                    expectedBy.get(i), Outcome.FAILED, violations, examples, violations + " row(s) hold NULL"
                    + (examples.isEmpty() ? "" : "; first: " + describe(examples.get(0)))));
        }
        return checks;
    }

    private List<Map<String, Object>> examples(Table<?> table, List<Field<Object>> fields, List<String> names,
                                               Condition where) throws SQLException {
        List<Map<String, Object>> examples = new ArrayList<>();
        Sql.stream(target, DSL.select(fields).from(table).where(where).limit(EXAMPLES), row -> {
            Map<String, Object> example = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                example.put(names.get(i), row[i]);
            }
            examples.add(example);
        });
        return examples;
    }

    private IntegrityCheck foreignKey(TablePlan plan, Expectation expectation, List<String> columns)
            throws SQLException {
        TableId id = plan.mapping().target();
        TableId parentId = expectation.parent().orElseThrow();
        Optional<Catalog.Table> parent = target.table(parentId, plan.targetTable().schema());
        String name = expectation.name();
        String references = parentId.name() + "(" + String.join(", ", expectation.parentColumns()) + ")";
        if (parent.isEmpty()) {
            return new IntegrityCheck(id, Kind.FOREIGN_KEY, name, columns, expectation.expectedBy(), Outcome.FAILED, 1,
                    List.of(), "references " + references + ", but the target has no table " + parentId.name());
        }
        Optional<List<String>> parentColumns = actualColumns(parent.get(), expectation.parentColumns());
        if (parentColumns.isEmpty()) {
            return new IntegrityCheck(id, Kind.FOREIGN_KEY, name, columns, expectation.expectedBy(), Outcome.FAILED, 1,
                    List.of(), "references " + references + ", but the parent lacks column(s) "
                    + missing(parent.get(), expectation.parentColumns()));
        }
        Table<?> child = plan.targetRef().as("c");
        Table<?> parentTable = DSL.table(parent.get().qualifiedName()).as("p");
        Condition join = DSL.noCondition();
        Condition present = DSL.noCondition();
        for (int i = 0; i < columns.size(); i++) {
            Field<Object> childField = DSL.field(DSL.name("c", columns.get(i)));
            join = join.and(DSL.field(DSL.name("p", parentColumns.get().get(i))).eq(childField));
            present = present.and(childField.isNotNull());
        }
        List<String> shown = exampleColumns(plan, columns);
        List<Field<Object>> fields = shown.stream().map(c -> DSL.field(DSL.name("c", c))).toList();
        long[] orphans = {0};
        List<Map<String, Object>> examples = new ArrayList<>();
        Sql.stream(target, DSL.select(fields).from(child).where(present)
                .andNotExists(DSL.selectOne().from(parentTable).where(join)), row -> {
                    orphans[0]++;
                    if (examples.size() < EXAMPLES) {
                        Map<String, Object> example = new LinkedHashMap<>();
                        for (int i = 0; i < shown.size(); i++) {
                            example.put(shown.get(i), row[i]);
                        }
                        examples.add(example);
                    }
                });
        if (orphans[0] == 0) {
            return new IntegrityCheck(id, Kind.FOREIGN_KEY, name, columns, expectation.expectedBy(), Outcome.PASSED, 0,
                    List.of(), "every row's parent exists in " + references);
        }
        return new IntegrityCheck(id, Kind.FOREIGN_KEY, name, columns, expectation.expectedBy(), Outcome.FAILED,
                orphans[0], examples, orphans[0] + " orphan row(s): no parent in " + references + "; first: "
                + describe(examples.get(0)));
    }

    private List<IntegrityCheck> indexes(TablePlan plan, Declared declared, Optional<TableInfo> intended,
                                         List<Expectation> expectations) {
        TableId id = plan.mapping().target();
        List<List<String>> existing = new ArrayList<>();
        declared.indexes().forEach(i -> existing.add(i.columns()));
        declared.primaryKey().ifPresent(pk -> existing.add(pk.columns()));
        List<IntegrityCheck> checks = new ArrayList<>();
        if (intended.isPresent()) {
            for (IndexInfo index : intended.get().indexes()) {
                boolean found = existing.stream().anyMatch(e -> lower(e).equals(lower(index.columns())));
                checks.add(new IntegrityCheck(id, Kind.INDEX, index.name(), index.columns(), "intended",
                        found ? Outcome.PASSED : Outcome.FAILED, found ? 0 : 1, List.of(),
                        found ? "an index on these columns exists" : "no index on (" + String.join(", ", index.columns())
                                + ") exists in the target"));
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Expectation expectation : expectations) {
            if (expectation.kind() != Kind.FOREIGN_KEY || !seen.add(lower(expectation.columns()))) {
                continue;
            }
            boolean indexed = existing.stream().anyMatch(e -> e.size() >= expectation.columns().size()
                    && lower(e.subList(0, expectation.columns().size())).equals(lower(expectation.columns())));
            if (!indexed) {
                checks.add(new IntegrityCheck(id, Kind.INDEX, "index for " + expectation.name(), expectation.columns(),
                        expectation.expectedBy(), Outcome.WARNING, 0, List.of(), "no index starts with the foreign key "
                        + "columns; joins and parent deletes will scan the table"));
            }
        }
        return checks;
    }

    private static String describe(Map<String, Object> example) {
        return example.entrySet().stream().map(e -> e.getKey() + "="
                + dev.migrationstudio.verify.CanonicalValues.display(e.getValue()))
                .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
    }
}
