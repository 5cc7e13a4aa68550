package dev.migrationstudio.test;

import dev.migrationstudio.mapping.RowResult;
import org.assertj.core.api.AbstractObjectAssert;

/** Assertions on a rejected row's rule and reason; reached through {@link RowResultAssert#isRejectedAt}. */
public final class RejectionAssert extends AbstractObjectAssert<RejectionAssert, RowResult.Rejected> {

    private final String subject;

    RejectionAssert(RowResult.Rejected actual, String subject) {
        super(actual, RejectionAssert.class);
        this.subject = subject;
    }

    /**
     * Checks the reason contains this text.
     *
     * @param text part of the reason, e.g. {@code "3 decimal places"}
     * @return this assertion, to check more
     */
    public RejectionAssert withReasonContaining(String text) {
        if (!actual.reason().contains(text)) {
            failWithMessage("Expected the rejection of %s to give a reason containing '%s', but the reason was '%s'",
                    subject, text, actual.reason());
        }
        return this;
    }

    /**
     * Checks which rule rejected the row.
     *
     * @param rule the rule as {@link dev.migrationstudio.mapping.TransformRule#describe()} renders it,
     *     e.g. {@code "cast to DECIMAL(12,2)"}, or {@code "key"} for a NULL key
     * @return this assertion, to check more
     */
    public RejectionAssert byRule(String rule) {
        if (!actual.rule().equals(rule)) {
            failWithMessage("Expected %s to be rejected by rule '%s', but rule '%s' rejected it: %s", subject, rule,
                    actual.rule(), actual.reason());
        }
        return this;
    }
}
