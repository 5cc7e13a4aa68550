package dev.migrationstudio.inventory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who depends on whom: tables on their parents through foreign keys, artifacts on the tables they
 * read or write and on other artifacts. Gives the load order and names every cycle.
 *
 * <p>Cycles are facts of real schemas ({@code employee.reports_to} references {@code employee}),
 * not errors: the load order still contains every table, members of a cycle are placed together,
 * and {@link #cycles()} says which foreign keys have to be deferred or loaded in two passes.
 */
public final class DependencyGraph {

    /**
     * A group of tables that reference each other, directly or through others.
     *
     * @param tables the tables in the cycle, sorted by name
     * @param foreignKeys the foreign keys that close the cycle, as {@code table.constraint (columns) -> parent(columns)}
     */
    public record Cycle(List<TableId> tables, List<String> foreignKeys) {
        /**
         * Copies the lists.
         *
         * @param tables the tables in the cycle, sorted by name
         * @param foreignKeys the foreign keys that close the cycle, as
         *     {@code table.constraint (columns) -> parent(columns)}
         */
        public Cycle {
            tables = List.copyOf(tables);
            foreignKeys = List.copyOf(foreignKeys);
        }

        /**
         * Whether the cycle is one table referencing itself.
         *
         * @return {@code true} for a self-reference
         */
        public boolean isSelfReference() {
            return tables.size() == 1;
        }

        /**
         * E.g. {@code employee -> employee via employee_reports_to_fkey (reports_to) -> employee(employee_id)}.
         *
         * @return the tables and the foreign keys, on one line
         */
        public String describe() {
            String path = isSelfReference() ? tables.get(0) + " -> " + tables.get(0)
                    : String.join(" <-> ", tables.stream().map(TableId::toString).toList());
            return path + " via " + String.join("; ", foreignKeys);
        }
    }

    /**
     * Everything affected when something goes wrong with a table: the tables that reference it
     * (directly or through other tables) and the artifacts that read or write any of those,
     * or depend on such an artifact.
     *
     * @param tables affected tables, excluding the table itself
     * @param artifacts names of affected artifacts
     */
    public record BlastRadius(Set<TableId> tables, Set<String> artifacts) {
        /**
         * Copies the sets.
         *
         * @param tables affected tables, excluding the table itself
         * @param artifacts names of affected artifacts
         */
        public BlastRadius {
            tables = Set.copyOf(tables);
            artifacts = Set.copyOf(artifacts);
        }

        /**
         * Whether nothing else is affected.
         *
         * @return {@code true} when no table and no artifact is affected
         */
        public boolean isEmpty() {
            return tables.isEmpty() && artifacts.isEmpty();
        }
    }

    private final Inventory inventory;
    private final Map<TableId, List<ForeignKeyInfo>> parentsByFk = new LinkedHashMap<>();
    private final Map<TableId, Set<TableId>> parents = new LinkedHashMap<>();
    private final Map<TableId, Set<TableId>> children = new LinkedHashMap<>();
    private final List<String> externalReferences = new ArrayList<>();
    private final List<List<TableId>> components;

    private DependencyGraph(Inventory inventory) {
        this.inventory = inventory;
        for (TableInfo table : inventory.tables()) {
            parents.put(table.id(), new TreeSet<>());
            children.put(table.id(), new TreeSet<>());
            parentsByFk.put(table.id(), new ArrayList<>());
        }
        for (TableInfo table : inventory.tables()) {
            for (ForeignKeyInfo fk : table.foreignKeys()) {
                TableId parent = resolve(fk.referencedTable(), table.id());
                if (parent == null) {
                    externalReferences.add(table.id() + "." + fk.name() + " " + fk.describe());
                    continue;
                }
                parents.get(table.id()).add(parent);
                children.get(parent).add(table.id());
                parentsByFk.get(table.id()).add(fk);
            }
        }
        this.components = new Tarjan().run();
    }

    /**
     * Builds the graph of an inventory.
     *
     * @param inventory the inventory; not null
     * @return the graph of the inventory's tables and foreign keys
     */
    public static DependencyGraph of(Inventory inventory) {
        return new DependencyGraph(inventory);
    }

    private TableId resolve(TableId reference, TableId from) {
        // An unqualified reference from a qualified table means "same schema" first.
        if (reference.schema().isEmpty() && !from.schema().isEmpty()) {
            TableId sameSchema = new TableId(from.schema(), reference.name());
            if (parents.containsKey(sameSchema)) {
                return sameSchema;
            }
        }
        if (parents.containsKey(reference)) {
            return reference;
        }
        List<TableId> candidates = parents.keySet().stream().filter(id -> id.matches(reference)).toList();
        return candidates.size() == 1 ? candidates.get(0) : null;
    }

    /**
     * Every table, parents before children. Tables in a cycle are placed together (sorted by name)
     * once everything outside the cycle they depend on is placed; see {@link #cycles()} for the
     * foreign keys to defer. Ties are broken by name, so the order is deterministic.
     *
     * @return the tables, each once
     */
    public List<TableId> loadOrder() {
        Map<TableId, Integer> componentOf = new HashMap<>();
        for (int i = 0; i < components.size(); i++) {
            for (TableId id : components.get(i)) {
                componentOf.put(id, i);
            }
        }
        int[] pendingParents = new int[components.size()];
        List<Set<Integer>> dependents = new ArrayList<>();
        for (int i = 0; i < components.size(); i++) {
            dependents.add(new LinkedHashSet<>());
        }
        for (int i = 0; i < components.size(); i++) {
            Set<Integer> parentComponents = new LinkedHashSet<>();
            for (TableId id : components.get(i)) {
                for (TableId parent : parents.get(id)) {
                    int p = componentOf.get(parent);
                    if (p != i) {
                        parentComponents.add(p);
                    }
                }
            }
            pendingParents[i] = parentComponents.size();
            for (int p : parentComponents) {
                dependents.get(p).add(i);
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>(
                Comparator.comparing((Integer i) -> components.get(i).get(0)));
        for (int i = 0; i < components.size(); i++) {
            if (pendingParents[i] == 0) {
                ready.add(i);
            }
        }
        List<TableId> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            int next = ready.poll();
            order.addAll(components.get(next));
            for (int dependent : dependents.get(next)) {
                if (--pendingParents[dependent] == 0) {
                    ready.add(dependent);
                }
            }
        }
        return List.copyOf(order);
    }

    /**
     * Tables in reverse load order: children before parents, as deletes and truncates need.
     *
     * @return the tables, each once
     */
    public List<TableId> unloadOrder() {
        List<TableId> order = new ArrayList<>(loadOrder());
        java.util.Collections.reverse(order);
        return List.copyOf(order);
    }

    /**
     * Every cycle of foreign keys, self-references included, sorted by their first table.
     *
     * @return the cycles; empty when the foreign keys form none
     */
    public List<Cycle> cycles() {
        List<Cycle> cycles = new ArrayList<>();
        for (List<TableId> component : components) {
            boolean selfReference = component.size() == 1 && parents.get(component.get(0)).contains(component.get(0));
            if (component.size() == 1 && !selfReference) {
                continue;
            }
            Set<TableId> members = Set.copyOf(component);
            List<String> closing = new ArrayList<>();
            for (TableId id : component) {
                for (ForeignKeyInfo fk : parentsByFk.get(id)) {
                    if (members.contains(resolve(fk.referencedTable(), id))) {
                        closing.add(id.name() + "." + fk.name() + " " + fk.describe());
                    }
                }
            }
            cycles.add(new Cycle(component, closing));
        }
        cycles.sort(Comparator.comparing(c -> c.tables().get(0)));
        return List.copyOf(cycles);
    }

    /**
     * Foreign keys whose parent table is not in the inventory, described.
     *
     * @return the descriptions; empty when every parent is in the inventory
     */
    public List<String> externalReferences() {
        return List.copyOf(externalReferences);
    }

    /**
     * The tables this table references (its parents), excluding tables outside the inventory.
     *
     * @param table a table of the inventory
     * @return the parents; empty for an unknown table
     */
    public Set<TableId> parentsOf(TableId table) {
        return Set.copyOf(parents.getOrDefault(table, Set.of()));
    }

    /**
     * The tables that reference this table (its children).
     *
     * @param table a table of the inventory
     * @return the children; empty for an unknown table
     */
    public Set<TableId> childrenOf(TableId table) {
        return Set.copyOf(children.getOrDefault(table, Set.of()));
    }

    /**
     * Edges as (child, parent) pairs in inventory order, for drawing.
     *
     * @return the edges
     */
    public List<Map.Entry<TableId, TableId>> edges() {
        List<Map.Entry<TableId, TableId>> edges = new ArrayList<>();
        parents.forEach((child, ps) -> ps.forEach(p -> edges.add(Map.entry(child, p))));
        return List.copyOf(edges);
    }

    /**
     * What else is affected when something goes wrong with {@code table}.
     *
     * @param table a table of the inventory
     * @return the tables and artifacts affected through foreign keys and declared reads
     */
    public BlastRadius blastRadius(TableId table) {
        Set<TableId> tables = new TreeSet<>();
        Deque<TableId> queue = new ArrayDeque<>(childrenOf(table));
        while (!queue.isEmpty()) {
            TableId next = queue.poll();
            if (!next.equals(table) && tables.add(next)) {
                queue.addAll(childrenOf(next));
            }
        }
        Set<TableId> touched = new TreeSet<>(tables);
        touched.add(table);
        Set<String> artifacts = new TreeSet<>();
        for (Artifact artifact : inventory.artifacts()) {
            boolean touches = artifact.touches().stream()
                    .anyMatch(r -> touched.stream().anyMatch(t -> t.matches(r.table())));
            if (touches) {
                artifacts.add(artifact.name());
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Artifact artifact : inventory.artifacts()) {
                if (!artifacts.contains(artifact.name())
                        && artifact.dependsOn().stream().anyMatch(artifacts::contains)) {
                    artifacts.add(artifact.name());
                    grew = true;
                }
            }
        }
        return new BlastRadius(tables, artifacts);
    }

    /** Tarjan's strongly connected components over child -> parent edges, members sorted by name. */
    private final class Tarjan {
        private final Map<TableId, Integer> index = new HashMap<>();
        private final Map<TableId, Integer> lowLink = new HashMap<>();
        private final Deque<TableId> stack = new ArrayDeque<>();
        private final Set<TableId> onStack = new java.util.HashSet<>();
        private final List<List<TableId>> result = new ArrayList<>();
        private int counter;

        List<List<TableId>> run() {
            for (TableId id : parents.keySet()) {
                if (!index.containsKey(id)) {
                    strongConnect(id);
                }
            }
            return result;
        }

        // Iterative to survive schemas with long chains of foreign keys.
        private void strongConnect(TableId root) {
            Deque<Object[]> work = new ArrayDeque<>();
            visit(root);
            work.push(new Object[] {root, parents.get(root).iterator()});
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                TableId node = (TableId) frame[0];
                @SuppressWarnings("unchecked")
                java.util.Iterator<TableId> edges = (java.util.Iterator<TableId>) frame[1];
                if (edges.hasNext()) {
                    TableId next = edges.next();
                    if (!index.containsKey(next)) {
                        visit(next);
                        work.push(new Object[] {next, parents.get(next).iterator()});
                    } else if (onStack.contains(next)) {
                        lowLink.put(node, Math.min(lowLink.get(node), index.get(next)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    TableId caller = (TableId) work.peek()[0];
                    lowLink.put(caller, Math.min(lowLink.get(caller), lowLink.get(node)));
                }
                if (lowLink.get(node).equals(index.get(node))) {
                    List<TableId> component = new ArrayList<>();
                    TableId member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.add(member);
                    } while (!member.equals(node));
                    component.sort(Comparator.naturalOrder());
                    result.add(List.copyOf(component));
                }
            }
        }

        private void visit(TableId node) {
            index.put(node, counter);
            lowLink.put(node, counter);
            counter++;
            stack.push(node);
            onStack.add(node);
        }
    }
}
