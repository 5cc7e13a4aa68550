package dev.migrationstudio.cutover;

/** What a runbook or rollback step does. Throwing fails the step. */
@FunctionalInterface
public interface StepAction {

    /**
     * Does the step's work.
     *
     * @param context the running cutover: evidence, shared values, whether it is a rehearsal
     * @throws Exception when the step fails; the cutover then rolls back, or halts after the point of no return
     */
    void run(CutoverContext context) throws Exception;
}
