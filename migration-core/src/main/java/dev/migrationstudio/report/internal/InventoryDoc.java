package dev.migrationstudio.report.internal;

import static dev.migrationstudio.report.internal.DocTrees.object;

import dev.migrationstudio.inventory.Artifact;
import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.DependencyGraph;
import dev.migrationstudio.inventory.ForeignKeyInfo;
import dev.migrationstudio.inventory.IndexInfo;
import dev.migrationstudio.inventory.Inheritance;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.KeyInfo;
import dev.migrationstudio.inventory.Reference;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.inventory.TextEncoding;
import dev.migrationstudio.report.Blocks;
import dev.migrationstudio.report.Doc;
import dev.migrationstudio.format.Formats;
import dev.migrationstudio.report.Text;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The inventory as a document: totals, load order, a Mermaid dependency diagram (cycles
 * highlighted), tables with their parent (PostgreSQL inheritance children and partitions), columns
 * with their domain and its CHECK constraints, keys, views, sequences and artifacts.
 */
public final class InventoryDoc {

    private InventoryDoc() {
    }

    /** The document. */
    public static Doc of(Inventory inventory) {
        DependencyGraph graph = inventory.dependencyGraph();
        List<TableId> order = graph.loadOrder();
        return Doc.of("Inventory", tree(inventory, graph), body -> {
            body.paragraph(String.format(Locale.ROOT, "%s, %s rows%s, %s, %s, %s.",
                    Formats.plural(inventory.tables().size(), "table"), Formats.count(inventory.totalRows()),
                    inventory.totalBytes() > 0 ? ", " + Formats.bytes(inventory.totalBytes()) : "",
                    Formats.plural(inventory.views().size(), "view"),
                    Formats.plural(inventory.sequences().size(), "sequence"),
                    Formats.plural(inventory.artifacts().size(), "other artifact")));
            body.section("Load order", s -> s
                    .paragraph("Parents before children; tables in a cycle are loaded together.")
                    .numbered(order.stream().map(t -> Text.code(t.toString())).toList()));
            body.section("Dependency graph", s -> s
                    .paragraph("An arrow points from a table to the table it references (or from an artifact to "
                            + "what it uses); tables in a cycle are red.")
                    .code("mermaid", mermaid(inventory, graph, order)));
            List<DependencyGraph.Cycle> cycles = graph.cycles();
            if (!cycles.isEmpty() || !graph.externalReferences().isEmpty()) {
                List<String> items = new ArrayList<>();
                cycles.forEach(c -> items.add("Cycle: " + c.describe()));
                graph.externalReferences().forEach(r -> items.add("References a table outside the inventory: " + r));
                body.section("Cycles and external references", s -> s.bullets(items));
            }
            body.section("Tables", s -> tables(s, inventory, order));
            if (!inventory.views().isEmpty()) {
                body.section("Views", s -> s.table(List.of("View", "Reads"), inventory.views().stream()
                        .map(v -> List.of(Text.code(v.id().toString()), references(v.reads()))).toList()));
            }
            if (!inventory.sequences().isEmpty()) {
                body.section("Sequences", s -> s.table(List.of("Sequence", "Current value"), inventory.sequences()
                        .stream().map(q -> List.of(Text.code(q.id().toString()), q.currentValue().isPresent()
                                ? Formats.count(q.currentValue().getAsLong()) : "")).toList()));
            }
            if (!inventory.artifacts().isEmpty()) {
                List<List<?>> artifacts = new ArrayList<>();
                for (Artifact a : inventory.artifacts()) {
                    artifacts.add(List.of(a.kind().name().toLowerCase(Locale.ROOT), Text.code(a.name()),
                            a.owner().orElse(""), references(a.reads()), references(a.writes()),
                            String.join(", ", a.dependsOn()), a.description()));
                }
                body.section("Services, jobs, integrations and configuration", s -> s.table(
                        List.of("Kind", "Name", "Owner", "Reads", "Writes", "Depends on", "Description"), artifacts));
            }
        });
    }

