package dev.migrationstudio.review.internal;

import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.TableInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * One check of the mapping review. A rule reads the immutable {@link ReviewContext} and returns its
 * findings; acknowledgements are matched afterwards, once, for all rules. Most rules judge one
 * mapping or one field at a time: {@link PerTargetTable} and {@link PerTargetColumn} walk the
 * context for them, so that every rule skips the same unresolved mappings and fields.
 */
@FunctionalInterface
interface ReviewRule {

    /** The findings of this rule, in the order a reader should see them. */
    List<Draft> check(ReviewContext context);

    /**
     * A rule judging each mapping whose target table the target inventory has (a missing one is
     * reported once, by {@link UnknownTables}).
     */
    @FunctionalInterface
    interface PerTargetTable extends ReviewRule {

        /** Adds the findings of one mapping, with its target table, to {@code drafts}. */
        void checkTable(ReviewContext context, ReviewContext.Site site, TableInfo target, List<Draft> drafts);

        @Override
        default List<Draft> check(ReviewContext context) {
            List<Draft> drafts = new ArrayList<>();
            for (ReviewContext.Site site : context.sites()) {
                if (site.target().isPresent()) {
                    checkTable(context, site, site.target().get(), drafts);
                }
            }
            return drafts;
        }
    }

    /**
     * A rule judging each field that reads only columns its source table has and fills a column its
     * target table has (the others are reported as unknown columns; their values cannot be judged).
     */
    @FunctionalInterface
    interface PerTargetColumn extends ReviewRule {

        /** Adds the findings of one field, with the target column it fills, to {@code drafts}. */
        void checkField(ReviewContext.Site site, ReviewContext.Field field, ColumnInfo target, List<Draft> drafts);

        @Override
        default List<Draft> check(ReviewContext context) {
            List<Draft> drafts = new ArrayList<>();
            for (ReviewContext.Site site : context.sites()) {
                for (ReviewContext.Field field : site.fields()) {
                    if (field.readable() && field.targetColumn().isPresent()) {
                        checkField(site, field, field.targetColumn().get(), drafts);
                    }
                }
            }
            return drafts;
        }
    }
}
