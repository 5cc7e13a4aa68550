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

    /** Decides whether the cutover may continue. */
    GateDecision evaluate(CutoverContext context) throws Exception;
}
