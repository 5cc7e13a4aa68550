package dev.migrationstudio.review;

import dev.migrationstudio.inventory.Artifact;
import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.Reference;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.inventory.ViewInfo;
import dev.migrationstudio.mapping.FieldMapping;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.mapping.TransformRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the views and declared artifacts a mapping decision breaks: they read or write a column the
 * spec renames, retypes, drops or leaves behind, or a table it renames or does not migrate. A view
 * reading a broken view is broken too.
 */
final class ConsumerCheck {

    /** Someone who reads the source: a view or an artifact. */
    private record Consumer(String label, TableId viewId, List<Reference> reads, List<Reference> writes) {
    }

    /** What the spec does to one source column. */
    private record Change(FindingSeverity severity, String description, String targetName) {
    }

    private final ReviewRun run;
    private final Inventory source;
    private final Set<TableId> brokenViews = new LinkedHashSet<>();

    ConsumerCheck(ReviewRun run, Inventory source) {
        this.run = run;
        this.source = source;
    }

    void run() {
        List<Consumer> consumers = new ArrayList<>();
        for (ViewInfo view : source.views()) {
            consumers.add(new Consumer("view " + view.id(), view.id(), view.reads(), List.of()));
        }
        for (Artifact artifact : source.artifacts()) {
            consumers.add(new Consumer(artifact.kind().name().toLowerCase(Locale.ROOT) + " " + artifact.name(), null,
                    artifact.reads(), artifact.writes()));
        }
        for (Consumer consumer : consumers) {
            consumer.reads().forEach(r -> check(consumer, r, "reads"));
            consumer.writes().forEach(r -> check(consumer, r, "writes"));
        }
        // A consumer of a broken view is broken too; repeat until no new view breaks.
        Set<String> reported = new LinkedHashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Consumer consumer : consumers) {
                for (Reference reference : consumer.reads()) {
                    Optional<TableId> view = brokenViews.stream().filter(v -> v.matches(reference.table())).findFirst();
                    if (view.isEmpty() || !reported.add(consumer.label() + " -> " + view.get())) {
                        continue;
                    }
                    run.add(FindingKind.BROKEN_CONSUMER, FindingSeverity.BLOCKER, view.get().toString(),
                            "%s reads view %s, which the mapping breaks", consumer.label(), view.get())
                            .fix("rewrite %s against the target, or acknowledge on the spec "
                                    + "(MappingSpec.Builder.acknowledge(\"%s\", BROKEN_CONSUMER, reason))",
                                    consumer.label(), view.get().name())
                            .specSubject(view.get());
                    if (consumer.viewId() != null && brokenViews.add(consumer.viewId())) {
                        grew = true;
                    }
                }
            }
        }
    }

    private void check(Consumer consumer, Reference reference, String verb) {
        Optional<TableInfo> found;
        try {
            found = source.table(reference.table());
        } catch (IllegalArgumentException ambiguous) {
            return;
        }
        if (found.isEmpty()) {
            return;
        }
        TableInfo table = found.get();
        List<TableMapping> mappings = run.mappingsOf(table.id());
        String location = reference.column().map(c -> table.id() + "." + c).orElse(table.id().toString());
        if (mappings.isEmpty()) {
            markBroken(consumer, run.add(FindingKind.BROKEN_CONSUMER, FindingSeverity.BLOCKER, location,
                    "%s %s %s, which the spec does not migrate", consumer.label(), verb, location)
                    .fix("map %s, or rewrite %s without it, or acknowledge on the spec "
                            + "(MappingSpec.Builder.acknowledge(\"%s\", BROKEN_CONSUMER, reason))", table.id(),
                            consumer.label(), table.id().name())
                    .source(table).specSubject(table.id()));
            return;
        }
        TableId name = mappings.get(0).source();
        if (reference.column().isPresent()) {
            String column = reference.column().get();
            if (!table.hasColumn(column)) {
                return;
            }
            Change change = change(table, mappings, column);
            if (change == null) {
                return;
            }
            ReviewRun.Draft draft = run.add(FindingKind.BROKEN_CONSUMER, change.severity(), name + "." + column,
                    "%s %s %s.%s, %s", consumer.label(), verb, name, column, change.description())
                    .fix("update %s%s, or acknowledge with .acknowledge(\"%s\", BROKEN_CONSUMER, reason)",
                            consumer.label(), change.targetName() == null ? "" : " to use " + change.targetName(),
                            column)
                    .source(table).scope(mappings, column, change.targetName() == null ? null
                            : change.targetName().substring(change.targetName().lastIndexOf('.') + 1));
            if (change.severity() == FindingSeverity.BLOCKER) {
                markBroken(consumer, draft);
            }
            return;
        }
        List<String> targets = mappings.stream().map(m -> m.target().toString()).distinct().toList();
        boolean renamed = mappings.stream().noneMatch(m -> m.target().name().equals(table.id().name()));
        if (renamed) {
            markBroken(consumer, run.add(FindingKind.BROKEN_CONSUMER, FindingSeverity.BLOCKER, name.toString(),
                    "%s %s %s, which becomes %s", consumer.label(), verb, name, String.join(" and ", targets))
                    .fix("update %s to use %s, or acknowledge with .acknowledge(\"%s\", BROKEN_CONSUMER, reason)",
                            consumer.label(), String.join(" and ", targets), table.id().name())
                    .source(table).scope(mappings, table.id().name(), mappings.get(0).target().name()));
            return;
        }
        List<String> changes = new ArrayList<>();
        for (ColumnInfo column : table.columns()) {
            Change change = change(table, mappings, column.name());
            if (change != null && change.severity() == FindingSeverity.BLOCKER) {
                changes.add(column.name() + " " + change.description().replaceFirst("^which ", ""));
            }
        }
        if (!changes.isEmpty()) {
            run.add(FindingKind.BROKEN_CONSUMER, FindingSeverity.WARNING, name.toString(),
                    "%s %s all of %s, and the spec changes columns: %s", consumer.label(), verb, name,
                    String.join("; ", changes))
                    .fix("check which of these columns %s uses and update it, or acknowledge with "
                            + ".acknowledge(\"%s\", BROKEN_CONSUMER, reason)", consumer.label(), table.id().name())
                    .source(table).scope(mappings, table.id().name());
        }
    }

    /** Records that a view's consumer finding is a blocker, so that views reading it are flagged too. */
    private void markBroken(Consumer consumer, ReviewRun.Draft blocker) {
        if (consumer.viewId() != null && blocker.severity == FindingSeverity.BLOCKER) {
            brokenViews.add(consumer.viewId());
        }
    }

    /** What the spec does to a column that a consumer would notice, or null when nothing. */
    private Change change(TableInfo table, List<TableMapping> mappings, String column) {
        for (TableMapping mapping : mappings) {
            Optional<FieldMapping> field = mapping.fieldFrom(column);
            if (field.isEmpty()) {
                continue;
            }
            String target = mapping.target() + "." + field.get().target();
            if (!field.get().target().equals(column)) {
                return new Change(FindingSeverity.BLOCKER, "which becomes " + target, target);
            }
            if (!mapping.target().name().equals(table.id().name())) {
                return new Change(FindingSeverity.BLOCKER, "whose table becomes " + mapping.target(), target);
            }
            Optional<ColumnInfo> targetColumn = run.targetOf(mapping).flatMap(t -> t.column(field.get().target()));
            Optional<ColumnInfo> sourceColumn = table.column(column);
            if (targetColumn.isPresent() && sourceColumn.isPresent()
                    && !targetColumn.get().type().equals(sourceColumn.get().type())) {
                return new Change(FindingSeverity.WARNING, "whose type changes from "
                        + sourceColumn.get().type().render() + " to " + targetColumn.get().type().render(), null);
            }
            return null;
        }
        for (TableMapping mapping : mappings) {
            for (TransformRule.Drop drop : mapping.drops()) {
                if (drop.column().equals(column)) {
                    return new Change(FindingSeverity.BLOCKER, "which the spec drops (" + drop.reason() + ")", null);
                }
            }
        }
        return new Change(FindingSeverity.BLOCKER, "which the spec does not carry to the target", null);
    }
}
