package dev.migrationstudio.mapping;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.inventory.TableId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
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

    /**
     * The source table.
     *
     * @return the source table
     */
    public TableId source() {
        return source;
    }

    /**
     * The target table.
     *
     * @return the target table
     */
    public TableId target() {
        return target;
    }

    /**
     * Every target column's mapping, in target column order.
     *
     * @return the field mappings, unmodifiable
     */
    public List<FieldMapping> fields() {
        return fields;
    }

    /**
     * The field mapping of a target column.
     *
     * @param targetColumn the target column's name
     * @return the field mapping, or empty when the mapping does not fill that column
     */
    public Optional<FieldMapping> fieldFor(String targetColumn) {
        return fields.stream().filter(f -> f.target().equals(targetColumn)).findFirst();
    }

    /**
     * The field mapping that copies a source column.
     *
     * @param sourceColumn the source column's name
     * @return the first field mapping copying it, or empty when none does
     */
    public Optional<FieldMapping> fieldFrom(String sourceColumn) {
        return fields.stream().filter(f -> f.source().map(sourceColumn::equals).orElse(false)).findFirst();
    }

    /**
     * The key's field mappings, in declaration order.
     *
     * @return the key's fields; empty for a table without a key
     */
    public List<FieldMapping> keyFields() {
        return fields.stream().filter(FieldMapping::key).toList();
    }

    /**
     * The key's source columns, in declaration order.
     *
     * @return the columns; empty for a table without a key
     */
    public List<String> sourceKey() {
        return keyFields().stream().map(f -> f.source().orElseThrow()).toList();
    }

    /**
     * The key's target columns, in declaration order.
     *
     * @return the columns; empty for a table without a key
     */
    public List<String> targetKey() {
        return keyFields().stream().map(FieldMapping::target).toList();
    }

    /**
     * Whether the table is declared to have no key (a whole-table reload).
     *
     * @return {@code true} for a table declared without a key
     */
    public boolean isKeyless() {
        return withoutKeyReason.isPresent();
    }

    /**
     * Why the table has no key, when it is declared keyless.
     *
     * @return the reason; empty for a table with a key
     */
    public Optional<String> withoutKeyReason() {
        return withoutKeyReason;
    }

    /**
     * Source columns deliberately not migrated, with reasons.
     *
     * @return the drops, in declaration order; empty when there is none
     */
    public List<TransformRule.Drop> drops() {
        return drops;
    }

    /**
     * Row filters, in the order they are applied.
     *
     * @return the filters; empty when there is none
     */
    public List<TransformRule.Filter> filters() {
        return filters;
    }

    /**
     * Review findings accepted for this table, with reasons; see {@link TableRules#acknowledge}.
     *
     * @return the acknowledgements, in declaration order; empty when there is none
     */
    public List<Acknowledgement> acknowledgements() {
        return acknowledgements;
    }

    /**
     * The target columns, in order.
     *
     * @return the layout of the rows {@link #apply} loads
     */
    public RowLayout targetLayout() {
        return targetLayout;
    }

    /**
     * Every source column something reads: fields, derivations and filters, in first-use order.
     *
     * @return the columns, each once
     */
    public List<String> sourceColumnsRead() {
        Set<String> read = new LinkedHashSet<>();
        fields.forEach(f -> read.addAll(f.sourceColumnsRead()));
        filters.forEach(f -> read.addAll(f.reads()));
        return List.copyOf(read);
    }

    /**
     * Every source column the mapping mentions: read or dropped.
     *
     * @return the columns, unmodifiable
     */
    public Set<String> sourceColumnsMentioned() {
        Set<String> mentioned = new LinkedHashSet<>(sourceColumnsRead());
        drops.forEach(d -> mentioned.add(d.column()));
        return Set.copyOf(mentioned);
    }

    /**
     * Maps one source row. Filters run first, in order; then each field's rules. A rule that throws
     * {@link RejectedValueException} (or any other exception) rejects the row with the column, the
     * rule and the reason; a NULL in a key column rejects it too. {@link RowResult.Rejected#cause()}
     * tells a refused value from a rule whose code threw (a bug in that code).
     *
     * @param row the source row, with every column the mapping reads; not null
     * @return the loaded target row, the filter that left it out, or the rejection
     * @throws IllegalArgumentException if the row lacks a column the mapping reads: that is a schema
     *     mismatch, not a bad row
     */
    public RowResult apply(Row row) {
        checkNotNull(row, "row");
        Compiled plan = compiledFor(row.layout());
        plan.requireComplete();
        return plan.run(row, null);
    }

    /**
     * Maps one source row as {@link #apply} does, telling {@code observer} the outcome of each step:
     * the same filters, rules, derivation visibility, failure texts and NULL-key rejection, from the
     * same code. Unlike {@code apply}, a rejected field does not stop the others: every field is
     * evaluated, so that a profile counts each column's rejections completely. Fields reading a column
     * the row lacks are skipped (not reported).
     *
     * <pre>{@code
     * mapping.trace(row, new RowObserver() {
     *     public void rejected(int field, String rule, Object input, String reason) {
     *         System.out.println(mapping.fields().get(field).target() + ": " + reason);
     *     }
     * });
     * }</pre>
     *
     * @param row the source row; not null
     * @param observer told of each filter, rule and field; not null
     * @return what {@link #apply} returns for the row: the first rejection in field order, if any
     * @throws IllegalArgumentException if a filter reads a column the row lacks: whether the row is
     *     kept cannot be known
     */
    public RowResult trace(Row row, RowObserver observer) {
        checkNotNull(row, "row");
        checkNotNull(observer, "observer");
        Compiled plan = compiledFor(row.layout());
        plan.requireFilters();
        return plan.run(row, observer);
    }

    private Compiled compiledFor(RowLayout layout) {
        Compiled plan = compiled;
        if (plan == null || !plan.layout.equals(layout)) {
            plan = new Compiled(layout);
            compiled = plan;
        }
        return plan;
    }

    /**
     * E.g. {@code customer -> client}.
     *
     * @return the source and target tables, joined by an arrow
     */
    public String describe() {
        return source + " -> " + target;
    }

    /**
     * Column positions resolved once per source layout. The one interpreter of the mapping's rules:
     * {@link #apply} (every row the migration reads) and {@link #trace} (the review's profile) both run
     * {@link #run}.
     */
    private final class Compiled {
        private static final int MISSING = -2;
        private final RowLayout layout;
        private final int[] sourcePositions;
        private final BitSet[] deriveReads;
        private final BitSet[] filterReads;
        /** Per field: whether the layout has every column it reads. */
        private final boolean[] readable;
        /** Columns the mapping reads that the layout lacks, in first-use order (fields, then filters). */
        private final List<String> missing = new ArrayList<>();
        private boolean filtersReadable = true;
        /** True when every field copies (or renames) a source column unchanged and nothing filters. */
        private final boolean copyOnly;
        /** Per field: its rules and whether it is a key, in arrays: {@link #run} reads them for every row. */
        private final TransformRule.ValueRule[][] rules;
        private final boolean[] keys;

        Compiled(RowLayout layout) {
            this.layout = layout;
            this.sourcePositions = new int[fields.size()];
            this.deriveReads = new BitSet[fields.size()];
            this.readable = new boolean[fields.size()];
            this.rules = new TransformRule.ValueRule[fields.size()][];
            this.keys = new boolean[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                FieldMapping field = fields.get(i);
                rules[i] = field.rules().toArray(new TransformRule.ValueRule[0]);
                keys[i] = field.key();
                sourcePositions[i] = field.source().map(this::position).orElse(-1);
                deriveReads[i] = field.derivation().map(d -> positions(d.reads())).orElse(null);
                readable[i] = field.sourceColumnsRead().stream().allMatch(layout::contains);
            }
            this.filterReads = new BitSet[filters.size()];
            for (int i = 0; i < filters.size(); i++) {
                filterReads[i] = positions(filters.get(i).reads());
                filtersReadable &= filters.get(i).reads().stream().allMatch(layout::contains);
            }
            this.copyOnly = filters.isEmpty() && fields.stream().allMatch(f -> f.source().isPresent()
                    && f.rules().stream().allMatch(TransformRule.Rename.class::isInstance));
        }

        private int position(String column) {
            OptionalInt position = layout.position(column);
            if (position.isEmpty()) {
                if (!missing.contains(column)) {
                    missing.add(column);
                }
                return MISSING;
            }
            return position.getAsInt();
        }

        private BitSet positions(List<String> columns) {
            BitSet set = new BitSet();
            columns.forEach(c -> {
                int position = position(c);
                if (position >= 0) {
                    set.set(position);
                }
            });
            return set;
        }

        void requireComplete() {
            if (!missing.isEmpty()) {
                throw absent(missing.get(0));
            }
        }

        void requireFilters() {
            if (!filtersReadable) {
                throw absent(filters.stream().flatMap(f -> f.reads().stream()).filter(c -> !layout.contains(c))
                        .findFirst().orElseThrow());
            }
        }

        private IllegalArgumentException absent(String column) {
            return new IllegalArgumentException("source row of " + describe() + " has no column '" + column
                    + "'; its columns are " + layout.columns());
        }

        /**
         * Filters, then fields. Without an observer it stops at the first rejection (the migration's
         * path, which also skips every rule for a plain copy); with one it evaluates every readable field.
         */
        RowResult run(Row row, RowObserver observer) {
            if (copyOnly && observer == null) {
                return copy(row);
            }
            for (int i = 0; i < filters.size(); i++) {
                TransformRule.Filter filter = filters.get(i);
                try {
                    if (!filter.keep().test(row.restrictedTo(filterReads[i]))) {
                        if (observer != null) {
                            observer.filtered(filter.name());
                        }
                        return new RowResult.Filtered(filter.name());
                    }
                } catch (RuntimeException e) {
                    RowResult.Rejected rejected = rejection(filter.name(), filter.describe(), e);
                    if (observer != null) {
                        observer.filterFailed(filter.name(), rejected.reason());
                    }
                    return rejected;
                }
            }
            Object[] values = new Object[fields.size()];
            RowResult.Rejected firstRejection = null;
            for (int i = 0; i < values.length; i++) {
                if (observer != null && !readable[i]) {
                    continue;
                }
                Object value = sourcePositions[i] < 0 ? null : row.get(sourcePositions[i]);
                Row visible = deriveReads[i] == null ? row : row.restrictedTo(deriveReads[i]);
                RowResult.Rejected rejected = null;
                for (TransformRule.ValueRule rule : rules[i]) {
                    Object input = value;
                    try {
                        value = rule.apply(value, visible);
                    } catch (RuntimeException e) {
                        rejected = rejection(fields.get(i).target(), rule.describe(), e);
                        if (observer != null) {
                            observer.rejected(i, rejected.rule(), input, rejected.reason());
                        }
                        break;
                    }
                }
                if (rejected == null && value == null && keys[i]) {
                    rejected = nullKey(fields.get(i));
                    if (observer != null) {
                        observer.rejected(i, rejected.rule(), null, rejected.reason());
                    }
                }
                if (rejected != null) {
                    if (observer == null) {
                        return rejected;
                    }
                    firstRejection = firstRejection == null ? rejected : firstRejection;
                    continue;
                }
                if (observer != null) {
                    observer.produced(i, value);
                }
                values[i] = value;
            }
            return firstRejection != null ? firstRejection : new RowResult.Loaded(targetLayout.adopt(values));
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

        private RowResult.Rejected nullKey(FieldMapping field) {
            return new RowResult.Rejected(field.target(), "key",
                    "key column " + field.target() + " is NULL; a row without a key cannot be tracked",
                    RowResult.Cause.NULL_KEY, Optional.empty());
        }

        /** A rejected value is the data's fault; any other exception is the rule's code failing. */
        private RowResult.Rejected rejection(String column, String rule, RuntimeException e) {
            if (e instanceof RejectedValueException) {
                return new RowResult.Rejected(column, rule, e.getMessage());
            }
            String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new RowResult.Rejected(column, rule, reason, RowResult.Cause.RULE_FAILED, Optional.of(e));
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
