package dev.migrationstudio.review.internal;

import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.FieldMapping;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.mapping.TransformRule;
import dev.migrationstudio.review.FindingSeverity;
import java.util.ArrayList;
import java.util.List;

/** {@link FindingKind#UNKNOWN_SOURCE_COLUMN}: a field, derivation, filter or drop naming a column the source lacks. */
final class UnknownSourceColumns implements ReviewRule {

    @Override
    public List<Draft> check(ReviewContext context) {
        List<Draft> drafts = new ArrayList<>();
        for (ReviewContext.Site site : context.sites()) {
            TableInfo table = site.source();
            TableMapping mapping = site.mapping();
            String columns = String.join(", ", table.columnNames());
            List<TableMapping> scope = List.of(mapping);
            for (FieldMapping field : mapping.fields()) {
                if (field.source().isPresent() && !table.hasColumn(field.source().get())) {
                    drafts.add(Draft.of(FindingKind.UNKNOWN_SOURCE_COLUMN, FindingSeverity.BLOCKER,
                            Texts.column(mapping.source(), field.source().get()),
                            "field %s copies %s, which source table %s does not have (columns: %s)", field.target(),
                            field.source().get(), table.id(), columns)
                            .fix("correct the source column name").source(table)
                            .scope(scope, field.source().get(), field.target()));
                }
                field.derivation().ifPresent(derive -> derive.reads().stream().filter(c -> !table.hasColumn(c))
                        .forEach(c -> drafts.add(Draft.of(FindingKind.UNKNOWN_SOURCE_COLUMN, FindingSeverity.BLOCKER,
                                Texts.column(mapping.source(), c),
                                "derived column %s reads %s, which source table %s does not have (columns: %s)",
                                field.target(), c, table.id(), columns)
                                .fix("correct the derivation's declared reads").source(table)
                                .scope(scope, c, field.target()))));
            }
            for (TransformRule.Filter filter : mapping.filters()) {
                filter.reads().stream().filter(c -> !table.hasColumn(c))
                        .forEach(c -> drafts.add(Draft.of(FindingKind.UNKNOWN_SOURCE_COLUMN, FindingSeverity.BLOCKER,
                                Texts.column(mapping.source(), c), "filter '%s' reads %s, which source table %s does "
                                        + "not have (columns: %s)", filter.name(), c, table.id(), columns)
                                .fix("correct the filter's declared reads").source(table).scope(scope, c)));
            }
            for (TransformRule.Drop drop : mapping.drops()) {
                if (!table.hasColumn(drop.column())) {
                    drafts.add(Draft.of(FindingKind.UNKNOWN_SOURCE_COLUMN, FindingSeverity.BLOCKER,
                            Texts.column(mapping.source(), drop.column()),
                            "the spec drops %s, which source table %s does not have (columns: %s)", drop.column(),
                            table.id(), columns)
                            .fix("remove the drop or correct its column name").source(table)
                            .scope(scope, drop.column()));
                }
            }
        }
        return drafts;
    }
}
