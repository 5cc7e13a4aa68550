package dev.migrationstudio.cutover;

/** Moments of a cutover at which people are told something. */
public enum CommunicationEvent {
    /** The cutover starts. */
    CUTOVER_STARTED,
    /** A step starts. */
    STEP_STARTED,
    /** A step finishes successfully. */
    STEP_FINISHED,
    /** A step fails. */
    STEP_FAILED,
    /** A step runs longer than expected. */
    STEP_OVERRAN,
    /** A gate decides GO or NO_GO. */
    GATE_DECIDED,
    /** The point of no return is crossed. */
    POINT_OF_NO_RETURN_CROSSED,
    /** The rollback plan runs. */
    ROLLED_BACK,
    /** The cutover ends, whatever the outcome. */
    CUTOVER_FINISHED
}
