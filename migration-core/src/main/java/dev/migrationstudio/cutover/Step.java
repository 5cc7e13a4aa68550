package dev.migrationstudio.cutover;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One step of a runbook or a rollback plan.
 *
 * @param name unique in its plan
 * @param owner who carries it out
 * @param expected how long it should take
 * @param action what it does; empty for a manual step that people carry out
 * @param pointOfNoReturn whether rollback stops being possible once this step starts
 * @param description free text: what, how, what to check
 * @param triggers who is told what when this step starts, finishes, fails or overruns
 */
public record Step(String name, Optional<String> owner, Optional<Duration> expected, Optional<StepAction> action,
                   boolean pointOfNoReturn, String description, List<CommunicationTrigger> triggers)
        implements RunbookItem {

    /**
     * Validates the parts.
     *
     * @param name unique in its plan
     * @param owner who carries it out
     * @param expected how long it should take
     * @param action what it does; empty for a manual step that people carry out
     * @param pointOfNoReturn whether rollback stops being possible once this step starts
     * @param description free text: what, how, what to check
     * @param triggers who is told what when this step starts, finishes, fails or overruns
     */
    public Step {
        Names.requireName(name, "step name");
        checkNotNull(owner, "owner of step %s", name);
        checkNotNull(expected, "expected duration of step %s", name);
        checkNotNull(action, "action of step %s", name);
        checkNotNull(description, "description of step %s", name);
        triggers = List.copyOf(triggers);
    }

    /**
     * Whether people carry the step out by hand (no action to run).
     *
     * @return {@code true} when the step has no action
     */
    public boolean isManual() {
        return action.isEmpty();
    }
}
