package dev.migrationstudio.review.internal;

import dev.migrationstudio.inventory.Artifact;
import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.Reference;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.inventory.ViewInfo;
import dev.migrationstudio.mapping.FieldMapping;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.mapping.TransformRule;
import dev.migrationstudio.review.FindingSeverity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link FindingKind#BROKEN_CONSUMER}: the views and declared artifacts a mapping decision breaks.
 * They read or write columns the spec renames, retypes, drops or leaves behind, or tables it renames
 * or does not migrate; a view reading a broken view is broken too.
 *
 * <p>One finding per consumer, naming everything it uses that changes: a team rewrites (or
 * accepts) a consumer as a whole. The finding is acknowledged by one acknowledgement naming the
 * consumer on the spec ({@code MappingSpec.Builder.acknowledge("v_sales", BROKEN_CONSUMER, reason)}),
 * or when each thing it names is acknowledged on its table mapping.
 */
final class BrokenConsumers implements ReviewRule {

    /** Someone who reads the source: a view or an artifact. */
    private record Consumer(String label, TableId name, Optional<TableId> viewId, List<Reference> reads,
                            List<Reference> writes) {
    }

    /** What the spec does to one source column. */
    private record Change(FindingSeverity severity, String description, String targetName) {
    }

    @Override
    public List<Draft> check(ReviewContext context) {
        List<Consumer> consumers = new ArrayList<>();
        for (ViewInfo view : context.source().views()) {
            consumers.add(new Consumer("view " + view.id(), view.id(), Optional.of(view.id()), view.reads(), List.of()));
        }
        for (Artifact artifact : context.source().artifacts()) {
            consumers.add(new Consumer(artifact.kind().name().toLowerCase(Locale.ROOT) + " " + artifact.name(),
                    TableId.of(artifact.name()), Optional.empty(), artifact.reads(), artifact.writes()));
        }
        Map<Consumer, List<Draft>> parts = new LinkedHashMap<>();
        Set<TableId> brokenViews = new LinkedHashSet<>();
        for (Consumer consumer : consumers) {
            List<Draft> found = new ArrayList<>();
            consumer.reads().forEach(r -> part(context, r, "reads").ifPresent(found::add));
            consumer.writes().forEach(r -> part(context, r, "writes").ifPresent(found::add));
            parts.put(consumer, found);
            if (found.stream().anyMatch(d -> d.severity() == FindingSeverity.BLOCKER)) {
                consumer.viewId().ifPresent(brokenViews::add);
            }
        }
        // A consumer of a broken view is broken too; repeat until no new view breaks.
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Consumer consumer : consumers) {
                for (Reference reference : consumer.reads()) {
                    Optional<TableId> view = brokenViews.stream().filter(v -> v.matches(reference.table())).findFirst();
                    if (view.isEmpty() || parts.get(consumer).stream().anyMatch(d -> d.specSubjects().contains(view.get())
                            && d.location().equals(view.get().toString()))) {
                        continue;
                    }
                    parts.get(consumer).add(Draft.of(FindingKind.BROKEN_CONSUMER, FindingSeverity.BLOCKER,
                            view.get().toString(), "reads view %s, which the mapping breaks", view.get())
                            .specSubject(view.get()));
                    if (consumer.viewId().isPresent() && brokenViews.add(consumer.viewId().get())) {
                        grew = true;
                    }
                }
            }
        }
        List<Draft> drafts = new ArrayList<>();
        parts.forEach((consumer, found) -> {
            if (!found.isEmpty()) {
                drafts.add(finding(consumer, found));
            }
        });
        return drafts;
    }

    private static Draft finding(Consumer consumer, List<Draft> parts) {
        FindingSeverity severity = parts.stream().anyMatch(d -> d.severity() == FindingSeverity.BLOCKER)
                ? FindingSeverity.BLOCKER : FindingSeverity.WARNING;
        List<String> texts = parts.stream().map(Draft::message).toList();
        String message = parts.size() == 1 ? consumer.label() + " " + texts.get(0)
                : consumer.label() + " uses " + parts.size() + " columns and tables the spec changes: "
                        + String.join("; ", texts);
        Draft draft = Draft.of(FindingKind.BROKEN_CONSUMER, severity, consumer.name().toString(), "%s", message)
                .fix("update %s for the target, or acknowledge it once on the spec "
                        + "(MappingSpec.Builder.acknowledge(\"%s\", BROKEN_CONSUMER, reason))", consumer.label(),
                        consumer.name())
                .specSubject(consumer.name()).parts(parts);
        Optional<TableId> table = parts.stream().map(Draft::sourceTable).flatMap(Optional::stream).findFirst();
        return table.map(t -> new Draft(draft.kind(), draft.severity(), draft.location(), draft.message(), draft.fix(),
                draft.rows(), Optional.of(t), draft.scope(), draft.subjects(), draft.specSubjects(), draft.parts()))
                .orElse(draft);
    }

    /** What the spec changes of one thing a consumer uses, as a part of its finding; empty when nothing. */
    private static Optional<Draft> part(ReviewContext context, Reference reference, String verb) {
        Optional<TableInfo> found = ReviewContext.find(context.source(), reference.table());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TableInfo table = found.get();
        List<TableMapping> mappings = context.mappingsOf(table.id());
        String location = reference.column().map(c -> table.id() + "." + c).orElse(table.id().toString());
        if (mappings.isEmpty()) {
            // A child whose parent is mapped is read through the parent: its rows do migrate.
            if (context.source().ancestors(table).stream().anyMatch(a -> context.isMapped(a.id()))) {
                return Optional.empty();
            }
            return Optional.of(Draft.of(FindingKind.BROKEN_CONSUMER, FindingSeverity.BLOCKER, location,
                    "%s %s, which the spec does not migrate", verb, location).source(table).specSubject(table.id()));
        }
        TableId name = mappings.get(0).source();
        if (reference.column().isPresent()) {
            String column = reference.column().get();
            if (!table.hasColumn(column)) {
                return Optional.empty();
            }
            Change change = change(context, table, mappings, column);
            if (change == null) {
                return Optional.empty();
            }
            return Optional.of(Draft.of(FindingKind.BROKEN_CONSUMER, change.severity(), name + "." + column,
                    "%s %s.%s, %s", verb, name, column, change.description())
                    .source(table).scope(mappings, column, change.targetName() == null ? null
                            : change.targetName().substring(change.targetName().lastIndexOf('.') + 1)));
        }
        List<String> targets = mappings.stream().map(m -> m.target().toString()).distinct().toList();
        boolean renamed = mappings.stream().noneMatch(m -> m.target().name().equals(table.id().name()));
        if (renamed) {
            return Optional.of(Draft.of(FindingKind.BROKEN_CONSUMER, FindingSeverity.BLOCKER, name.toString(),
                    "%s %s, which becomes %s", verb, name, String.join(" and ", targets))
                    .source(table).scope(mappings, table.id().name(), mappings.get(0).target().name()));
        }
        List<String> changes = new ArrayList<>();
        for (ColumnInfo column : table.columns()) {
            Change change = change(context, table, mappings, column.name());
            if (change != null && change.severity() == FindingSeverity.BLOCKER) {
                changes.add(column.name() + " " + change.description().replaceFirst("^which ", ""));
            }
        }
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Draft.of(FindingKind.BROKEN_CONSUMER, FindingSeverity.WARNING, name.toString(),
                "%s all of %s, and the spec changes columns: %s", verb, name, String.join("; ", changes))
                .source(table).scope(mappings, table.id().name()));
    }

    /** What the spec does to a column that a consumer would notice, or null when nothing. */
    private static Change change(ReviewContext context, TableInfo table, List<TableMapping> mappings, String column) {
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
            Optional<ColumnInfo> targetColumn = context.site(mapping).flatMap(ReviewContext.Site::target)
                    .flatMap(t -> t.column(field.get().target()));
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
