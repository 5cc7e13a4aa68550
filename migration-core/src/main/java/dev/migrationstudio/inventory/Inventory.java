package dev.migrationstudio.inventory;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.internal.Problems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The catalog of everything a migration moves or touches: tables (with columns, keys, foreign keys,
 * indexes, counts, sizes, owners), views, sequences, and the services, jobs, integrations and
 * configuration that depend on them.
 *
 * <pre>{@code
 * Inventory inventory = Inventory.builder()
 *     .table(TableInfo.builder("artist").notNullColumn("artist_id", SqlType.integer())
 *         .primaryKey("artist_id").build())
 *     .artifact(Artifact.service("catalog-api").owner("music").reads("artist"))
 *     .build();
 * inventory.loadOrder();   // parents before children
 * }</pre>
 *
 * @param tables tables in scope
 * @param views views in scope
 * @param sequences sequences in scope
 * @param artifacts non-database artifacts
 */
public record Inventory(List<TableInfo> tables, List<ViewInfo> views, List<SequenceInfo> sequences,
                        List<Artifact> artifacts) {

    /**
     * Copies the lists; use {@link #builder()} for validation of cross-references.
     *
     * @param tables tables in scope
     * @param views views in scope
     * @param sequences sequences in scope
     * @param artifacts non-database artifacts
     */
    public Inventory {
        tables = List.copyOf(tables);
        views = List.copyOf(views);
        sequences = List.copyOf(sequences);
        artifacts = List.copyOf(artifacts);
    }

    /**
     * An inventory with nothing in it.
     *
     * @return the empty inventory
     */
    public static Inventory empty() {
        return new Inventory(List.of(), List.of(), List.of(), List.of());
    }

    /**
     * Starts an inventory.
     *
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding everything in this inventory, to add declared artifacts to a scanned one.
     *
     * @return a new builder with this inventory's tables, views, sequences and artifacts
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.tables.addAll(tables);
        builder.views.addAll(views);
        builder.sequences.addAll(sequences);
        builder.artifacts.addAll(artifacts);
        return builder;
    }

    /**
     * The table with this name. An unqualified name matches a table in any schema, as long as only
     * one schema has it.
     *
     * @param name the table's name, alone or with its schema ({@code legacy.customer})
     * @return the table, or empty when the inventory has none of that name
     * @throws IllegalArgumentException if the unqualified name exists in several schemas
     */
    public Optional<TableInfo> table(String name) {
        return table(TableId.of(name));
    }

    /**
     * The table with this id; an unqualified id matches as described in {@link #table(String)}.
     *
     * @param id the table's id; not null
     * @return the table, or empty when the inventory has none of that id
     */
    public Optional<TableInfo> table(TableId id) {
        checkNotNull(id, "table id");
        List<TableInfo> matches = tables.stream().filter(t -> t.id().matches(id)).toList();
        checkArgument(matches.size() <= 1, "table name '%s' is ambiguous: %s; qualify it with a schema", id,
                matches.stream().map(t -> t.id().toString()).collect(Collectors.joining(", ")));
        return matches.stream().findFirst();
    }

    /**
     * The tables above {@code table} whose reads return its rows too (its inheritance parent or
     * partitioned table, that table's parent, and so on), nearest first; parents outside this
     * inventory end the chain.
     *
     * @param table a table of this inventory; not null
     * @return the ancestors; empty for a table that neither inherits nor is a partition
     */
    public List<TableInfo> ancestors(TableInfo table) {
        checkNotNull(table, "table");
        List<TableInfo> ancestors = new java.util.ArrayList<>();
        Optional<TableInfo> current = Optional.of(table);
        while (current.isPresent() && current.get().inheritance().isPresent()) {
            TableId parent = current.get().inheritance().get().parent();
            current = tables.stream().filter(t -> t.id().equals(parent)).findFirst();
            if (current.isPresent() && (current.get() == table || ancestors.contains(current.get()))) {
                break;
            }
            current.ifPresent(ancestors::add);
        }
        return List.copyOf(ancestors);
    }

    /**
     * The inheritance children and partitions of a table, directly below it.
     *
     * @param parent the parent table's id; not null
     * @return the children, in inventory order; empty when there is none
     */
    public List<TableInfo> children(TableId parent) {
        checkNotNull(parent, "parent");
        return tables.stream().filter(t -> t.inheritance().map(i -> i.parent().equals(parent)).orElse(false))
                .toList();
    }

    /**
     * The artifact with this name.
     *
     * @param name the artifact's exact name
     * @return the artifact, or empty when none has that name
     */
    public Optional<Artifact> artifact(String name) {
        return artifacts.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /**
     * The graph of foreign keys and declared dependencies between tables and artifacts.
     *
     * @return the graph, built anew on each call
     */
    public DependencyGraph dependencyGraph() {
        return DependencyGraph.of(this);
    }

    /**
     * Tables in an order that loads parents before children; see {@link DependencyGraph#loadOrder()}.
     *
     * @return the tables, each once
     */
    public List<TableId> loadOrder() {
        return dependencyGraph().loadOrder();
    }

    /**
     * Total rows over tables with a known count.
     *
     * @return the sum of the known row counts
     */
    public long totalRows() {
        return tables.stream().mapToLong(t -> t.rowCount().orElse(0)).sum();
    }

    /**
     * Total bytes over tables with a known size.
     *
     * @return the sum of the known sizes, in bytes
     */
    public long totalBytes() {
        return tables.stream().mapToLong(t -> t.sizeBytes().orElse(0)).sum();
    }

    /** Builds an {@link Inventory}, checking that names are unique and declared references resolve. */
    public static final class Builder {
        private final List<TableInfo> tables = new ArrayList<>();
        private final List<ViewInfo> views = new ArrayList<>();
        private final List<SequenceInfo> sequences = new ArrayList<>();
        private final List<Artifact> artifacts = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a table.
         *
         * @param table the table; not null
         * @return this builder
         */
        public Builder table(TableInfo table) {
            tables.add(checkNotNull(table, "table"));
            return this;
        }

        /**
         * Adds a table, building it.
         *
         * @param table the table's builder; not null
         * @return this builder
         */
        public Builder table(TableInfo.Builder table) {
            return table(checkNotNull(table, "table").build());
        }

        /**
         * Adds a view.
         *
         * @param view the view; not null
         * @return this builder
         */
        public Builder view(ViewInfo view) {
            views.add(checkNotNull(view, "view"));
            return this;
        }

        /**
         * Adds a sequence.
         *
         * @param sequence the sequence; not null
         * @return this builder
         */
        public Builder sequence(SequenceInfo sequence) {
            sequences.add(checkNotNull(sequence, "sequence"));
            return this;
        }

        /**
         * Adds an artifact.
         *
         * @param artifact the artifact; not null
         * @return this builder
         */
        public Builder artifact(Artifact artifact) {
            artifacts.add(checkNotNull(artifact, "artifact"));
            return this;
        }

        /**
         * Adds an artifact, building it.
         *
         * @param artifact the artifact's builder; not null
         * @return this builder
         */
        public Builder artifact(Artifact.Builder artifact) {
            return artifact(checkNotNull(artifact, "artifact").build());
        }

        /**
         * Validates and returns the inventory.
         *
         * @return the inventory
         * @throws dev.migrationstudio.InvalidPlanException listing duplicate names and declared
         *     references (artifact reads and writes, artifact dependencies) that name nothing
         */
        public Inventory build() {
            Inventory inventory = new Inventory(tables, views, sequences, artifacts);
            Problems problems = new Problems("Inventory");
            Set<TableId> tableIds = new HashSet<>();
            for (TableInfo table : tables) {
                problems.addIf(!tableIds.add(table.id()), "table %s is listed twice", table.id());
            }
            Set<String> artifactNames = new HashSet<>();
            for (Artifact artifact : artifacts) {
                problems.addIf(!artifactNames.add(artifact.name()), "artifact '%s' is listed twice", artifact.name());
            }
            for (Artifact artifact : artifacts) {
                for (Reference reference : artifact.touches()) {
                    checkReference(inventory, problems, "artifact '" + artifact.name() + "'", reference);
                }
                for (String dependency : artifact.dependsOn()) {
                    problems.addIf(!artifactNames.contains(dependency),
                            "artifact '%s' depends on '%s', which is not in the inventory", artifact.name(), dependency);
                }
            }
            problems.throwIfAny();
            return inventory;
        }

        private static void checkReference(Inventory inventory, Problems problems, String who, Reference reference) {
            Optional<TableInfo> table;
            try {
                table = inventory.table(reference.table());
            } catch (IllegalArgumentException ambiguous) {
                problems.add("%s: %s", who, ambiguous.getMessage());
                return;
            }
            boolean isView = inventory.views().stream().anyMatch(v -> v.id().matches(reference.table()));
            if (table.isEmpty() && !isView) {
                problems.add("%s references table '%s', which is not in the inventory", who, reference.table());
                return;
            }
            reference.column().ifPresent(column -> problems.addIf(table.isPresent() && !table.get().hasColumn(column),
                    "%s references column '%s.%s', which the table does not have", who, reference.table(), column));
        }
    }
}
