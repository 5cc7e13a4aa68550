package dev.migrationstudio.review.internal;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.review.DataProfile;
import dev.migrationstudio.review.Finding;
import dev.migrationstudio.review.TableProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * The review's rules, in the order their findings are listed (within a severity), and the one pass
 * that runs them: build the {@link ReviewContext}, let each rule return its findings, then match
 * acknowledgements once for all.
 */
public final class ReviewRules {

    /**
     * What one review produced.
     *
     * @param findings every finding, acknowledgements applied, unused acknowledgements last
     * @param profiles the measurements of each source table, in spec order
     */
    public record Outcome(List<Finding> findings, List<TableProfile> profiles) {
        /** Copies the lists. */
        public Outcome {
            findings = List.copyOf(findings);
            profiles = List.copyOf(profiles);
        }
    }

    private final List<ReviewRule> rules;

    private ReviewRules(List<ReviewRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Every rule of the review. */
    public static ReviewRules standard() {
        return new ReviewRules(List.of(
                new UnknownTables(),
                new UnknownSourceColumns(),
                new UnmappedSourceColumns(),
                new RejectedValues(),
                new UnknownTargetColumns(),
                new TypeFit(),
                new UnsupportedTypes(),
                new DomainConstraints(),
                new NullsIntoNotNull(),
                new UnfilledTargetColumns(),
                new GeneratedColumns(),
                new UniqueKeys(),
                new Collations(),
                new NumberingLost(),
                new NonTransactionalTables(),
                new ForeignKeyParents(),
                new UnmappedTables(),
                new InheritedRows(),
                new BrokenConsumers()));
    }

    /**
     * Reviews a spec.
     *
     * @throws dev.migrationstudio.MigrationException if the profile cannot read the data
     */
    public Outcome review(MappingSpec spec, Inventory source, Inventory target, DataProfile profile) {
        checkNotNull(spec, "spec");
        ReviewContext context = ReviewContext.of(spec, source, target, profile);
        List<Draft> drafts = new ArrayList<>();
        for (ReviewRule rule : rules) {
            drafts.addAll(rule.check(context));
        }
        return new Outcome(Acknowledging.findings(spec, drafts), context.profiles());
    }
}
