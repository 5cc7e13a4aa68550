package dev.migrationstudio.verify.replay.internal;

import dev.migrationstudio.mapping.FieldMapping;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.mapping.TransformRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.Query;
import org.jooq.QueryPart;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.QOM;

/**
 * The names one parsed query reads, resolved through a mapping: which source table each table name
 * and alias stands for, what each column is called in the target, and what makes the query not
 * replayable. A first rendering collects the names (a query's select list comes before the FROM clause
 * that says what its aliases mean); {@link #renamer()} then renames them while the query is rendered
 * for the target.
 */
public final class MappedNames {
    private final Map<String, Name> tableRenames;
    private final Map<List<String>, Name> columnRenames;
    private final Optional<String> problem;
    private final List<String> notes;

    private MappedNames(Map<String, Name> tableRenames, Map<List<String>, Name> columnRenames,
                        Optional<String> problem, List<String> notes) {
        this.tableRenames = tableRenames;
        this.columnRenames = columnRenames;
        this.problem = problem;
        this.notes = notes;
    }

    /** Collects and resolves the names of a parsed query. */
    public static MappedNames collect(MappingSpec spec, Query query, DSLContext sourceRenderer) {
        Collector collector = new Collector();
        DSL.using(new DefaultConfiguration().set(sourceRenderer.dialect()).set(collector)).render(query);
        return collector.resolve(spec);
    }

    /** Why the query cannot be replayed, naming the table or column; empty when it can. */
    public Optional<String> problem() {
        return problem;
    }

    /** What a reader of the rewrite should know: rules that change values, filtered tables. */
    public List<String> notes() {
        return notes;
    }

    /** Renames tables and columns while a query renders. */
    public VisitListener renamer() {
        return VisitListener.onVisitStart(this::rename);
    }

    private void rename(VisitContext context) {
        QueryPart part = context.queryPart();
        if (part instanceof TableField<?, ?> field) {
            Name renamed = columnRenames.get(key(field.getQualifiedName()));
            if (renamed != null) {
                context.queryPart(DSL.field(renamed));
            }
        } else if (part instanceof Table<?> table && !(part instanceof QOM.TableAlias<?>)) {
            Name renamed = tableRenames.get(fold(table.getName()));
            if (renamed != null && table.getQualifiedName().parts().length == 1) {
                context.queryPart(DSL.table(renamed));
            }
        }
    }

    private static List<String> key(Name name) {
        String[] parts = name.last() == null ? new String[0] : name.getName();
        List<String> key = new ArrayList<>();
        for (String part : parts) {
            key.add(fold(part));
        }
        return key;
    }

    /** Unquoted names compare without case, as the engines that fold them do. */
    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** What the first rendering saw. */
    private static final class Collector implements VisitListener {
        private final Map<String, String> aliases = new HashMap<>();
        private final Set<String> derived = new HashSet<>();
        private final Set<String> tables = new LinkedHashSet<>();
        private final Set<List<String>> columns = new LinkedHashSet<>();

        @Override
        public void visitStart(VisitContext context) {
            QueryPart part = context.queryPart();
            if (part instanceof QOM.TableAlias<?> alias) {
                Table<?> aliased = alias.$table();
                String name = fold(alias.$alias().last());
                if (aliased instanceof QOM.TableAlias<?> || aliased.getQualifiedName().empty()
                        || !aliased.getClass().getSimpleName().equals("TableImpl")) {
                    derived.add(name);
                } else {
                    aliases.put(name, fold(aliased.getName()));
                }
            } else if (part instanceof TableField<?, ?> field) {
                columns.add(key(field.getQualifiedName()));
            } else if (part instanceof Table<?> table && table.getClass().getSimpleName().equals("TableImpl")) {
                tables.add(table.getQualifiedName().parts().length == 1 ? fold(table.getName())
                        : table.getQualifiedName().toString());
            }
        }

