package dev.migrationstudio.mapping;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.migrationstudio.Names;
import dev.migrationstudio.internal.Problems;
import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.FindingKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects one table's rules from the DSL. Mistakes are recorded, not thrown, so that
 * {@link MappingSpec.Builder#build()} reports all of them with their location.
 */
final class TableMappingBuilder implements FieldRules {

    private enum Origin { COPY, DERIVE, FILL, CONSTANT }

    /** One target column being described. */
    private static final class Draft {
        final Origin origin;
        final String source;
        String target;
        final boolean key;
        boolean renamed;
        final List<TransformRule.ValueRule> rules = new ArrayList<>();
        String note = "";
        String derivationName;
        List<String> derivationReads;
        RowFunction derivation;

        Draft(Origin origin, String source, String target, boolean key) {
            this.origin = origin;
            this.source = source;
            this.target = target;
            this.key = key;
        }

        String describeOrigin() {
            switch (origin) {
                case COPY: return "from source field '" + source + "'";
                case DERIVE: return "by a derivation";
                case FILL: return "by a default fill";
                default: return "by a constant";
            }
        }
    }

    private final TableId source;
    private final TableId target;
    private final String location;
    private final List<Draft> drafts = new ArrayList<>();
    private final List<TransformRule.Drop> drops = new ArrayList<>();
    private final List<TransformRule.Filter> filters = new ArrayList<>();
    private final List<Acknowledgement> acknowledgements = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private String withoutKeyReason;
    private Draft current;

    TableMappingBuilder(TableId source, TableId target) {
        this.source = source;
        this.target = target;
        this.location = "table " + source + " -> " + target;
    }

    TableId source() {
        return source;
    }

    TableId target() {
        return target;
    }

    private void problem(String format, Object... args) {
        problems.add(location + ": " + String.format(format, args));
    }

    private boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private Draft start(Draft draft) {
        drafts.add(draft);
        current = draft;
        return draft;
    }

    @Override
    public FieldRules key(String sourceColumn) {
        if (blank(sourceColumn)) {
            problem("key() needs a source column name");
        }
        start(new Draft(Origin.COPY, sourceColumn, sourceColumn, true));
        return this;
    }

    @Override
    public FieldRules field(String sourceColumn) {
        if (blank(sourceColumn)) {
            problem("field() needs a source column name");
        }
        start(new Draft(Origin.COPY, sourceColumn, sourceColumn, false));
        return this;
    }

    @Override
    public ValueRules derive(String targetColumn, List<String> reads, RowFunction function) {
        checkNotNull(reads, "reads of derived column %s", targetColumn);
        checkNotNull(function, "function of derived column %s", targetColumn);
        if (blank(targetColumn)) {
            problem("derive() needs a target column name");
        }
        if (reads.stream().anyMatch(this::blank)) {
            problem("derived column '%s' declares a blank column among its reads %s", targetColumn, reads);
        }
        Draft draft = start(new Draft(Origin.DERIVE, null, targetColumn, false));
        draft.derivationName = targetColumn;
        draft.derivationReads = List.copyOf(reads);
        draft.derivation = function;
        return this;
    }

    @Override
    public ValueRules fill(String targetColumn, Object value) {
        if (blank(targetColumn)) {
            problem("fill() needs a target column name");
        }
        Draft draft = start(new Draft(Origin.FILL, null, targetColumn, false));
        if (value == null) {
            problem("fill of '%s' needs a value (NULL is what a fill replaces)", targetColumn);
        } else {
            draft.rules.add(new TransformRule.DefaultFill(value));
        }
        return this;
    }

    @Override
    public ValueRules constant(String targetColumn, Object value) {
        if (blank(targetColumn)) {
            problem("constant() needs a target column name");
        }
        Draft draft = start(new Draft(Origin.CONSTANT, null, targetColumn, false));
        if (value == null) {
            problem("constant '%s' needs a value; a column that is always NULL is better left unmapped", targetColumn);
        } else {
            draft.rules.add(new TransformRule.Constant(value));
        }
        return this;
    }

    @Override
    public TableRules drop(String sourceColumn, String reason) {
        current = null;
        if (blank(sourceColumn)) {
            problem("drop() needs a source column name");
            return this;
        }
        if (blank(reason)) {
            problem("drop of '%s' has no reason; say why the data is not carried over", sourceColumn);
            return this;
        }
        drops.add(new TransformRule.Drop(sourceColumn, reason));
        return this;
    }

    @Override
    public TableRules filter(String name, List<String> reads, RowPredicate keep) {
        current = null;
        checkNotNull(reads, "reads of filter %s", name);
        checkNotNull(keep, "predicate of filter %s", name);
        if (blank(name)) {
            problem("filter() needs a name; results count filtered rows by it");
            return this;
        }
        if (filters.stream().anyMatch(f -> f.name().equals(name))) {
            problem("filter '%s' is declared twice", name);
        }
        try {
            filters.add(new TransformRule.Filter(name, reads, keep));
        } catch (IllegalArgumentException e) {
            problem("filter '%s': %s", name, e.getMessage());
        }
        return this;
    }

    @Override
    public TableRules withoutKey(String reason) {
        current = null;
        if (blank(reason)) {
            problem("withoutKey() needs a reason");
        } else if (withoutKeyReason != null) {
            problem("withoutKey() is declared twice");
        }
        withoutKeyReason = reason;
        return this;
    }

    @Override
    public TableRules acknowledge(String column, FindingKind kind, String reason) {
        current = null;
        if (blank(column)) {
            problem("acknowledge() needs the column the finding is about");
        } else if (kind == null) {
            problem("acknowledgement on '%s' needs the kind of finding it accepts", column);
        } else if (blank(reason)) {
            problem("acknowledgement of %s on '%s' has no reason; say why the finding is acceptable", kind, column);
        } else if (acknowledgements.stream().anyMatch(a -> a.subject().equals(column) && a.kind() == kind)) {
            problem("%s on '%s' is acknowledged twice", kind, column);
        } else {
            acknowledgements.add(new Acknowledgement(column, kind, reason));
        }
        return this;
    }

    @Override
    public FieldRules to(String targetColumn) {
        Draft draft = requireCurrent("to");
        if (draft.origin != Origin.COPY) {
            problem("to('%s') applies to a copied field; a derived, filled or constant column is named where it is declared",
                    targetColumn);
        } else if (draft.renamed) {
            problem("source field '%s' is given two target names ('%s' and '%s')", draft.source, draft.target, targetColumn);
        } else if (blank(targetColumn)) {
            problem("to() needs a target column name for source field '%s'", draft.source);
        } else {
            draft.target = targetColumn;
            draft.renamed = true;
        }
        return this;
    }

    @Override
    public ValueRules transform(TransformRule.Convert converter) {
        requireCurrent("transform").rules.add(checkNotNull(converter, "converter"));
        return this;
    }

    @Override
    public ValueRules cast(SqlType type) {
        requireCurrent("cast").rules.add(new TransformRule.Cast(checkNotNull(type, "type")));
        return this;
    }

    @Override
    public ValueRules cast(String type) {
        Draft draft = requireCurrent("cast");
        try {
            draft.rules.add(new TransformRule.Cast(SqlType.parse(type)));
        } catch (IllegalArgumentException | NullPointerException e) {
            problem("column '%s': cast type %s", draft.target, e.getMessage());
        }
        return this;
    }

    @Override
    public ValueRules ifNull(Object value) {
        Draft draft = requireCurrent("ifNull");
        if (value == null) {
            problem("column '%s': ifNull() needs a value", draft.target);
        } else {
            draft.rules.add(new TransformRule.DefaultFill(value));
        }
        return this;
    }

    @Override
    public ValueRules note(String why) {
        requireCurrent("note").note = checkNotNull(why, "note");
        return this;
    }

    @Override
    public ValueRules named(String derivationName) {
        Draft draft = requireCurrent("named");
        if (draft.origin != Origin.DERIVE) {
            problem("column '%s': named() applies to derived columns", draft.target);
        } else if (blank(derivationName)) {
            problem("column '%s': named() needs a name", draft.target);
        } else {
            draft.derivationName = derivationName;
        }
        return this;
    }

    private Draft requireCurrent(String method) {
        checkState(current != null, "%s: %s() must follow key(), field(), derive(), fill() or constant()",
                location, method);
        return current;
    }

    /** Validates the rules (against the source table, when known) and returns the mapping, or empty. */
    Optional<TableMapping> build(Optional<TableInfo> sourceTable, Problems report) {
        checkDuplicates();
        checkKey();
        sourceTable.ifPresent(this::checkAgainst);
        report.addAll(problems);
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        List<FieldMapping> fields = new ArrayList<>();
        for (Draft draft : drafts) {
            List<TransformRule.ValueRule> rules = new ArrayList<>();
            if (draft.origin == Origin.COPY && !draft.source.equals(draft.target)) {
                rules.add(new TransformRule.Rename(draft.source, draft.target));
            }
            if (draft.origin == Origin.DERIVE) {
                rules.add(new TransformRule.Derive(draft.derivationName, draft.derivationReads, draft.derivation));
            }
            rules.addAll(draft.rules);
            fields.add(new FieldMapping(draft.target, Optional.ofNullable(draft.source), draft.key, rules, draft.note));
        }
        return Optional.of(new TableMapping(source, target, fields, drops, filters,
                Optional.ofNullable(withoutKeyReason), acknowledgements));
    }

    private void checkDuplicates() {
        Map<String, List<Draft>> bySource = new LinkedHashMap<>();
        Map<String, List<Draft>> byTarget = new LinkedHashMap<>();
        for (Draft draft : drafts) {
            if (draft.origin == Origin.COPY && !blank(draft.source)) {
                bySource.computeIfAbsent(draft.source, k -> new ArrayList<>()).add(draft);
            }
            if (!blank(draft.target)) {
                byTarget.computeIfAbsent(draft.target, k -> new ArrayList<>()).add(draft);
            }
        }
        bySource.forEach((column, uses) -> {
            if (uses.size() > 1) {
                problem("source field '%s' is mapped twice (to %s)", column,
                        String.join(" and ", uses.stream().map(d -> "'" + d.target + "'").toList()));
            }
        });
        byTarget.forEach((column, uses) -> {
            if (uses.size() > 1) {
                problem("target column '%s' is filled twice (%s)", column,
                        String.join(" and ", uses.stream().map(Draft::describeOrigin).toList()));
            }
        });
        List<String> dropped = new ArrayList<>();
        for (TransformRule.Drop drop : drops) {
            if (dropped.contains(drop.column())) {
                problem("source field '%s' is dropped twice", drop.column());
            }
            dropped.add(drop.column());
            if (bySource.containsKey(drop.column())) {
                problem("source field '%s' is both mapped and dropped", drop.column());
            }
        }
    }

    private void checkKey() {
        boolean hasKey = drafts.stream().anyMatch(d -> d.key);
        if (!hasKey && withoutKeyReason == null) {
            problem("no key declared; declare key(..) for the column(s) that identify a row, "
                    + "or withoutKey(reason) to reload the table whole");
        }
        if (hasKey && withoutKeyReason != null) {
            problem("declares both a key and withoutKey(); choose one");
        }
    }

    private void checkAgainst(TableInfo table) {
        String columns = String.join(", ", table.columnNames());
        for (Draft draft : drafts) {
            if (draft.origin == Origin.COPY && !blank(draft.source) && !table.hasColumn(draft.source)) {
                problem("source field '%s' does not exist in %s%s (columns: %s)", draft.source, table.id(),
                        Names.nearMissHint(draft.source, table.columnNames()), columns);
            }
            if (draft.origin == Origin.DERIVE) {
                for (String read : draft.derivationReads) {
                    if (!table.hasColumn(read)) {
                        problem("derived column '%s' reads '%s', which source table %s does not have%s (columns: %s)",
                                draft.target, read, table.id(), Names.nearMissHint(read, table.columnNames()), columns);
                    }
                }
            }
        }
        for (TransformRule.Filter filter : filters) {
            for (String read : filter.reads()) {
                if (!table.hasColumn(read)) {
                    problem("filter '%s' reads '%s', which source table %s does not have%s (columns: %s)",
                            filter.name(), read, table.id(), Names.nearMissHint(read, table.columnNames()), columns);
                }
            }
        }
        for (TransformRule.Drop drop : drops) {
            if (!table.hasColumn(drop.column())) {
                problem("dropped field '%s' does not exist in %s%s (columns: %s)", drop.column(), table.id(),
                        Names.nearMissHint(drop.column(), table.columnNames()), columns);
            }
        }
    }
}
