package dev.migrationstudio.review;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.review.internal.ReviewRules;

/**
 * Reviews a mapping spec against the real source and target schemas and the real source data: lossy
 * narrowing measured on the values, values a cast rejects, columns left behind, NOT NULL and unique
 * constraints the data would break, foreign keys to parents nothing migrates, and every view or
 * declared artifact a rename, retype or drop breaks.
 *
 * <pre>{@code
 * MappingReview review = MappingReviewer.review(spec, sourceInventory, targetInventory,
 *         DataProfiler.of(sourceDataSource));
 * review.blockers().forEach(f -> System.out.println(f.describe()));
 * }</pre>
 *
 * <p>The profile is asked once per source table, with everything the review needs from that table,
 * so that a profile reading a database reads each table once. The profile applies each mapping to the
 * rows with {@link dev.migrationstudio.mapping.TableMapping#trace}, the code the migration runs, so
 * what the review counts (filtered rows, rejected values, NULL keys) is what the migration will do.
 * The checks themselves are rules, each returning its findings from the same immutable view of the
 * spec, the inventories and the measurements; acknowledgements are matched once, afterwards.
 */
public final class MappingReviewer {

    private MappingReviewer() {
    }

    /**
     * Reviews a spec.
     *
     * @param spec the mapping spec
     * @param source the source schema, usually discovered ({@code JdbcInventory.scan(source)}), with
     *     declared artifacts added: their reads and writes are checked too
     * @param target the target schema
     * @param profile the source data ({@code DataProfiler.of(source)}), or {@link DataProfile#none()}
     * @return the review
     * @throws dev.migrationstudio.MigrationException if the profile cannot read the data
     */
    public static MappingReview review(MappingSpec spec, Inventory source, Inventory target, DataProfile profile) {
        checkNotNull(spec, "spec");
        checkNotNull(source, "source inventory");
        checkNotNull(target, "target inventory");
        checkNotNull(profile, "profile");
        ReviewRules.Outcome outcome = ReviewRules.standard().review(spec, source, target, profile);
        return new MappingReview(spec.name(), spec.fingerprint(), outcome.findings(), outcome.profiles(),
                !outcome.profiles().isEmpty(), source);
    }

    /**
     * Reviews a spec against the schemas alone; data-dependent findings say they were not measured.
     *
     * @param spec the mapping spec
     * @param source the source schema
     * @param target the target schema
     * @return the review
     */
    public static MappingReview review(MappingSpec spec, Inventory source, Inventory target) {
        return review(spec, source, target, DataProfile.none());
    }
}
