package dev.migrationstudio.cutover;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A go/no-go decision with the evidence it rests on.
 *
 * @param go whether the cutover may continue
 * @param evidence what the decision rests on, e.g. "verification passed: 11 tables, 0 differences"
 */
public record GateDecision(boolean go, String evidence) {

    /**
     * Validates the evidence.
     *
     * @param go whether the cutover may continue
     * @param evidence what the decision rests on, e.g. "verification passed: 11 tables, 0 differences"
     */
    public GateDecision {
        checkNotNull(evidence, "evidence");
    }

    /**
     * GO, with evidence.
     *
     * @param evidence why, for the record
     * @return a GO decision
     */
    public static GateDecision go(String evidence) {
        return new GateDecision(true, evidence);
    }

    /**
     * NO_GO, with evidence.
     *
     * @param evidence why, for the record
     * @return a NO_GO decision
     */
    public static GateDecision noGo(String evidence) {
        return new GateDecision(false, evidence);
    }

    /**
     * GO when {@code condition} holds, NO_GO otherwise, with the same evidence either way.
     *
     * @param condition whether the cutover may go on
     * @param evidence what was checked, for the record
     * @return the decision
     */
    public static GateDecision of(boolean condition, String evidence) {
        return new GateDecision(condition, evidence);
    }

    /**
     * {@code GO} or {@code NO_GO}.
     *
     * @return the label
     */
    public String label() {
        return go ? "GO" : "NO_GO";
    }
}
