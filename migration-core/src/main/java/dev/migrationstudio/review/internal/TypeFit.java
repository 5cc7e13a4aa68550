package dev.migrationstudio.review.internal;

import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.mapping.FieldMapping;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.review.FieldProfile;
import dev.migrationstudio.review.FindingSeverity;
import dev.migrationstudio.review.Loss;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether what a field delivers fits its target column: {@link FindingKind#TYPE_INCOMPATIBLE}, and
 * each kind of narrowing (length, precision, scale, integer range, timestamp to date, time zone),
 * judged from the declared types (after casts and converters that say what they deliver) and
 * measured on the values the rules produce.
 */
final class TypeFit implements ReviewRule.PerTargetColumn {

    @Override
    public void checkField(ReviewContext.Site site, ReviewContext.Field f, ColumnInfo targetColumn, List<Draft> drafts) {
        TableMapping mapping = site.mapping();
        FieldMapping field = f.field();
        Optional<FieldProfile> fp = f.profile();
        SqlType to = targetColumn.type();
        Optional<TypeRules.Delivered> delivered = TypeRules.delivered(field, site.source());
        String location = f.location();
        String from = delivered.map(d -> d.type().render()).orElse("computed values");
        List<TableMapping> scope = List.of(mapping);
        String sourceColumn = field.source().orElse(null);

        boolean incompatible = delivered.isPresent() && delivered.get().exact()
                && !TypeRules.compatible(delivered.get().type(), to);
        Optional<Loss> notConverting = fp.flatMap(p -> p.loss(FindingKind.TYPE_INCOMPATIBLE));
        if (incompatible || notConverting.isPresent()) {
            String measuredPart = fp.map(p -> notConverting
                    .map(l -> Texts.count(l.rows()) + " of " + Texts.count(p.rows()) + " values do not convert to "
                            + to.render() + Texts.example("e.g.", l.examples()))
                    .orElse("every one of the " + Texts.count(p.rows()) + " values converts"))
                    .orElse("the data was not measured");
            Draft draft = Draft.of(FindingKind.TYPE_INCOMPATIBLE, FindingSeverity.BLOCKER, location, "%s -> %s%s; %s",
                    from, to.render(), incompatible ? " are different kinds of data with no cast between them" : "",
                    measuredPart)
                    .fix(".cast(\"%s\") and handle the values that do not convert", to.render())
                    .source(site.source()).scope(scope, field.target(), sourceColumn);
            drafts.add(fp.isPresent() ? draft.rows(notConverting.map(Loss::rows).orElse(0L)) : draft);
        }
        Set<FindingKind> kinds = EnumSet.noneOf(FindingKind.class);
        delivered.filter(d -> TypeRules.compatible(d.type(), to))
                .ifPresent(d -> kinds.addAll(TypeRules.narrowings(d.type(), to)));
        fp.ifPresent(p -> kinds.addAll(p.losses().keySet()));
        kinds.remove(FindingKind.TYPE_INCOMPATIBLE);
        kinds.remove(FindingKind.DOMAIN_CONSTRAINT);
        for (FindingKind kind : kinds) {
            Optional<Loss> loss = fp.flatMap(p -> p.loss(kind));
            Draft draft;
            if (loss.isPresent()) {
                draft = Draft.of(kind, FindingSeverity.BLOCKER, location, "%s", Narrowing.measured(kind, loss.get(),
                        fp.get().rows(), to)).rows(loss.get().rows());
            } else if (fp.isPresent()) {
                draft = Draft.of(kind, FindingSeverity.WARNING, location,
                        "%s -> %s narrows (%s), but none of the %s values measured is affected%s; values written "
                                + "before cutover may be", from, to.render(), kind.title(), Texts.count(fp.get().rows()),
                        Narrowing.headroom(kind, field, site.measurement().orElse(null)))
                        .rows(0);
            } else {
                draft = Draft.of(kind, FindingSeverity.WARNING, location,
                        "%s -> %s narrows (%s); the data was not measured", from, to.render(), kind.title());
            }
            drafts.add(draft.fix("%s", Narrowing.fix(kind, to, Texts.column(mapping.target(), field.target()), loss))
                    .source(site.source()).scope(scope, field.target(), sourceColumn));
        }
    }
}