    private static void tables(Blocks out, Inventory inventory, List<TableId> order) {
        List<List<?>> rows = new ArrayList<>();
        for (TableId id : order) {
            TableInfo table = inventory.table(id).orElseThrow();
            rows.add(List.of(order.indexOf(id) + 1,
                    Text.code(id.toString()).and(table.inheritance().map(i -> " (" + i.describe() + ")").orElse("")),
                    table.rowCount().isPresent() ? Formats.count(table.rowCount().getAsLong())
                            + (table.rowCountEstimated() ? " (est.)" : "") : "",
                    table.sizeBytes().isPresent() ? Formats.bytes(table.sizeBytes().getAsLong()) : "",
                    table.owner().orElse(""),
                    table.primaryKey().map(k -> Text.of(String.join(", ", k.columns()))).orElse(Text.strong("none")),
                    table.foreignKeys().stream().map(ForeignKeyInfo::describe).collect(Collectors.joining("\n"))));
        }
        out.table(List.of("#", "Table", "Rows", "Size", "Owner", "Primary key", "Foreign keys"), rows);
        for (TableId id : order) {
            TableInfo table = inventory.table(id).orElseThrow();
            out.section(Text.code(id.toString()), s -> tableDetail(s, inventory, table));
        }
    }

    private static void tableDetail(Blocks out, Inventory inventory, TableInfo table) {
        // Reading a parent returns its children's rows too: a reader must see both ends of the relation.
        table.inheritance().ifPresent(i -> out.paragraph(Text.of(i.kind() == Inheritance.Kind.INHERITS
                ? "Inherits from " : "Partition of ").andCode(i.parent().toString())
                .and(": reading the parent returns this table's rows too, so a spec maps one of them, not both.")));
        List<Text> children = inventory.children(table.id()).stream()
                .map(t -> Text.code(t.id().toString()).and(" (" + (t.inheritance().get().kind()
                        == Inheritance.Kind.INHERITS ? "inheritance child" : "partition") + ")"))
                .toList();
        if (!children.isEmpty()) {
            out.paragraph("Reading it returns the rows of these tables too:").bullets(children);
        }
        List<List<?>> columns = new ArrayList<>();
        Set<String> key = new HashSet<>(table.primaryKey().map(KeyInfo::columns).orElse(List.of()));
        for (ColumnInfo column : table.columns()) {
            String type = column.type().render();
            if (column.type().domain().isPresent()) {
                // The domain names what the native name would (the base type is the rendered one).
                type = column.type().describe();
            } else if (!column.type().nativeName().equalsIgnoreCase(type)
                    && !column.type().nativeName().equalsIgnoreCase(column.type().kind().name())) {
                type += " (" + column.type().nativeName() + ")";
            }
            if (column.encoding().isPresent()) {
                type += ", " + column.encoding().get().collation();
            }
            columns.add(List.of(Text.code(column.name()).and(key.contains(column.name()) ? " (key)" : ""), type,
                    column.nullable() ? "yes" : "no", column.defaultExpression().orElse("")));
        }
        out.table(List.of("Column", "Type", "Nullable", "Default"), columns);
        table.storageEngine().ifPresent(engine -> out.paragraph(Text.of("Storage engine: ").andCode(engine)
                .and(table.transactional() ? "" : " (no transactions: a failed write is not rolled back)")));
        List<Text> keys = new ArrayList<>();
        table.uniqueKeys().forEach(k -> keys.add(Text.of("Unique ").andCode(k.name()).and(": "
                + String.join(", ", k.columns()))));
        table.indexes().forEach(i -> keys.add(Text.of("Index ").andCode(i.name()).and((i.unique() ? " (unique)" : "")
                + ": " + String.join(", ", i.columns()))));
        out.bullets(keys);
    }

    private static String references(List<Reference> references) {
        return references.stream().map(Reference::toString).collect(Collectors.joining(", "));
    }

