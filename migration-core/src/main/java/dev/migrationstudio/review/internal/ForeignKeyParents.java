package dev.migrationstudio.review.internal;

import dev.migrationstudio.inventory.ForeignKeyInfo;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.FieldMapping;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.review.FindingSeverity;
import dev.migrationstudio.review.TableProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link FindingKind#FK_PARENT_NOT_MIGRATED}: a foreign key of a target table whose parent no mapping
 * fills: a blocker when the parent is empty or unknown, a warning when it already holds rows.
 */
final class ForeignKeyParents implements ReviewRule.PerTargetTable {

    @Override
    public void checkTable(ReviewContext context, ReviewContext.Site site, TableInfo targetTable,
                           List<Draft> drafts) {
        TableMapping mapping = site.mapping();
        Optional<TableProfile> measurement = site.measurement();
        for (ForeignKeyInfo fk : targetTable.foreignKeys()) {
            Optional<TableInfo> parent = parentOf(context.target(), fk, targetTable);
            if (parent.isPresent() && parent.get().id().equals(targetTable.id())) {
                continue;
            }
            if (parent.isPresent() && context.isTargetFilled(parent.get().id())) {
                continue;
            }
            List<FieldMapping> feeding = fk.columns().stream().map(mapping::fieldFor).flatMap(Optional::stream).toList();
            if (feeding.isEmpty()) {
                continue;
            }
            OptionalLong withValue = OptionalLong.empty();
            if (fk.columns().size() == 1 && feeding.get(0).source().isPresent()) {
                withValue = measurement.flatMap(p -> p.column(feeding.get(0).source().get()))
                        .map(c -> OptionalLong.of(c.nonNull())).orElse(OptionalLong.empty());
            }
            String location = mapping.target() + "(" + String.join(", ", fk.columns()) + ")";
            String parentName = parent.map(p -> p.id().toString()).orElse(fk.referencedTable().toString());
            String values = withValue.isPresent()
                    ? Texts.count(withValue.getAsLong()) + " of " + Texts.count(measurement.get().rows())
                            + " rows have a value"
                    : "rows with a value";
            long parentRows = parent.map(p -> p.rowCount().orElse(0)).orElse(0L);
            Draft draft;
            if (parentRows > 0) {
                draft = Draft.of(FindingKind.FK_PARENT_NOT_MIGRATED, FindingSeverity.WARNING, location,
                        "foreign key %s references %s, which the spec does not migrate; it holds %s rows in the "
                                + "target, which the %s (%s) must match", fk.name(), parentName,
                        Texts.count(parentRows), String.join(", ", fk.columns()), values);
            } else {
                draft = Draft.of(FindingKind.FK_PARENT_NOT_MIGRATED, FindingSeverity.BLOCKER, location,
                        "foreign key %s references %s, which the spec does not migrate and which is %s: %s, and "
                                + "each would violate the key", fk.name(), parentName,
                        parent.isPresent() ? "empty in the target" : "not in the target inventory", values);
            }
            List<String> subjects = new ArrayList<>(fk.columns());
            subjects.add(fk.name());
            drafts.add(draft.rows(withValue).fix("map the source table that fills %s, or acknowledge that it is "
                    + "loaded another way", parentName).source(site.source())
                    .scope(List.of(mapping), subjects.toArray(String[]::new)));
        }
    }

    private static Optional<TableInfo> parentOf(Inventory target, ForeignKeyInfo fk, TableInfo child) {
        TableId reference = fk.referencedTable();
        if (reference.schema().isEmpty() && !child.id().schema().isEmpty()) {
            Optional<TableInfo> sameSchema = ReviewContext.find(target, new TableId(child.id().schema(),
                    reference.name()));
            if (sameSchema.isPresent()) {
                return sameSchema;
            }
        }
        return ReviewContext.find(target, reference);
    }
}
