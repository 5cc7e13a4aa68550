package dev.migrationstudio.cutover;

/**
 * A go/no-go check. Throwing counts as NO_GO, with the exception as evidence.
 *
 * <pre>{@code
 * .gate("verification green", ctx -> GateDecision.of(report.passed(), report.summary()))
 * }</pre>
 */
@FunctionalInterface
public interface GateCheck {

    /**
     * Decides whether the cutover may continue.
     *
     * @param context the running cutover: evidence, shared values, whether it is a rehearsal
     * @return GO or NO_GO with its evidence
     * @throws Exception when the check cannot decide; the cutover treats it as NO_GO
     */
    GateDecision evaluate(CutoverContext context) throws Exception;
}
