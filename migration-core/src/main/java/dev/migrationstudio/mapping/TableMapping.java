package dev.migrationstudio.mapping;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.inventory.TableId;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How one source table becomes one target table: its field mappings, its drops and its filters.
 * Apply it to a row in memory to unit-test a mapping without a database:
 *
 * <pre>{@code
 * RowResult result = spec.table("customer").orElseThrow()
 *     .apply(Row.of("customer_id", 1, "first_name", " Ada ", "email", "ADA@EXAMPLE.COM"));
 * }</pre>
 *
 * Immutable and safe to share between threads.
 */
public final class TableMapping {
    private final TableId source;
    private final TableId target;
    private final List<FieldMapping> fields;
    private final List<TransformRule.Drop> drops;
    private final List<TransformRule.Filter> filters;
    private final Optional<String> withoutKeyReason;
    private final List<Acknowledgement> acknowledgements;
    private final RowLayout targetLayout;
    private volatile Compiled compiled;

    TableMapping(TableId source, TableId target, List<FieldMapping> fields, List<TransformRule.Drop> drops,
                 List<TransformRule.Filter> filters, Optional<String> withoutKeyReason) {
        this(source, target, fields, drops, filters, withoutKeyReason, List.of());
    }

    TableMapping(TableId source, TableId target, List<FieldMapping> fields, List<TransformRule.Drop> drops,
                 List<TransformRule.Filter> filters, Optional<String> withoutKeyReason,
                 List<Acknowledgement> acknowledgements) {
        this.acknowledgements = List.copyOf(acknowledgements);
        this.source = checkNotNull(source, "source");
        this.target = checkNotNull(target, "target");
        this.fields = List.copyOf(fields);
        this.drops = List.copyOf(drops);
        this.filters = List.copyOf(filters);
        this.withoutKeyReason = checkNotNull(withoutKeyReason, "withoutKeyReason");
        this.targetLayout = RowLayout.of(this.fields.stream().map(FieldMapping::target).toList());
    }

    /** The source table. */
    public TableId source() {
        return source;
    }

    /** The target table. */
    public TableId target() {
        return target;
    }

    /** Every target column's mapping, in target column order. */
    public List<FieldMapping> fields() {
        return fields;
    }

    /** The field mapping of a target column. */
    public Optional<FieldMapping> fieldFor(String targetColumn) {
        return fields.stream().filter(f -> f.target().equals(targetColumn)).findFirst();
    }

    /** The field mapping that copies a source column. */
    public Optional<FieldMapping> fieldFrom(String sourceColumn) {
        return fields.stream().filter(f -> f.source().map(sourceColumn::equals).orElse(false)).findFirst();
    }

    /** The key's field mappings, in declaration order. */
    public List<FieldMapping> keyFields() {
        return fields.stream().filter(FieldMapping::key).toList();
    }

    /** The key's source columns, in declaration order. */
    public List<String> sourceKey() {
        return keyFields().stream().map(f -> f.source().orElseThrow()).toList();
    }

    /** The key's target columns, in declaration order. */
    public List<String> targetKey() {
        return keyFields().stream().map(FieldMapping::target).toList();
    }

    /** Whether the table is declared to have no key (a whole-table reload). */
    public boolean isKeyless() {
        return withoutKeyReason.isPresent();
    }

    /** Why the table has no key, when it is declared keyless. */
    public Optional<String> withoutKeyReason() {
        return withoutKeyReason;
    }

    /** Source columns deliberately not migrated, with reasons. */
    public List<TransformRule.Drop> drops() {
        return drops;
    }

    /** Row filters, in the order they are applied. */
    public List<TransformRule.Filter> filters() {
        return filters;
    }

    /** Review findings accepted for this table, with reasons; see {@link TableRules#acknowledge}. */
    public List<Acknowledgement> acknowledgements() {
        return acknowledgements;
    }

    /** The target columns, in order. */
    public RowLayout targetLayout() {
        return targetLayout;
    }

    /** Every source column something reads: fields, derivations and filters, in first-use order. */
    public List<String> sourceColumnsRead() {
        Set<String> read = new LinkedHashSet<>();
        fields.forEach(f -> read.addAll(f.sourceColumnsRead()));
        filters.forEach(f -> read.addAll(f.reads()));
        return List.copyOf(read);
    }

    /** Every source column the mapping mentions: read or dropped. */
    public Set<String> sourceColumnsMentioned() {
        Set<String> mentioned = new LinkedHashSet<>(sourceColumnsRead());
        drops.forEach(d -> mentioned.add(d.column()));
        return Set.copyOf(mentioned);
    }

