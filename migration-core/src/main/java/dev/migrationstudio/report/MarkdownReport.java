package dev.migrationstudio.report;

import static com.google.common.base.Preconditions.checkNotNull;
import static dev.migrationstudio.report.internal.Markdown.cell;
import static dev.migrationstudio.report.internal.Markdown.code;
import static dev.migrationstudio.report.internal.Markdown.count;
import static dev.migrationstudio.report.internal.Markdown.duration;
import static dev.migrationstudio.report.internal.Markdown.mermaidLabel;
import static dev.migrationstudio.report.internal.Markdown.table;

import dev.migrationstudio.cutover.CommunicationTrigger;
import dev.migrationstudio.cutover.Gate;
import dev.migrationstudio.cutover.RollbackPlan;
import dev.migrationstudio.cutover.Runbook;
import dev.migrationstudio.cutover.RunbookItem;
import dev.migrationstudio.cutover.Step;
import dev.migrationstudio.inventory.Artifact;
import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.DependencyGraph;
import dev.migrationstudio.inventory.ForeignKeyInfo;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.KeyInfo;
import dev.migrationstudio.inventory.Reference;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.FieldMapping;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.mapping.TransformRule;
import dev.migrationstudio.report.internal.Markdown;
import dev.migrationstudio.review.ColumnProfile;
import dev.migrationstudio.review.Finding;
import dev.migrationstudio.review.FindingSeverity;
import dev.migrationstudio.review.KeyProfile;
import dev.migrationstudio.review.MappingProfile;
import dev.migrationstudio.review.MappingReview;
import dev.migrationstudio.review.TableProfile;
import dev.migrationstudio.risk.Likelihood;
import dev.migrationstudio.risk.Risk;
import dev.migrationstudio.risk.RiskRegister;
import dev.migrationstudio.risk.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders the parts of a migration plan as Markdown documents for people to review and print.
 * Each method returns the full text of one document.
 */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    /**
     * The inventory: totals, load order, a Mermaid dependency diagram (cycles highlighted), tables
     * with columns and keys, views, sequences and artifacts.
     */
    public static String inventory(Inventory inventory) {
        checkNotNull(inventory, "inventory");
        DependencyGraph graph = inventory.dependencyGraph();
        List<TableId> order = graph.loadOrder();
        StringBuilder out = new StringBuilder("# Inventory\n\n");
        out.append(String.format("%d tables, %s rows%s, %d views, %d sequences, %d other artifacts.%n%n",
                inventory.tables().size(), count(inventory.totalRows()),
                inventory.totalBytes() > 0 ? ", " + Markdown.bytes(inventory.totalBytes()) : "",
                inventory.views().size(), inventory.sequences().size(), inventory.artifacts().size()));

        out.append("## Load order\n\nParents before children; tables in a cycle are loaded together.\n\n");
        for (int i = 0; i < order.size(); i++) {
            out.append(i + 1).append(". ").append(code(order.get(i).toString())).append('\n');
        }
        out.append('\n');

        out.append("## Dependency graph\n\nAn arrow points from a table to the table it references "
                + "(or from an artifact to what it uses); tables in a cycle are red.\n\n");
        out.append(mermaid(inventory, graph, order)).append('\n');

        List<DependencyGraph.Cycle> cycles = graph.cycles();
        if (!cycles.isEmpty() || !graph.externalReferences().isEmpty()) {
            out.append("## Cycles and external references\n\n");
            cycles.forEach(c -> out.append("- Cycle: ").append(c.describe()).append('\n'));
            graph.externalReferences().forEach(r -> out.append("- References a table outside the inventory: ")
                    .append(r).append('\n'));
            out.append('\n');
        }

        out.append("## Tables\n\n");
        List<List<?>> rows = new ArrayList<>();
        for (TableId id : order) {
            TableInfo table = inventory.table(id).orElseThrow();
            rows.add(List.of(order.indexOf(id) + 1, code(id.toString()),
                    table.rowCount().isPresent() ? count(table.rowCount().getAsLong())
                            + (table.rowCountEstimated() ? " (est.)" : "") : "",
                    table.sizeBytes().isPresent() ? Markdown.bytes(table.sizeBytes().getAsLong()) : "",
                    table.owner().orElse(""),
                    table.primaryKey().map(k -> String.join(", ", k.columns())).orElse("**none**"),
                    table.foreignKeys().stream().map(ForeignKeyInfo::describe).collect(Collectors.joining("\n"))));
        }
        table(out, List.of("#", "Table", "Rows", "Size", "Owner", "Primary key", "Foreign keys"), rows);
        for (TableId id : order) {
            tableDetail(out, inventory.table(id).orElseThrow());
        }

        if (!inventory.views().isEmpty()) {
            out.append("## Views\n\n");
            table(out, List.of("View", "Reads"), inventory.views().stream()
                    .<List<?>>map(v -> List.of(code(v.id().toString()), references(v.reads()))).toList());
        }
        if (!inventory.sequences().isEmpty()) {
            out.append("## Sequences\n\n");
            table(out, List.of("Sequence", "Current value"), inventory.sequences().stream()
                    .<List<?>>map(s -> List.of(code(s.id().toString()),
                            s.currentValue().isPresent() ? count(s.currentValue().getAsLong()) : "")).toList());
        }
        if (!inventory.artifacts().isEmpty()) {
            out.append("## Services, jobs, integrations and configuration\n\n");
            List<List<?>> artifacts = new ArrayList<>();
            for (Artifact a : inventory.artifacts()) {
                artifacts.add(List.of(a.kind().name().toLowerCase(java.util.Locale.ROOT), code(a.name()),
                        a.owner().orElse(""), references(a.reads()), references(a.writes()),
                        String.join(", ", a.dependsOn()), a.description()));
            }
            table(out, List.of("Kind", "Name", "Owner", "Reads", "Writes", "Depends on", "Description"), artifacts);
        }
        return out.toString();
    }

    private static void tableDetail(StringBuilder out, TableInfo table) {
        out.append("### ").append(code(table.id().toString())).append("\n\n");
        List<List<?>> columns = new ArrayList<>();
        Set<String> key = new HashSet<>(table.primaryKey().map(KeyInfo::columns).orElse(List.of()));
        for (ColumnInfo column : table.columns()) {
            String type = column.type().render();
            if (!column.type().nativeName().equalsIgnoreCase(type)
                    && !column.type().nativeName().equalsIgnoreCase(column.type().kind().name())) {
                type += " (" + column.type().nativeName() + ")";
            }
            columns.add(List.of(code(column.name()) + (key.contains(column.name()) ? " (key)" : ""), type,
                    column.nullable() ? "yes" : "no", column.defaultExpression().orElse("")));
        }
        table(out, List.of("Column", "Type", "Nullable", "Default"), columns);
        if (!table.uniqueKeys().isEmpty() || !table.indexes().isEmpty()) {
            table.uniqueKeys().forEach(k -> out.append("- Unique ").append(code(k.name())).append(": ")
                    .append(String.join(", ", k.columns())).append('\n'));
            table.indexes().forEach(i -> out.append("- Index ").append(code(i.name())).append(i.unique() ? " (unique)" : "")
                    .append(": ").append(String.join(", ", i.columns())).append('\n'));
            out.append('\n');
        }
    }

    private static String references(List<Reference> references) {
        return references.stream().map(Reference::toString).collect(Collectors.joining(", "));
    }

    private static String mermaid(Inventory inventory, DependencyGraph graph, List<TableId> order) {
        StringBuilder out = new StringBuilder("```mermaid\nflowchart LR\n");
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
                    + artifact.kind().name().toLowerCase(java.util.Locale.ROOT) + ")")).append("]]\n");
            Set<TableId> used = new java.util.LinkedHashSet<>();
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
        return out.append("```\n").toString();
    }

    private static int indexOfArtifact(Inventory inventory, String name) {
        for (int i = 0; i < inventory.artifacts().size(); i++) {
            if (inventory.artifacts().get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The risk register: a severity x likelihood matrix, risks by score, ordering constraints. */
    public static String risks(RiskRegister register) {
        checkNotNull(register, "register");
        StringBuilder out = new StringBuilder("# Risk register\n\n");
        long automatic = register.risks().stream().filter(Risk::isAutomatic).count();
        out.append(String.format("%d risks: %d found by the automatic rules, %d declared.%n%n",
                register.risks().size(), automatic, register.risks().size() - automatic));
        out.append("## Severity x likelihood\n\nCounts of risks; the score of a cell is severity (1-4) x likelihood (1-5).\n\n");
        List<String> header = new ArrayList<>(List.of("Severity \\ Likelihood"));
        for (Likelihood likelihood : Likelihood.values()) {
            header.add(likelihood.name());
        }
        List<List<?>> matrix = new ArrayList<>();
        Map<Severity, Map<Likelihood, Integer>> cells = register.matrix();
        for (int s = Severity.values().length - 1; s >= 0; s--) {
            Severity severity = Severity.values()[s];
            List<Object> row = new ArrayList<>(List.of("**" + severity + "**"));
            for (Likelihood likelihood : Likelihood.values()) {
                int n = cells.get(severity).get(likelihood);
                row.add(n == 0 ? "." : n + " (score " + severity.weight() * likelihood.weight() + ")");
            }
            matrix.add(row);
        }
        table(out, header, matrix);
        out.append("## Risks by score\n\n");
        List<List<?>> rows = new ArrayList<>();
        for (Risk risk : register.sortedByScore()) {
            rows.add(List.of(risk.id(), risk.score(), risk.severity(), risk.likelihood(), risk.title(),
                    String.join(", ", risk.affects()), String.join(", ", risk.blastRadius()),
                    risk.downtimeEstimate().map(Markdown::duration).orElse(""),
                    risk.isMitigated() ? risk.mitigation() : "**none yet**",
                    risk.rule().map(r -> "rule " + r).orElse("declared")));
        }
        table(out, List.of("ID", "Score", "Severity", "Likelihood", "Risk", "Affects", "Blast radius",
                "Downtime", "Mitigation", "Source"), rows);
        if (!register.orderingConstraints().isEmpty()) {
            out.append("## Ordering constraints\n\n");
            register.orderingConstraints().forEach(c -> out.append("- ").append(code(c.first())).append(" before ")
                    .append(code(c.then())).append(c.reason().isBlank() ? "" : ": " + c.reason()).append('\n'));
            out.append('\n');
        }
        return out.toString();
    }

    /** The mapping spec: per table, every target column with its source and rules, drops and filters. */
    public static String mapping(MappingSpec spec) {
        checkNotNull(spec, "spec");
        StringBuilder out = new StringBuilder("# Mapping spec ").append(code(spec.name())).append("\n\n");
        out.append("Fingerprint: ").append(code(spec.fingerprint())).append("\n\n");
        table(out, List.of("Source table", "Target table", "Key", "Fields", "Drops", "Filters"),
                spec.tables().stream().<List<?>>map(t -> List.of(code(t.source().toString()),
                        code(t.target().toString()),
                        t.isKeyless() ? "none (whole-table reload)" : String.join(", ", t.targetKey()),
                        t.fields().size(), t.drops().size(), t.filters().size())).toList());
        for (TableMapping table : spec.tables()) {
            out.append("## ").append(code(table.source().toString())).append(" -> ")
                    .append(code(table.target().toString())).append("\n\n");
            table.withoutKeyReason().ifPresent(r -> out.append("No key: the table is reloaded whole. Reason: ")
                    .append(r).append("\n\n"));
            List<List<?>> rows = new ArrayList<>();
            for (FieldMapping field : table.fields()) {
                List<String> rules = field.rules().stream().map(TransformRule::describe).toList();
                rows.add(List.of(code(field.target()) + (field.key() ? " (key)" : ""),
                        field.source().map(Markdown::code).orElse(""),
                        rules.isEmpty() ? "copy" : String.join("\n", rules), field.note()));
            }
            table(out, List.of("Target column", "Source", "Rules", "Why"), rows);
            if (!table.drops().isEmpty()) {
                out.append("Dropped:\n\n");
                table.drops().forEach(d -> out.append("- ").append(code(d.column())).append(": ").append(d.reason())
                        .append('\n'));
                out.append('\n');
            }
            if (!table.filters().isEmpty()) {
                out.append("Filters (rows not kept are counted as filtered by the rule's name):\n\n");
                table.filters().forEach(f -> out.append("- ").append(f.name()).append(" (reads ")
                        .append(String.join(", ", f.reads())).append(")\n"));
                out.append('\n');
            }
            if (!table.acknowledgements().isEmpty()) {
                out.append("Review findings accepted:\n\n");
                table.acknowledgements().forEach(a -> out.append("- ").append(a.kind()).append(" on ")
                        .append(code(a.subject())).append(": ").append(a.reason()).append('\n'));
                out.append('\n');
            }
        }
        if (!spec.acknowledgements().isEmpty()) {
            out.append("## Review findings accepted for tables without a mapping\n\n");
            spec.acknowledgements().forEach(a -> out.append("- ").append(a.kind()).append(" on ")
                    .append(code(a.subject())).append(": ").append(a.reason()).append('\n'));
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * The mapping review: the verdict, blockers with measured numbers and fixes, acknowledged
     * findings with their reasons, warnings, notes, and what was measured in each source table.
     */
    public static String review(MappingReview review) {
        checkNotNull(review, "review");
        StringBuilder out = new StringBuilder("# Mapping review: ").append(code(review.specName())).append("\n\n");
        out.append("Spec fingerprint: ").append(code(review.specFingerprint())).append(". ");
        if (review.measured()) {
            long rows = review.profiles().stream().mapToLong(TableProfile::rows).sum();
            java.time.Duration time = review.profiles().stream().map(TableProfile::elapsed)
                    .reduce(java.time.Duration.ZERO, java.time.Duration::plus);
            out.append(String.format("Source data measured: %d tables, %s rows read in %s.%n%n",
                    review.profiles().size(), count(rows), duration(time)));
        } else {
            out.append("Source data not measured: findings that depend on the data say so.\n\n");
        }
        out.append("**").append(review.summary()).append("**\n\n");
        findingTable(out, "Blockers", review.blockers(), false);
        findingTable(out, "Acknowledged", review.acknowledged(), true);
        findingTable(out, "Warnings", review.warnings().stream().filter(f -> !f.isAcknowledged()).toList(), false);
        findingTable(out, "Notes", review.notes().stream().filter(f -> !f.isAcknowledged()).toList(), false);
        if (review.measured()) {
            out.append("## Measured source data\n\n");
            for (TableProfile profile : review.profiles()) {
                profileDetail(out, profile);
            }
        }
        return out.toString();
    }

    private static void findingTable(StringBuilder out, String title, List<Finding> findings, boolean acknowledged) {
        if (findings.isEmpty()) {
            return;
        }
        out.append("## ").append(title).append(" (").append(findings.size()).append(")\n\n");
        List<List<?>> rows = new ArrayList<>();
        int number = 0;
        for (Finding f : findings) {
            number++;
            String rowsAffected = f.affectedRows().isPresent() ? count(f.affectedRows().getAsLong()) : "";
            rows.add(List.of(number, f.kind().title() + (acknowledged && f.severity() != FindingSeverity.BLOCKER
                            ? " (" + f.severity() + ")" : ""), code(f.location()), f.message(), rowsAffected,
                    acknowledged ? f.acknowledgement().orElse("") : f.fix()));
        }
        table(out, List.of("#", "Kind", "Location", "Finding", "Rows", acknowledged ? "Reason accepted" : "Suggested fix"),
                rows);
    }

    private static void profileDetail(StringBuilder out, TableProfile profile) {
        out.append("### ").append(code(profile.table().toString())).append("\n\n");
        out.append(count(profile.rows())).append(" rows read in ").append(duration(profile.elapsed())).append(".\n\n");
        List<List<?>> rows = new ArrayList<>();
        for (ColumnProfile c : profile.columns()) {
            rows.add(List.of(code(c.column()), count(c.nulls()),
                    c.maxLength().isPresent() ? count(c.maxLength().getAsLong()) : "",
                    c.min().map(java.math.BigDecimal::toPlainString).orElse(""),
                    c.max().map(java.math.BigDecimal::toPlainString).orElse(""),
                    c.maxIntegerDigits().isPresent() ? String.valueOf(c.maxIntegerDigits().getAsInt()) : "",
                    c.maxScale().isPresent() ? String.valueOf(c.maxScale().getAsInt()) : "",
                    c.earliest().map(Object::toString).orElse(""), c.latest().map(Object::toString).orElse("")));
        }
        table(out, List.of("Column", "NULLs", "Longest", "Min", "Max", "Integer digits", "Decimals used", "Earliest",
                "Latest"), rows);
        for (KeyProfile key : profile.keys()) {
            out.append("- Key (").append(String.join(", ", key.columns())).append("): ")
                    .append(key.guaranteedBy().map(g -> "unique by constraint " + code(g))
                            .orElse(count(key.distinct()) + " distinct, " + count(key.duplicateRows())
                                    + " rows repeating " + count(key.duplicateValues()) + " values"))
                    .append('\n');
        }
        for (MappingProfile mapping : profile.mappings()) {
            out.append("- Mapping ").append(code(mapping.source() + " -> " + mapping.target())).append(": ")
                    .append(count(mapping.rowsKept())).append(" of ").append(count(mapping.rows()))
                    .append(" rows kept by the filters").append(mapping.filtered().isEmpty() ? ""
                            : " (filtered: " + mapping.filtered() + ")").append('\n');
        }
        out.append('\n');
    }

    /** The runbook: numbered steps with owners and durations, gates, the point of no return, communication. */
    public static String runbook(Runbook runbook) {
        checkNotNull(runbook, "runbook");
        StringBuilder out = new StringBuilder("# Runbook: ").append(runbook.name()).append("\n\n");
        out.append(String.format("%d steps, %d go/no-go gates, expected %s in total.%n%n", runbook.steps().size(),
                runbook.gates().size(), duration(runbook.expectedDuration())));
        runbook.pointOfNoReturn().ifPresent(p -> out.append("**Point of no return: step '").append(p.name())
                .append("'.** Before it, a failure or a NO_GO rolls back; from it on, a failure halts and escalates.\n\n"));
        List<List<?>> rows = new ArrayList<>();
        int number = 0;
        for (RunbookItem item : runbook.items()) {
            if (item instanceof Step) {
                Step step = (Step) item;
                number++;
                String name = step.pointOfNoReturn() ? "**" + step.name() + "** (POINT OF NO RETURN)" : step.name();
                rows.add(List.of(number, name, step.owner().orElse("unassigned"),
                        step.expected().map(Markdown::duration).orElse(""), step.isManual() ? "manual" : "automated",
                        step.description(), triggers(step.triggers())));
            } else {
                Gate gate = (Gate) item;
                rows.add(List.of("gate", "GO/NO-GO: **" + gate.name() + "**", "", "", "check", gate.description(), ""));
            }
        }
        table(out, List.of("#", "Step", "Owner", "Expected", "Kind", "Description", "Communication"), rows);
        if (!runbook.triggers().isEmpty()) {
            out.append("## Communication\n\n");
            table(out, List.of("When", "Who", "Message"), runbook.triggers().stream()
                    .<List<?>>map(t -> List.of(t.when(), t.audience(), t.message())).toList());
        }
        return out.toString();
    }

    private static String triggers(List<CommunicationTrigger> triggers) {
        return triggers.stream().map(t -> t.when() + ": " + t.audience() + " - " + t.message())
                .collect(Collectors.joining("\n"));
    }

    /** The rollback plan: RTO, steps, and where it applies in the runbook (if given). */
    public static String rollback(RollbackPlan plan, Runbook runbook) {
        checkNotNull(plan, "plan");
        StringBuilder out = new StringBuilder("# Rollback plan: ").append(plan.name()).append("\n\n");
        out.append("RTO: **").append(duration(plan.rto())).append("**. Steps expected to take ")
                .append(duration(plan.expectedDuration())).append(".\n\n");
        if (runbook != null) {
            out.append(plan.coverage(runbook).describe()).append("\n\n");
        }
        List<List<?>> rows = new ArrayList<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            Step step = plan.steps().get(i);
            rows.add(List.of(i + 1, step.name(), step.owner().orElse("unassigned"),
                    step.expected().map(Markdown::duration).orElse(""), step.isManual() ? "manual" : "automated",
                    step.description()));
        }
        table(out, List.of("#", "Step", "Owner", "Expected", "Kind", "Description"), rows);
        return out.toString();
    }
}
