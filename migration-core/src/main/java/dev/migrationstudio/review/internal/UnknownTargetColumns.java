package dev.migrationstudio.review.internal;

import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.review.FindingSeverity;
import java.util.List;

/** {@link FindingKind#UNKNOWN_TARGET_COLUMN}: a field filling a column the target table does not have. */
final class UnknownTargetColumns implements ReviewRule.PerTargetTable {

    @Override
    public void checkTable(ReviewContext context, ReviewContext.Site site, TableInfo target,
                           List<Draft> drafts) {
        for (ReviewContext.Field f : site.fields()) {
            if (f.targetColumn().isPresent()) {
                continue;
            }
            drafts.add(Draft.of(FindingKind.UNKNOWN_TARGET_COLUMN, FindingSeverity.BLOCKER,
                    Texts.column(site.mapping().target(), f.field().target()), "%s has no column %s (columns: %s)",
                    target.id(), f.field().target(), String.join(", ", target.columnNames()))
                    .fix("correct the target column name, or add the column to the target schema")
                    .source(site.source())
                    .scope(List.of(site.mapping()), f.field().target(), f.field().source().orElse(null)));
        }
    }
}