    /**
     * Maps one source row. Filters run first, in order; then each field's rules. A rule that throws
     * {@link RejectedValueException} (or any other exception) rejects the row with the column, the
     * rule and the reason; a NULL in a key column rejects it too.
     *
     * @throws IllegalArgumentException if the row lacks a column the mapping reads: that is a schema
     *     mismatch, not a bad row
     */
    public RowResult apply(Row row) {
        checkNotNull(row, "row");
        Compiled plan = compiled;
        if (plan == null || !plan.layout.equals(row.layout())) {
            plan = new Compiled(row.layout());
            compiled = plan;
        }
        return plan.apply(row);
    }

    /** E.g. {@code customer -> client}. */
    public String describe() {
        return source + " -> " + target;
    }

    /** Column positions resolved once per source layout. */
    private final class Compiled {
        private final RowLayout layout;
        private final int[] sourcePositions;
        private final BitSet[] deriveReads;
        private final BitSet[] filterReads;
        /** True when every field copies (or renames) a source column unchanged and nothing filters. */
        private final boolean copyOnly;

        Compiled(RowLayout layout) {
            this.layout = layout;
            this.sourcePositions = new int[fields.size()];
            this.deriveReads = new BitSet[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                FieldMapping field = fields.get(i);
                sourcePositions[i] = field.source().map(this::position).orElse(-1);
                deriveReads[i] = field.derivation().map(d -> positions(d.reads())).orElse(null);
            }
            this.filterReads = new BitSet[filters.size()];
            for (int i = 0; i < filters.size(); i++) {
                filterReads[i] = positions(filters.get(i).reads());
            }
            this.copyOnly = filters.isEmpty() && fields.stream().allMatch(f -> f.source().isPresent()
                    && f.rules().stream().allMatch(TransformRule.Rename.class::isInstance));
        }

        private int position(String column) {
            return layout.position(column).orElseThrow(() -> new IllegalArgumentException(
                    "source row of " + describe() + " has no column '" + column + "'; its columns are "
                            + layout.columns()));
        }

        private BitSet positions(List<String> columns) {
            BitSet set = new BitSet();
            columns.forEach(c -> set.set(position(c)));
            return set;
        }

        RowResult apply(Row row) {
            if (copyOnly) {
                return copy(row);
            }
            for (int i = 0; i < filters.size(); i++) {
                TransformRule.Filter filter = filters.get(i);
                try {
                    if (!filter.keep().test(row.restrictedTo(filterReads[i]))) {
                        return new RowResult.Filtered(filter.name());
                    }
                } catch (RuntimeException e) {
                    return new RowResult.Rejected(filter.name(), filter.describe(), failure(e));
                }
            }
            Object[] values = new Object[fields.size()];
            for (int i = 0; i < values.length; i++) {
                FieldMapping field = fields.get(i);
                Object value = sourcePositions[i] < 0 ? null : row.get(sourcePositions[i]);
                Row visible = deriveReads[i] == null ? row : row.restrictedTo(deriveReads[i]);
                for (TransformRule.ValueRule rule : field.rules()) {
                    try {
                        value = rule.apply(value, visible);
                    } catch (RuntimeException e) {
                        return new RowResult.Rejected(field.target(), rule.describe(), failure(e));
                    }
                }
                if (value == null && field.key()) {
                    return nullKey(field);
                }
                values[i] = value;
            }
            return new RowResult.Loaded(targetLayout.adopt(values));
        }

        /** The same result as the general path, for mappings that only copy and rename: no rule to run. */
        private RowResult copy(Row row) {
            Object[] values = new Object[sourcePositions.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.get(sourcePositions[i]);
                if (values[i] == null && fields.get(i).key()) {
                    return nullKey(fields.get(i));
                }
            }
            return new RowResult.Loaded(targetLayout.adopt(values));
        }

        private RowResult nullKey(FieldMapping field) {
            return new RowResult.Rejected(field.target(), "key",
                    "key column " + field.target() + " is NULL; a row without a key cannot be tracked");
        }

        private String failure(RuntimeException e) {
            if (e instanceof RejectedValueException) {
                return e.getMessage();
            }
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TableMapping)) {
            return false;
        }
        TableMapping other = (TableMapping) o;
        return source.equals(other.source) && target.equals(other.target) && fields.equals(other.fields)
                && drops.equals(other.drops) && filters.equals(other.filters)
                && withoutKeyReason.equals(other.withoutKeyReason) && acknowledgements.equals(other.acknowledgements);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, target, fields, drops, filters, withoutKeyReason, acknowledgements);
    }

    @Override
    public String toString() {
        return "TableMapping[" + describe() + ", " + fields.size() + " fields]";
    }
}
