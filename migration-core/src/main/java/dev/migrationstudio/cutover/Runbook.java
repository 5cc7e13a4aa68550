package dev.migrationstudio.cutover;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import dev.migrationstudio.internal.Problems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The production cutover, step by step: owners, expected durations, actions, go/no-go gates,
 * communication triggers, and the point of no return.
 *
 * <pre>{@code
 * Runbook runbook = Runbook.named("chinook v2 cutover")
 *     .step("freeze writes").owner("ops").expect(Duration.ofMinutes(2)).run(ctx -> freeze())
 *     .gate("verification green", ctx -> GateDecision.of(report.passed(), report.summary()))
 *     .step("switch reads to v2").owner("ops").pointOfNoReturn().run(ctx -> switchReads())
 *     .build();
 * }</pre>
 *
 * @param name the runbook's name
 * @param items steps and gates in execution order
 * @param triggers runbook-wide communication (cutover started, gate decided, finished, ...)
 */
public record Runbook(String name, List<RunbookItem> items, List<CommunicationTrigger> triggers) {

    /**
     * Copies the lists; use {@link #named(String)} to build a validated runbook.
     *
     * @param name the runbook's name
     * @param items steps and gates in execution order
     * @param triggers runbook-wide communication (cutover started, gate decided, finished, ...)
     */
    public Runbook {
        Names.requireName(name, "runbook name");
        items = List.copyOf(items);
        triggers = List.copyOf(triggers);
    }

    /**
     * Starts a runbook.
     *
     * @param name the runbook's name; not blank
     * @return a builder; at least one step is required
     */
    public static Builder named(String name) {
        return new Builder(Names.requireName(name, "runbook name"));
    }

    /**
     * The steps, in order, without the gates.
     *
     * @return the steps; not empty
     */
    public List<Step> steps() {
        return items.stream().filter(Step.class::isInstance).map(Step.class::cast).toList();
    }

    /**
     * The gates, in order.
     *
     * @return the gates; empty when there is none
     */
    public List<Gate> gates() {
        return items.stream().filter(Gate.class::isInstance).map(Gate.class::cast).toList();
    }

    /**
     * The step after which rollback is no longer possible, if any.
     *
     * @return the point of no return; empty when every step can be rolled back
     */
    public Optional<Step> pointOfNoReturn() {
        return steps().stream().filter(Step::pointOfNoReturn).findFirst();
    }

    /**
     * The steps that run before the point of no return (all steps when there is none).
     *
     * @return the steps before it
     */
    public List<Step> stepsBeforePointOfNoReturn() {
        List<Step> before = new ArrayList<>();
        for (Step step : steps()) {
            if (step.pointOfNoReturn()) {
                break;
            }
            before.add(step);
        }
        return before;
    }

    /**
     * Sum of the steps' expected durations (steps without one count as zero).
     *
     * @return the total expected duration; zero when no step has one
     */
    public Duration expectedDuration() {
        return StepDraft.totalExpected(steps());
    }

    /** Builds a {@link Runbook}; {@link #build()} reports every mistake by step name. */
    public static final class Builder {
        private final String name;
        private final List<Object> drafts = new ArrayList<>();
        private final List<CommunicationTrigger> triggers = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Adds a step; describe it with the returned builder.
         *
         * @param stepName the step's name, unique in the runbook
         * @return a builder for the step
         */
        public StepBuilder step(String stepName) {
            StepDraft draft = new StepDraft(stepName);
            drafts.add(draft);
            return new StepBuilder(this, draft);
        }

        /**
         * Adds a go/no-go gate guarding the steps that follow it.
         *
         * @param gateName the gate's name, unique in the runbook
         * @param check decides GO or NO_GO when the gate is reached
         * @return this builder
         */
        public Builder gate(String gateName, GateCheck check) {
            return gate(gateName, "", check);
        }

        /**
         * Adds a go/no-go gate with a description for the printed runbook.
         *
         * @param gateName the gate's name, unique in the runbook
         * @param description what the gate checks, for people
         * @param check decides GO or NO_GO when the gate is reached
         * @return this builder
         */
        public Builder gate(String gateName, String description, GateCheck check) {
            if (gateName == null || gateName.isBlank()) {
                problems.add("a gate has no name");
                return this;
            }
            if (check == null) {
                problems.add("gate '" + gateName + "' has no check");
                return this;
            }
            drafts.add(new Gate(gateName, check, checkNotNull(description, "description")));
            return this;
        }

