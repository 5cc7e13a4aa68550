package dev.migrationstudio.review.internal;

import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.review.FindingSeverity;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@link FindingKind#UNMAPPED_SOURCE_TABLE}: a source table no mapping reads, so its data stays
 * behind. Inheritance children and partitions are not reported on their own: reading their parent
 * returns their rows, so the parent's mapping (or the parent's finding) covers them.
 */
final class UnmappedTables implements ReviewRule {

    @Override
    public List<Draft> check(ReviewContext context) {
        Inventory source = context.source();
        List<Draft> drafts = new ArrayList<>();
        for (TableInfo table : source.tables()) {
            if (context.isMapped(table.id()) || !source.ancestors(table).isEmpty()) {
                continue;
            }
            String rows = table.rowCount().isPresent()
                    ? Texts.count(table.rowCount().getAsLong()) + (table.rowCountEstimated() ? " (estimated)" : "")
                            + " rows"
                    : "row count unknown";
            List<TableInfo> children = descendants(source, table);
            String nested = children.isEmpty() ? "" : ", with its inheritance children and partitions "
                    + children.stream().map(t -> t.id().toString()).collect(Collectors.joining(", "));
            Draft draft = Draft.of(FindingKind.UNMAPPED_SOURCE_TABLE, FindingSeverity.WARNING, table.id().toString(),
                    "%s (%s) is not mapped: its data stays behind%s", table.id(), rows, nested)
                    .fix("map it, or acknowledge on the spec why it stays behind "
                            + "(MappingSpec.Builder.acknowledge(\"%s\", UNMAPPED_SOURCE_TABLE, reason))",
                            table.id().name())
                    .source(table).specSubject(table.id());
            drafts.add(table.rowCount().isPresent() ? draft.rows(table.rowCount().getAsLong()) : draft);
        }
        return drafts;
    }

    private static List<TableInfo> descendants(Inventory source, TableInfo table) {
        List<TableInfo> found = new ArrayList<>();
        List<TableInfo> next = new ArrayList<>(source.children(table.id()));
        while (!next.isEmpty()) {
            TableInfo child = next.remove(0);
            if (!found.contains(child) && child != table) {
                found.add(child);
                next.addAll(source.children(child.id()));
            }
        }
        return found;
    }
}
