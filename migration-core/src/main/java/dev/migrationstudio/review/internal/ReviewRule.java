package dev.migrationstudio.review.internal;

import java.util.List;

/**
 * One check of the mapping review. A rule reads the immutable {@link ReviewContext} and returns its
 * findings; acknowledgements are matched afterwards, once, for all rules.
 */
@FunctionalInterface
interface ReviewRule {

    /** The findings of this rule, in the order a reader should see them. */
    List<Draft> check(ReviewContext context);
}
