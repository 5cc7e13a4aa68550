package dev.migrationstudio.cutover;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * What runbook and rollback steps share in the DSL: owner, expected duration, action, description,
 * communication. Each method returns the concrete step builder, so the chain goes on.
 *
 * @param <S> the concrete step builder
 */
public abstract class StepOptions<S extends StepOptions<S>> {
    final StepDraft draft;

    StepOptions(StepDraft draft) {
        this.draft = draft;
    }

    /** This builder, typed as the concrete one. */
    abstract S self();

    /**
     * Who carries the step out.
     *
     * @param owner a team or person, e.g. {@code "dba on call"}; not blank (a problem {@code build()} reports
     *     otherwise)
     * @return this builder
     */
    public S owner(String owner) {
        draft.owner(owner);
        return self();
    }

    /**
     * How long the step should take; overruns are announced.
     *
     * @param duration the expected duration; positive (a problem {@code build()} reports otherwise)
     * @return this builder
     */
    public S expect(Duration duration) {
        draft.expect(duration);
        return self();
    }

    /**
     * What the step does; without an action the step is manual.
     *
     * @param action the step's work; not null, and one per step (a problem {@code build()} reports otherwise)
     * @return this builder
     */
    public S run(StepAction action) {
        draft.run(action);
        return self();
    }

    /**
     * What the step is, how to do it by hand, what to check.
     *
     * @param text the description; not null
     * @return this builder
     */
    public S description(String text) {
        draft.description = checkNotNull(text, "description");
        return self();
    }

    /**
     * Tells an audience something when this step starts, finishes, fails or overruns.
     *
     * @param when the step event that sends the message
     * @param audience who is told, e.g. {@code "#ops"}
     * @param message the message
     * @return this builder
     */
    public S announce(CommunicationEvent when, String audience, String message) {
        draft.announce(when, audience, message);
        return self();
    }
}
