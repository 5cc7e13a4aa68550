package dev.migrationstudio.mapping;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import dev.migrationstudio.mapping.FindingKind;

/**
 * A finding of the mapping review that the spec's authors accept, and why. The review keeps the
 * finding, marks it acknowledged with the reason, and no longer counts it as a blocker.
 *
 * <pre>{@code
 * .table("invoice", t -> t
 *     .key("invoice_id")
 *     .field("total").cast("DECIMAL(6,2)")
 *     .acknowledge("total", FindingKind.VALUES_REJECTED, "3 test invoices above 9,999.99 are quarantined on purpose"))
 * }</pre>
 *
 * @param subject the column the finding is about (source or target name) within a table mapping, or the
 *     source table for acknowledgements made on the whole spec
 * @param kind the kind of finding accepted
 * @param reason why it is acceptable
 */
public record Acknowledgement(String subject, FindingKind kind, String reason) {

    /**
     * Validates the parts.
     *
     * @param subject the column the finding is about (source or target name) within a table mapping, or the source
     *     table for acknowledgements made on the whole spec
     * @param kind the kind of finding accepted
     * @param reason why it is acceptable
     */
    public Acknowledgement {
        Names.requireName(subject, "acknowledged column or table");
        checkNotNull(kind, "kind of the finding acknowledged on %s", subject);
        Names.requireName(reason, "reason of the acknowledgement on " + subject);
    }

    /**
     * E.g. {@code acknowledge VALUES_REJECTED on total: 3 test invoices ...}; part of the spec's fingerprint.
     *
     * @return the description
     */
    public String describe() {
        return "acknowledge " + kind.name() + " on " + subject + ": " + reason;
    }
}
