package dev.migrationstudio.review.internal;

import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.review.FindingSeverity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link FindingKind#ROWS_COPIED_TWICE}: a source table mapped together with its inheritance parent
 * or partitioned table. Reading the parent returns the child's rows, so both mappings copy them.
 */
final class InheritedRows implements ReviewRule {

    @Override
    public List<Draft> check(ReviewContext context) {
        List<Draft> drafts = new ArrayList<>();
        for (ReviewContext.Site site : context.sites()) {
            TableInfo child = site.source();
            Optional<TableInfo> mappedAncestor = context.source().ancestors(child).stream()
                    .filter(a -> context.isMapped(a.id())).findFirst();
            if (mappedAncestor.isEmpty()) {
                continue;
            }
            TableInfo parent = mappedAncestor.get();
            String how = child.inheritance().orElseThrow().describe();
            String rows = child.rowCount().isPresent()
                    ? Texts.count(child.rowCount().getAsLong()) + (child.rowCountEstimated() ? " (estimated)" : "")
                            + " rows"
                    : "rows";
            Draft draft = Draft.of(FindingKind.ROWS_COPIED_TWICE, FindingSeverity.WARNING, child.id().toString(),
                    "%s (%s) is mapped, and so is %s, whose reads already return its %s: they would be copied twice "
                            + "(by %s and by %s)", child.id(), how, parent.id(), rows, site.mapping().describe(),
                    context.mappingsOf(parent.id()).get(0).describe())
                    .fix("map only %s, or only the children and partitions and not their parent", parent.id())
                    .source(child).scope(List.of(site.mapping()), child.id().name()).specSubject(child.id());
            drafts.add(child.rowCount().isPresent() ? draft.rows(child.rowCount().getAsLong()) : draft);
        }
        return drafts;
    }
}
