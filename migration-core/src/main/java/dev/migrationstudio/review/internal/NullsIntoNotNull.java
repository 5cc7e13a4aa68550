package dev.migrationstudio.review.internal;

import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.mapping.FieldMapping;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.mapping.TransformRule;
import dev.migrationstudio.review.FieldProfile;
import dev.migrationstudio.review.FindingSeverity;
import java.util.List;
import java.util.Optional;

/** {@link FindingKind#NULLS_INTO_NOT_NULL}: a NOT NULL target column fed by values that are (or may be) NULL. */
final class NullsIntoNotNull implements ReviewRule.PerTargetColumn {

    @Override
    public void checkField(ReviewContext.Site site, ReviewContext.Field f, ColumnInfo column,
                           List<Draft> drafts) {
        if (column.nullable()) {
            return;
        }
        TableMapping mapping = site.mapping();
        FieldMapping field = f.field();
        Optional<FieldProfile> fp = f.profile();
        boolean mayBeNull = field.source().flatMap(site.source()::column).map(ColumnInfo::nullable).orElse(false)
                && field.rules().stream().noneMatch(r -> r instanceof TransformRule.DefaultFill
                        || r instanceof TransformRule.Constant || r instanceof TransformRule.Derive);
        String targetColumn = Texts.column(mapping.target(), field.target());
        Draft draft;
        if (fp.isPresent() && fp.get().nulls() > 0) {
            FieldProfile p = fp.get();
            draft = Draft.of(FindingKind.NULLS_INTO_NOT_NULL, FindingSeverity.BLOCKER, f.location(),
                    "%s of %s rows would put NULL into NOT NULL column %s (e.g. key %s)", Texts.count(p.nulls()),
                    Texts.count(p.rows()), targetColumn, p.nullExamples().get(0).key())
                    .rows(p.nulls());
        } else if (fp.isPresent() && mayBeNull) {
            draft = Draft.of(FindingKind.NULLS_INTO_NOT_NULL, FindingSeverity.INFO, f.location(),
                    "none of the %s rows is NULL today, but %s allows NULL and %s does not", Texts.count(fp.get().rows()),
                    Texts.column(mapping.source(), field.source().get()), targetColumn)
                    .rows(0);
        } else if (fp.isEmpty() && mayBeNull) {
            draft = Draft.of(FindingKind.NULLS_INTO_NOT_NULL, FindingSeverity.WARNING, f.location(),
                    "%s allows NULL and %s does not; the data was not measured",
                    Texts.column(mapping.source(), field.source().get()), targetColumn);
        } else {
            return;
        }
        drafts.add(draft.fix(".ifNull(value) to fill them, a named filter to keep those rows out, or make %s nullable",
                targetColumn).source(site.source())
                .scope(List.of(mapping), field.target(), field.source().orElse(null)));
    }
}