        MappedNames resolve(MappingSpec spec) {
            Map<String, TableMapping> byName = new HashMap<>();
            for (TableMapping mapping : spec.tables()) {
                byName.putIfAbsent(fold(mapping.source().name()), mapping);
            }
            Set<String> notes = new LinkedHashSet<>();
            List<String> problems = new ArrayList<>();
            Map<String, Name> tableRenames = new HashMap<>();
            Set<String> read = new LinkedHashSet<>();
            for (String table : tables) {
                if (aliases.containsKey(table) || derived.contains(table)) {
                    continue;
                }
                TableMapping mapping = byName.get(table);
                if (mapping == null) {
                    // A catalog view, a tool's own table, a table left behind: its rows are not the migration's.
                    problems.add("it reads " + table + ", which the mapping does not cover");
                    continue;
                }
                read.add(table);
                // A table moved to another schema is named with it.
                tableRenames.put(table, mapping.target().schemaName().map(s -> DSL.name(s, mapping.target().name()))
                        .orElse(DSL.name(mapping.target().name())));
                mapping.filters().forEach(f -> notes.add(mapping.source().name() + " is filtered by '" + f.name()
                        + "': rows may differ by design"));
            }
            aliases.values().stream().filter(byName::containsKey).forEach(read::add);
            if (read.isEmpty() && problems.isEmpty()) {
                // SELECT version(), SELECT pg_stat_statements_reset(): nothing to compare, and a call may act.
                problems.add("it reads no table of the mapping; replay runs only the application's queries");
            }
            Map<List<String>, Name> columnRenames = new HashMap<>();
            for (List<String> column : columns) {
                String name = column.get(column.size() - 1);
                List<String> candidates;
                if (column.size() > 1) {
                    String qualifier = column.get(column.size() - 2);
                    String table = aliases.getOrDefault(qualifier, qualifier);
                    candidates = byName.containsKey(table) ? List.of(table) : List.of();
                } else {
                    candidates = read.stream().filter(t -> mentions(byName.get(t), name)).toList();
                }
                if (candidates.isEmpty()) {
                    continue; // an output alias, a derived table's column, or a table the spec does not know
                }
                Optional<String> resolved;
                if (candidates.size() > 1) {
                    // Without scopes, an unqualified column read by several tables (a subquery's, say) is
                    // renamed only when every one of them renames it alike.
                    Set<Optional<String>> targets = new HashSet<>();
                    for (String candidate : candidates) {
                        targets.add(resolveColumn(byName.get(candidate), name, new ArrayList<>(), new HashSet<>()));
                    }
                    if (targets.size() != 1 || targets.iterator().next().isEmpty()) {
                        problems.add("column " + name + " is read without a qualifier and "
                                + String.join(" and ", candidates) + " both have it");
                        continue;
                    }
                    resolved = targets.iterator().next();
                } else {
                    resolved = resolveColumn(byName.get(candidates.get(0)), name, problems, notes);
                }
                resolved.ifPresent(target -> {
                    List<String> qualifier = column.subList(0, column.size() - 1);
                    List<String> parts = new ArrayList<>();
                    if (!qualifier.isEmpty()) {
                        String q = qualifier.get(qualifier.size() - 1);
                        parts.add(aliases.containsKey(q) || derived.contains(q) ? q
                                : tableRenames.getOrDefault(q, DSL.name(q)).last());
                    }
                    parts.add(target);
                    columnRenames.put(column, DSL.name(parts.toArray(String[]::new)));
                });
            }
            return new MappedNames(tableRenames, columnRenames,
                    problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems)),
                    List.copyOf(notes));
        }

        private static boolean mentions(TableMapping mapping, String column) {
            return mapping.sourceColumnsMentioned().stream().anyMatch(c -> fold(c).equals(column));
        }

        /** The target name of a source column, or empty with a problem when the target lacks it. */
        private static Optional<String> resolveColumn(TableMapping mapping, String column, List<String> problems,
                                                      Set<String> notes) {
            String where = mapping.source().name() + "." + column;
            for (FieldMapping field : mapping.fields()) {
                if (field.source().map(s -> fold(s).equals(column)).orElse(false)) {
                    List<String> rules = field.rules().stream()
                            .filter(r -> !(r instanceof TransformRule.Rename))
                            .map(TransformRule::describe).toList();
                    if (!rules.isEmpty()) {
                        notes.add(where + " -> " + mapping.target().name() + "." + field.target() + " goes through "
                                + String.join(", ", rules) + ": values may differ by design");
                    }
                    return Optional.of(field.target());
                }
            }
            for (TransformRule.Drop drop : mapping.drops()) {
                if (fold(drop.column()).equals(column)) {
                    problems.add("it reads " + where + ", which the mapping drops (" + drop.reason() + ")");
                    return Optional.empty();
                }
            }
            String derivedFrom = mapping.fields().stream()
                    .filter(f -> f.derivation().map(d -> d.reads().stream().anyMatch(r -> fold(r).equals(column)))
                            .orElse(false))
                    .map(FieldMapping::target).collect(Collectors.joining(", "));
            if (!derivedFrom.isEmpty()) {
                problems.add("it reads " + where + ", which the target has only inside derived column(s) "
                        + derivedFrom + ": write this pair by hand (ParityCheck.of)");
            } else {
                problems.add("it reads " + where + ", which the mapping does not carry to the target");
            }
            return Optional.empty();
        }
    }
}
