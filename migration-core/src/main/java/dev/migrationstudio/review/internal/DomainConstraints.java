package dev.migrationstudio.review.internal;

import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.Domain;
import dev.migrationstudio.mapping.FieldMapping;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.review.FieldProfile;
import dev.migrationstudio.review.FindingSeverity;
import dev.migrationstudio.review.Loss;
import java.util.List;
import java.util.Optional;

/**
 * {@link FindingKind#DOMAIN_CONSTRAINT}: columns whose type is a domain with CHECK constraints.
 * Values the target domain's checks refuse (the simple ones, see {@link DomainCheck}) are blockers,
 * measured on the values the rules produce; a source domain whose checks the target column does not
 * keep is a note, so that the constraint is not lost unnoticed.
 */
final class DomainConstraints implements ReviewRule.PerTargetColumn {

    @Override
    public void checkField(ReviewContext.Site site, ReviewContext.Field f, ColumnInfo targetColumn,
                           List<Draft> drafts) {
        target(site, f, targetColumn, drafts);
        source(site, f, targetColumn, drafts);
    }

    /** Values the target domain refuses. */
    private static void target(ReviewContext.Site site, ReviewContext.Field f, ColumnInfo column,
                               List<Draft> drafts) {
        Optional<Domain> domain = column.type().domain().filter(d -> !d.checks().isEmpty());
        if (domain.isEmpty() || sameDomain(site, f.field(), domain.get())) {
            return;
        }
        DomainCheck check = DomainCheck.of(domain.get());
        Optional<FieldProfile> fp = f.profile();
        Optional<Loss> loss = fp.flatMap(p -> p.loss(FindingKind.DOMAIN_CONSTRAINT));
        String checks = String.join(" ", domain.get().checks());
        String targetColumn = Texts.column(site.mapping().target(), f.field().target());
        Draft draft;
        if (loss.isPresent()) {
            draft = Draft.of(FindingKind.DOMAIN_CONSTRAINT, FindingSeverity.BLOCKER, f.location(),
                    "%s of %s values break %s of %s's domain %s (e.g. key %s, value %s)", Texts.count(loss.get().rows()),
                    Texts.count(fp.get().rows()), checks, targetColumn, domain.get().name(),
                    loss.get().examples().isEmpty() ? "?" : loss.get().examples().get(0).key(),
                    loss.get().examples().isEmpty() ? "?" : loss.get().examples().get(0).value())
                    .rows(loss.get().rows());
        } else if (fp.isPresent() && check.complete()) {
            return;
        } else if (fp.isPresent()) {
            draft = Draft.of(FindingKind.DOMAIN_CONSTRAINT, FindingSeverity.WARNING, f.location(),
                    "%s is of domain %s, %s; the review could not evaluate all of it%s", targetColumn,
                    domain.get().name(), checks, check.evaluable()
                            ? " (none of the " + Texts.count(fp.get().rows()) + " values breaks the parts it could)"
                            : "")
                    .rows(0);
        } else {
            draft = Draft.of(FindingKind.DOMAIN_CONSTRAINT, FindingSeverity.WARNING, f.location(),
                    "%s is of domain %s, %s; the data was not measured", targetColumn, domain.get().name(), checks);
        }
        drafts.add(draft.fix("fix the values, keep those rows out with a named filter, or convert them to what %s "
                        + "accepts", domain.get().name())
                .source(site.source()).scope(List.of(site.mapping()), f.field().target(),
                        f.field().source().orElse(null)));
    }

    /** A source domain whose checks the target column does not keep. */
    private static void source(ReviewContext.Site site, ReviewContext.Field f, ColumnInfo column,
                               List<Draft> drafts) {
        FieldMapping field = f.field();
        Optional<Domain> domain = field.source().flatMap(site.source()::column).flatMap(c -> c.type().domain())
                .filter(d -> !d.checks().isEmpty());
        if (domain.isEmpty()) {
            return;
        }
        Optional<Domain> target = column.type().domain();
        if (target.isPresent() && target.get().checks().equals(domain.get().checks())) {
            return;
        }
        TableMapping mapping = site.mapping();
        String targetColumn = Texts.column(mapping.target(), field.target());
        drafts.add(Draft.of(FindingKind.DOMAIN_CONSTRAINT, FindingSeverity.INFO, f.location(),
                "%s is of domain %s, %s; %s (%s) does not keep that constraint, so values written after cutover "
                        + "are not checked", Texts.column(mapping.source(), field.source().get()), domain.get().name(),
                String.join(" ", domain.get().checks()), targetColumn, column.type().describe())
                .fix("create the domain in the target and use it for %s, or add the CHECK to the column",
                        targetColumn)
                .source(site.source()).scope(List.of(mapping), field.target(), field.source().get()));
    }

    /** Whether the field copies a source column of a domain with the same checks: the source already kept them. */
    private static boolean sameDomain(ReviewContext.Site site, FieldMapping field, Domain domain) {
        boolean plainCopy = field.rules().stream().allMatch(r -> r instanceof dev.migrationstudio.mapping.TransformRule.Rename);
        return plainCopy && field.source().flatMap(site.source()::column).flatMap(c -> c.type().domain())
                .map(d -> d.checks().equals(domain.checks())).orElse(false);
    }
}
