package dev.migrationstudio.review;

import dev.migrationstudio.inventory.Artifact;
import dev.migrationstudio.inventory.DependencyGraph;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.Reference;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.ViewInfo;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.risk.Likelihood;
import dev.migrationstudio.risk.Risk;
import dev.migrationstudio.risk.Severity;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Turns review findings into risks with blast radii. */
final class ReviewRisks {

    /** Kinds whose likelihood follows from the number of rows measured. */
    private static final Set<FindingKind> MEASURED = EnumSet.of(FindingKind.LENGTH_NARROWING,
            FindingKind.PRECISION_NARROWING, FindingKind.SCALE_NARROWING, FindingKind.INTEGER_RANGE,
            FindingKind.TIMESTAMP_TO_DATE, FindingKind.TIME_ZONE_LOSS, FindingKind.TYPE_INCOMPATIBLE,
            FindingKind.VALUES_REJECTED, FindingKind.NULLS_INTO_NOT_NULL, FindingKind.NON_UNIQUE_KEY,
            FindingKind.UNMAPPED_SOURCE_COLUMN, FindingKind.DOMAIN_CONSTRAINT);

    private ReviewRisks() {
    }

    static List<Risk> of(MappingReview review) {
        Inventory source = review.source();
        DependencyGraph graph = source.dependencyGraph();
        List<Risk> risks = new ArrayList<>();
        for (Finding finding : review.findings()) {
            if (finding.severity() == FindingSeverity.INFO) {
                continue;
            }
            Risk risk = Risk.automatic("review-" + finding.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    finding.kind().title() + " at " + finding.location() + ": " + finding.message(),
                    finding.severity() == FindingSeverity.BLOCKER ? Severity.HIGH : Severity.MEDIUM,
                    likelihood(finding),
                    finding.acknowledgement().map(r -> "Accepted: " + r).orElse(finding.fix()),
                    List.of(finding.location()));
            risks.add(risk.withBlastRadius(finding.sourceTable().map(t -> radius(source, graph, t)).orElse(List.of())));
        }
        return List.copyOf(risks);
    }

    private static Likelihood likelihood(Finding finding) {
        if (!MEASURED.contains(finding.kind())) {
            return finding.severity() == FindingSeverity.BLOCKER ? Likelihood.ALMOST_CERTAIN : Likelihood.POSSIBLE;
        }
        if (finding.affectedRows().isEmpty()) {
            return Likelihood.POSSIBLE;
        }
        return finding.affectedRows().getAsLong() > 0 ? Likelihood.ALMOST_CERTAIN : Likelihood.UNLIKELY;
    }

    /** Tables depending on {@code table} through foreign keys, and the views and artifacts reading any of them. */
    static List<String> radius(Inventory source, DependencyGraph graph, TableId table) {
        DependencyGraph.BlastRadius blast = graph.blastRadius(table);
        Set<TableId> touched = new TreeSet<>(blast.tables());
        touched.add(table);
        Set<String> radius = new TreeSet<>();
        blast.tables().forEach(t -> radius.add("table " + t));
        blast.artifacts().forEach(a -> radius.add("artifact " + a));
        for (ViewInfo view : source.views()) {
            if (readsAny(view.reads(), touched)) {
                radius.add("view " + view.id());
            }
        }
        for (Artifact artifact : source.artifacts()) {
            if (readsAny(artifact.touches(), touched)) {
                radius.add("artifact " + artifact.name());
            }
        }
        return List.copyOf(radius);
    }

    private static boolean readsAny(List<Reference> references, Set<TableId> tables) {
        return references.stream().anyMatch(r -> tables.stream().anyMatch(t -> t.matches(r.table())));
    }
}
