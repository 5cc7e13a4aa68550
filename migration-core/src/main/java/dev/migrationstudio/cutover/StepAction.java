package dev.migrationstudio.cutover;

/** What a runbook or rollback step does. Throwing fails the step. */
@FunctionalInterface
public interface StepAction {

    /** Does the step's work. */
    void run(CutoverContext context) throws Exception;
}
