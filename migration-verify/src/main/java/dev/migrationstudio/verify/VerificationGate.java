package dev.migrationstudio.verify;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.cutover.GateCheck;
import dev.migrationstudio.cutover.GateDecision;

/**
 * A runbook gate that runs a verification: GO when the report passes, NO_GO otherwise, with the
 * report's summary as evidence. The report is shared with later steps under the key
 * {@value #REPORT_KEY}.
 *
 * <pre>{@code
 * .gate("verification green", VerificationGate.of(Verifier.between(legacy, v2).spec(spec)
 *     .rowCounts().checksums().constraints()))
 * }</pre>
 */
public final class VerificationGate {
    /** The key under which the gate shares its report. */
    public static final String REPORT_KEY = "verification-report";

    private VerificationGate() {
    }

    /**
     * A gate that runs {@code verifier} each time it is evaluated.
     *
     * @param verifier the verifier with its checks; not null
     * @return a gate that says GO only when the report passes; the report is put in the context
     */
    public static GateCheck of(Verifier verifier) {
        checkNotNull(verifier, "verifier");
        return context -> {
            VerificationReport report = verifier.verify();
            context.put(REPORT_KEY, report);
            return GateDecision.of(report.passed(), report.summary());
        };
    }
}
