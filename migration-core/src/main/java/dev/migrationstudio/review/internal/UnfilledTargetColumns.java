package dev.migrationstudio.review.internal;

import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.review.FindingSeverity;
import java.util.List;

/**
 * Target columns no field fills: {@link FindingKind#UNFILLED_NOT_NULL} when every insert would fail,
 * else {@link FindingKind#UNFILLED_TARGET_COLUMN} (NULL or the default).
 */
final class UnfilledTargetColumns implements ReviewRule.PerTargetTable {

    @Override
    public void checkTable(ReviewContext context, ReviewContext.Site site, TableInfo target,
                           List<Draft> drafts) {
        TableMapping mapping = site.mapping();
        long rows = site.rowsReaching();
        String all = Texts.allRows(rows);
        for (ColumnInfo column : target.columns()) {
            if (mapping.fieldFor(column.name()).isPresent()) {
                continue;
            }
            String location = Texts.column(mapping.target(), column.name());
            Draft draft;
            if (!column.nullable() && !column.hasDefault()) {
                draft = Draft.of(FindingKind.UNFILLED_NOT_NULL, FindingSeverity.BLOCKER, location,
                        "nothing fills NOT NULL column %s, which has no default: %s would fail to insert", location,
                        all)
                        .fix(".fill(\"%s\", value) or .derive(\"%s\", ...), or give the column a default",
                                column.name(), column.name());
            } else if (column.hasDefault()) {
                draft = Draft.of(FindingKind.UNFILLED_TARGET_COLUMN, FindingSeverity.INFO, location,
                        "nothing fills %s: it gets its default (%s) in %s", location,
                        column.defaultExpression().get(), all)
                        .fix("map a source column to it if the default is not what the data says");
            } else {
                draft = Draft.of(FindingKind.UNFILLED_TARGET_COLUMN, FindingSeverity.WARNING, location,
                        "nothing fills %s: it stays NULL in %s", location, all)
                        .fix("map a source column to it, or acknowledge that it stays empty");
            }
            if (rows >= 0) {
                draft = draft.rows(rows);
            }
            drafts.add(draft.source(site.source()).scope(List.of(mapping), column.name()));
        }
    }
}
