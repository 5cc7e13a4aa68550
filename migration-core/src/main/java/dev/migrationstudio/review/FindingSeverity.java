package dev.migrationstudio.review;

/** How much a {@link Finding} matters for going ahead with the migration. */
public enum FindingSeverity {
    /** Data would be lost or the load would fail: fix the mapping, or acknowledge the finding with a reason. */
    BLOCKER,
    /** A risk to look at: nothing is lost today, or the data could not be measured. */
    WARNING,
    /** Worth knowing; no action needed. */
    INFO
}
