package dev.migrationstudio.verify;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.cutover.GateCheck;
import dev.migrationstudio.cutover.GateDecision;

/**
 * A runbook gate on functional and performance parity: GO when the verification passes (replayed
 * queries return the same results on both sides) and no replayed query is slower on the target than
 * the replay's threshold ({@link dev.migrationstudio.verify.replay.Replay#slowerThan}). The report is
 * shared with later steps under {@link VerificationGate#REPORT_KEY}.
 *
 * <pre>{@code
 * .gate("applications see the same, as fast", ParityGate.of(Verifier.between(legacy, v2).spec(spec)
 *     .replay(Replay.of(QueryLog.fromPgStatStatements(legacy).top(50, QueryLog.Ranking.TOTAL_TIME)))))
 * }</pre>
 */
public final class ParityGate {

    private ParityGate() {
    }

    /**
     * A gate that runs {@code verifier} each time it is evaluated.
     *
     * @param verifier the verifier with parity checks; not null
     * @return a gate that says GO only when the report passes and has no performance finding
     */
    public static GateCheck of(Verifier verifier) {
        checkNotNull(verifier, "verifier");
        return context -> {
            VerificationReport report = verifier.verify();
            context.put(VerificationGate.REPORT_KEY, report);
            StringBuilder evidence = new StringBuilder(report.summary());
            report.performanceFindings().forEach(f -> evidence.append("\n  - ").append(f));
            return GateDecision.of(report.passed() && report.performanceFindings().isEmpty(), evidence.toString());
        };
    }
}
