package dev.migrationstudio.review;

import dev.migrationstudio.format.Formats;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.risk.Risk;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a {@link MappingReviewer} run: every finding, with measured numbers and fixes,
 * blockers first. The review passes when no blocker is left unacknowledged.
 *
 * <pre>{@code
 * if (!review.passed()) {
 *     review.blockers().forEach(f -> System.out.println(f.describe()));
 * }
 * RiskRegister risks = RiskRules.standard().assess(inventory).toBuilder().risks(review.risks()).build();
 * EvidencePack pack = plan.evidencePack().with(review);
 * }</pre>
 */
public final class MappingReview {
    private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(Finding::isAcknowledged);

    private final String specName;
    private final String specFingerprint;
    private final List<Finding> findings;
    private final List<TableProfile> profiles;
    private final boolean measured;
    private final Inventory source;

    MappingReview(String specName, String specFingerprint, List<Finding> findings, List<TableProfile> profiles,
                  boolean measured, Inventory source) {
        this.specName = specName;
        this.specFingerprint = specFingerprint;
        this.findings = findings.stream().sorted(ORDER).toList();
        this.profiles = List.copyOf(profiles);
        this.measured = measured;
        this.source = source;
    }

    /**
     * The name of the spec reviewed.
     *
     * @return the spec's name
     */
    public String specName() {
        return specName;
    }

    /**
     * The fingerprint of the spec reviewed: a changed spec needs a new review.
     *
     * @return the fingerprint
     */
    public String specFingerprint() {
        return specFingerprint;
    }

    /**
     * Every finding: blockers, then warnings, then notes; acknowledged ones after the others of their severity.
     *
     * @return the findings, unmodifiable
     */
    public List<Finding> findings() {
        return findings;
    }

    /**
     * The findings of one kind.
     *
     * @param kind the kind
     * @return those findings; empty when there is none
     */
    public List<Finding> findings(FindingKind kind) {
        return findings.stream().filter(f -> f.kind() == kind).toList();
    }

    /**
     * Blockers the spec does not acknowledge: each stops the migration until fixed or acknowledged.
     *
     * @return the open blockers; empty when the review passed
     */
    public List<Finding> blockers() {
        return findings.stream().filter(Finding::isBlocking).toList();
    }

    /**
     * Findings the spec acknowledges, with their reasons.
     *
     * @return the acknowledged findings; empty when there is none
     */
    public List<Finding> acknowledged() {
        return findings.stream().filter(Finding::isAcknowledged).toList();
    }

    /**
     * Findings of severity WARNING.
     *
     * @return the warnings, acknowledged or not
     */
    public List<Finding> warnings() {
        return findings.stream().filter(f -> f.severity() == FindingSeverity.WARNING).toList();
    }

    /**
     * Findings of severity INFO.
     *
     * @return the notes, acknowledged or not
     */
    public List<Finding> notes() {
        return findings.stream().filter(f -> f.severity() == FindingSeverity.INFO).toList();
    }

    /**
     * Whether no blocker is left unacknowledged.
     *
     * @return {@code true} when {@link #blockers()} is empty
     */
    public boolean passed() {
        return blockers().isEmpty();
    }

    /**
     * Whether the source data was measured (false when reviewed with {@link DataProfile#none()}).
     *
     * @return {@code true} if the data was measured
     */
    public boolean measured() {
        return measured;
    }

    /**
     * The measurements of each source table, in spec order; empty when the data was not measured.
     *
     * @return the profiles
     */
    public List<TableProfile> profiles() {
        return profiles;
    }

    /**
     * The source inventory the spec was reviewed against.
     *
     * @return the source inventory
     */
    public Inventory source() {
        return source;
    }

    /**
     * E.g. {@code NOT PASSED: 3 blockers, 5 warnings, 2 notes (4 acknowledged)}: the counts of the review
     * document's sections.
     *
     * @return the verdict and counts, on one line
     */
    public String summary() {
        // The counts are those of the review document's sections: open blockers, warnings and notes,
        // and every acknowledged finding once, whatever its severity.
        long warnings = warnings().stream().filter(f -> !f.isAcknowledged()).count();
        long notes = notes().stream().filter(f -> !f.isAcknowledged()).count();
        long acknowledged = acknowledged().size();
        return (passed() ? "PASSED" : "NOT PASSED") + ": " + Formats.plural(blockers().size(), "blocker") + ", "
                + Formats.plural(warnings, "warning") + ", " + Formats.plural(notes, "note")
                + (acknowledged == 0 ? "" : " (" + acknowledged + " acknowledged)");
    }

    /**
     * The blockers and warnings as risks for the register, each with its blast radius in the source
     * inventory (tables referencing the table through foreign keys, views and artifacts reading any of
     * them). Acknowledged blockers stay in, with the acknowledgement as their mitigation.
     *
     * <pre>{@code
     * RiskRegister risks = RiskRules.standard().assess(inventory).toBuilder().risks(review.risks()).build();
     * }</pre>
     *
     * @return the risks; empty when there is no blocker or warning
     */
    public List<Risk> risks() {
        return ReviewRisks.of(this);
    }

    @Override
    public String toString() {
        return "MappingReview[" + specName + ", " + summary() + "]";
    }
}