    private static String mermaid(Inventory inventory, DependencyGraph graph, List<TableId> order) {
        StringBuilder out = new StringBuilder("flowchart LR\n");
        Map<TableId, String> ids = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            TableId table = order.get(i);
            ids.put(table, "t" + i);
            out.append("  t").append(i).append('[').append(mermaidLabel((i + 1) + ". " + table)).append("]\n");
        }
        for (Map.Entry<TableId, TableId> edge : graph.edges()) {
            out.append("  ").append(ids.get(edge.getKey())).append(" --> ").append(ids.get(edge.getValue())).append('\n');
        }
        for (int i = 0; i < inventory.artifacts().size(); i++) {
            Artifact artifact = inventory.artifacts().get(i);
            String id = "a" + i;
            out.append("  ").append(id).append("[[").append(mermaidLabel(artifact.name() + " ("
                    + artifact.kind().name().toLowerCase(Locale.ROOT) + ")")).append("]]\n");
            Set<TableId> used = new LinkedHashSet<>();
            for (Reference reference : artifact.touches()) {
                inventory.tables().stream().filter(t -> t.id().matches(reference.table())).findFirst()
                        .ifPresent(t -> used.add(t.id()));
            }
            used.forEach(t -> out.append("  ").append(id).append(" -.-> ").append(ids.get(t)).append('\n'));
            for (String dependency : artifact.dependsOn()) {
                int target = indexOfArtifact(inventory, dependency);
                if (target >= 0) {
                    out.append("  ").append(id).append(" -.-> a").append(target).append('\n');
                }
            }
        }
        Set<TableId> inCycle = new HashSet<>();
        graph.cycles().forEach(c -> inCycle.addAll(c.tables()));
        if (!inCycle.isEmpty()) {
            out.append("  classDef cycle fill:#fdd,stroke:#c00,color:#600\n");
            out.append("  class ").append(inCycle.stream().sorted().map(ids::get).collect(Collectors.joining(",")))
                    .append(" cycle\n");
        }
        return out.toString();
    }

    /** A Mermaid node label, quoted, with quotes as Mermaid's entity. */
    private static String mermaidLabel(String text) {
        return "\"" + text.replace("\"", "#quot;") + "\"";
    }

    private static int indexOfArtifact(Inventory inventory, String name) {
        for (int i = 0; i < inventory.artifacts().size(); i++) {
            if (inventory.artifacts().get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, Object> tree(Inventory inventory, DependencyGraph graph) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tables", inventory.tables().stream().map(InventoryDoc::table).toList());
        root.put("views", inventory.views().stream().map(v -> object("name", v.id().toString(),
                "definition", v.definition(), "reads", v.reads().stream().map(Reference::toString).toList())).toList());
        root.put("sequences", inventory.sequences().stream().map(s -> object("name", s.id().toString(),
                "currentValue", s.currentValue())).toList());
        root.put("artifacts", inventory.artifacts().stream().map(InventoryDoc::artifact).toList());
        root.put("loadOrder", graph.loadOrder().stream().map(TableId::toString).toList());
        root.put("cycles", graph.cycles().stream().map(c -> object(
                "tables", c.tables().stream().map(TableId::toString).toList(),
                "foreignKeys", c.foreignKeys(), "selfReference", c.isSelfReference())).toList());
        root.put("externalReferences", graph.externalReferences());
        return root;
    }

    private static Map<String, Object> table(TableInfo table) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("schema", table.id().schema());
        map.put("name", table.id().name());
        map.put("owner", table.owner());
        map.put("rowCount", table.rowCount());
        map.put("rowCountEstimated", table.rowCountEstimated());
        map.put("sizeBytes", table.sizeBytes());
        map.put("columns", table.columns().stream().map(c -> object("name", c.name(), "type", c.type().render(),
                "nativeType", c.type().nativeName(), "domain", c.type().domain().map(d -> object("name", d.name(),
                        "checks", d.checks())), "nullable", c.nullable(), "default", c.defaultExpression(),
                "characterSet", c.encoding().map(TextEncoding::characterSet),
                "collation", c.encoding().map(TextEncoding::collation)))
                .toList());
        map.put("storageEngine", table.storageEngine());
        map.put("inheritance", table.inheritance().map(i -> object("parent", i.parent().toString(),
                "kind", i.kind())));
        map.put("primaryKey", table.primaryKey().map(InventoryDoc::key));
        map.put("uniqueKeys", table.uniqueKeys().stream().map(InventoryDoc::key).toList());
        map.put("foreignKeys", table.foreignKeys().stream().map(fk -> object("name", fk.name(), "columns", fk.columns(),
                "references", fk.referencedTable().toString(), "referencedColumns", fk.referencedColumns())).toList());
        map.put("indexes", table.indexes().stream().map(InventoryDoc::index).toList());
        return map;
    }

    private static Map<String, Object> key(KeyInfo key) {
        return object("name", key.name(), "columns", key.columns());
    }

    private static Map<String, Object> index(IndexInfo index) {
        return object("name", index.name(), "columns", index.columns(), "unique", index.unique());
    }

    private static Map<String, Object> artifact(Artifact artifact) {
        return object("kind", artifact.kind(), "name", artifact.name(), "owner", artifact.owner(),
                "description", artifact.description(),
                "reads", artifact.reads().stream().map(Reference::toString).toList(),
                "writes", artifact.writes().stream().map(Reference::toString).toList(),
                "dependsOn", artifact.dependsOn());
    }
}
