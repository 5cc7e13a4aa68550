package dev.migrationstudio.review.internal;

import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.review.ColumnProfile;
import dev.migrationstudio.review.FindingSeverity;
import dev.migrationstudio.review.TableProfile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link FindingKind#UNMAPPED_SOURCE_COLUMN}: a column of a mapped source table that no mapping of
 * that table reads or drops: its data would be left behind.
 */
final class UnmappedSourceColumns implements ReviewRule {

    @Override
    public List<Draft> check(ReviewContext context) {
        Map<TableId, List<ReviewContext.Site>> byTable = new LinkedHashMap<>();
        context.sites().forEach(s -> byTable.computeIfAbsent(s.source().id(), k -> new ArrayList<>()).add(s));
        List<Draft> drafts = new ArrayList<>();
        byTable.values().forEach(sites -> check(sites, drafts));
        return drafts;
    }

    private static void check(List<ReviewContext.Site> sites, List<Draft> drafts) {
        TableInfo table = sites.get(0).source();
        Optional<TableProfile> measurement = sites.get(0).measurement();
        List<TableMapping> mappings = sites.stream().map(ReviewContext.Site::mapping).toList();
        Set<String> mentioned = new HashSet<>();
        mappings.forEach(m -> mentioned.addAll(m.sourceColumnsMentioned()));
        TableId name = mappings.get(0).source();
        for (ColumnInfo column : table.columns()) {
            if (mentioned.contains(column.name())) {
                continue;
            }
            Optional<ColumnProfile> measuredColumn = measurement.flatMap(p -> p.column(column.name()));
            String location = Texts.column(name, column.name());
            Draft draft;
            if (measuredColumn.isEmpty()) {
                draft = Draft.of(FindingKind.UNMAPPED_SOURCE_COLUMN, FindingSeverity.BLOCKER, location,
                        "%s is neither mapped nor dropped; its data would be left behind (not measured)", location);
            } else if (measuredColumn.get().nonNull() == 0) {
                draft = Draft.of(FindingKind.UNMAPPED_SOURCE_COLUMN, FindingSeverity.WARNING, location,
                        "%s is neither mapped nor dropped; it is NULL in all %s rows", location,
                        Texts.count(measuredColumn.get().rows())).rows(0);
            } else {
                ColumnProfile c = measuredColumn.get();
                draft = Draft.of(FindingKind.UNMAPPED_SOURCE_COLUMN, FindingSeverity.BLOCKER, location,
                        "%s is neither mapped nor dropped: %s of %s rows hold a value that would be left behind",
                        location, Texts.count(c.nonNull()), Texts.count(c.rows())).rows(c.nonNull());
            }
            drafts.add(draft.fix(".field(\"%s\") to carry it, or .drop(\"%s\", reason) to leave it behind on purpose",
                    column.name(), column.name()).source(table).scope(mappings, column.name()));
        }
    }
}