        /**
         * Adds runbook-wide communication, e.g. on {@link CommunicationEvent#CUTOVER_STARTED}.
         *
         * @param when the event that sends the message
         * @param audience who is told, e.g. {@code "#ops"}
         * @param message the message
         * @return this builder
         */
        public Builder announce(CommunicationEvent when, String audience, String message) {
            try {
                triggers.add(new CommunicationTrigger(when, audience, message));
            } catch (IllegalArgumentException | NullPointerException e) {
                problems.add("announcement: " + e.getMessage());
            }
            return this;
        }

        /**
         * Validates and returns the runbook.
         *
         * @return the runbook
         * @throws dev.migrationstudio.InvalidPlanException naming each problem: duplicate step or gate
         *     names, a gate after the last step, more than one point of no return, non-positive
         *     durations, a runbook without steps
         */
        public Runbook build() {
            Problems report = new Problems("Runbook '" + name + "'");
            report.addAll(problems);
            List<RunbookItem> items = new ArrayList<>();
            Map<String, Integer> positions = new HashMap<>();
            int position = 0;
            for (Object draft : drafts) {
                position++;
                Optional<? extends RunbookItem> item = draft instanceof StepDraft
                        ? ((StepDraft) draft).build(report) : Optional.of((Gate) draft);
                if (item.isEmpty()) {
                    continue;
                }
                Integer earlier = positions.putIfAbsent(item.get().name(), position);
                report.addIf(earlier != null, "the name '%s' is used twice (entries %s and %s); names must be unique",
                        item.get().name(), earlier, position);
                items.add(item.get());
            }
            List<Step> steps = items.stream().filter(Step.class::isInstance).map(Step.class::cast).toList();
            report.addIf(steps.isEmpty(), "it has no steps");
            if (!items.isEmpty() && items.get(items.size() - 1) instanceof Gate) {
                report.add("gate '%s' comes after the last step; a gate must guard a step that follows it",
                        items.get(items.size() - 1).name());
            }
            List<String> pointsOfNoReturn = steps.stream().filter(Step::pointOfNoReturn).map(Step::name).toList();
            report.addIf(pointsOfNoReturn.size() > 1,
                    "steps %s are all marked point of no return; a runbook has at most one", pointsOfNoReturn);
            report.throwIfAny();
            return new Runbook(name, items, triggers);
        }
    }

    /** A runbook step being described; continue with another step, a gate, or {@code build()}. */
    public static final class StepBuilder extends StepOptions<StepBuilder> {
        private final Builder builder;

        private StepBuilder(Builder builder, StepDraft draft) {
            super(draft);
            this.builder = builder;
        }

        @Override
        StepBuilder self() {
            return this;
        }

        /**
         * Marks this step as the point of no return: once it starts, rollback is no longer automatic.
         *
         * @return this step's builder
         */
        public StepBuilder pointOfNoReturn() {
            draft.pointOfNoReturn = true;
            return this;
        }

        /**
         * Adds the next step.
         *
         * @param stepName the next step's name, unique in the runbook
         * @return a builder for that step
         */
        public StepBuilder step(String stepName) {
            return builder.step(stepName);
        }

        /**
         * Adds a gate after this step.
         *
         * @param gateName the gate's name, unique in the runbook
         * @param check decides GO or NO_GO when the gate is reached
         * @return the runbook's builder
         */
        public Builder gate(String gateName, GateCheck check) {
            return builder.gate(gateName, check);
        }

        /**
         * Adds a described gate after this step.
         *
         * @param gateName the gate's name, unique in the runbook
         * @param description what the gate checks, for people
         * @param check decides GO or NO_GO when the gate is reached
         * @return the runbook's builder
         */
        public Builder gate(String gateName, String description, GateCheck check) {
            return builder.gate(gateName, description, check);
        }

        /**
         * Validates and returns the runbook.
         *
         * @return the runbook
         */
        public Runbook build() {
            return builder.build();
        }
    }
}
