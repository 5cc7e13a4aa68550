package dev.migrationstudio.cutover;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import dev.migrationstudio.internal.Problems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How to restore the source system to its pre-migration state, and how fast (the RTO). It can run
 * while the runbook is before its point of no return; after it, a failed cutover halts and escalates.
 *
 * <pre>{@code
 * RollbackPlan rollback = RollbackPlan.named("back to legacy").rto(Duration.ofMinutes(15))
 *     .step("route reads to legacy").owner("ops").expect(Duration.ofMinutes(3)).run(ctx -> routeBack())
 *     .build();
 * }</pre>
 *
 * @param name the plan's name
 * @param rto the recovery time objective: the longest the rollback may take
 * @param steps the rollback steps, in order
 */
public record RollbackPlan(String name, Duration rto, List<Step> steps) {

    /**
     * Validates the parts; use {@link #named(String)} for a fully validated plan.
     *
     * @param name the plan's name
     * @param rto the recovery time objective: the longest the rollback may take
     * @param steps the rollback steps, in order
     */
    public RollbackPlan {
        Names.requireName(name, "rollback plan name");
        checkNotNull(rto, "rto");
        steps = List.copyOf(steps);
    }

    /**
     * Starts a rollback plan.
     *
     * @param name the plan's name; not blank
     * @return a builder; an RTO and at least one step are required
     */
    public static Builder named(String name) {
        return new Builder(Names.requireName(name, "rollback plan name"));
    }

    /**
     * Sum of the steps' expected durations (steps without one count as zero).
     *
     * @return the total expected duration; zero when no step has one
     */
    public Duration expectedDuration() {
        return StepDraft.totalExpected(steps);
    }

    /**
     * Where this rollback applies in a runbook: which steps it can undo, and the point of no return
     * after which it does not run automatically.
     *
     * @param runbook the runbook this plan undoes; not null
     * @return the steps covered and the point of no return
     */
    public Coverage coverage(Runbook runbook) {
        checkNotNull(runbook, "runbook");
        List<String> covered = runbook.stepsBeforePointOfNoReturn().stream().map(Step::name).toList();
        return new Coverage(covered, runbook.pointOfNoReturn().map(Step::name));
    }

    /**
     * The part of a runbook a rollback plan covers.
     *
     * @param coveredSteps the runbook steps during or after which the rollback runs automatically on failure
     * @param pointOfNoReturn the step from which on it does not
     */
    public record Coverage(List<String> coveredSteps, Optional<String> pointOfNoReturn) {
        /**
         * Copies the list.
         *
         * @param coveredSteps the runbook steps during or after which the rollback runs automatically on failure
         * @param pointOfNoReturn the step from which on it does not
         */
        public Coverage {
            coveredSteps = List.copyOf(coveredSteps);
            checkNotNull(pointOfNoReturn, "pointOfNoReturn");
        }

        /**
         * One sentence for documents.
         *
         * @return the sentence
         */
        public String describe() {
            return pointOfNoReturn
                    .map(p -> "Rollback runs automatically if a step fails or a gate says NO_GO before step '" + p
                            + "' (the point of no return); from that step on, a failure halts the cutover and escalates.")
                    .orElse("The runbook has no point of no return: rollback is possible at every step.");
        }
    }

    /** Builds a {@link RollbackPlan}. */
    public static final class Builder {
        private final String name;
        private Duration rto;
        private final List<StepDraft> drafts = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /**
         * The recovery time objective: the rollback must complete within it.
         *
         * @param value the RTO; positive (a problem reported by {@link #build()} otherwise)
         * @return this builder
         */
        public Builder rto(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                problems.add("RTO must be a positive duration, got " + value);
            }
            this.rto = value;
            return this;
        }

        /**
         * Adds a rollback step.
         *
         * @param stepName the step's name, unique in the plan
         * @return a builder for the step
         */
        public StepBuilder step(String stepName) {
            StepDraft draft = new StepDraft(stepName);
            drafts.add(draft);
            return new StepBuilder(this, draft);
        }

        /**
         * Validates and returns the plan.
         *
         * @return the plan
         * @throws dev.migrationstudio.InvalidPlanException naming each problem: no RTO, no steps,
         *     duplicate step names, non-positive durations, expected durations adding up beyond the RTO
         */
        public RollbackPlan build() {
            Problems report = new Problems("Rollback plan '" + name + "'");
            report.addAll(problems);
            report.addIf(rto == null && problems.isEmpty(), "it has no RTO; set rto(duration)");
            report.addIf(drafts.isEmpty(), "it has no steps");
            List<Step> steps = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (StepDraft draft : drafts) {
                draft.build(report).ifPresent(step -> {
                    report.addIf(!names.add(step.name()), "step name '%s' is used twice", step.name());
                    steps.add(step);
                });
            }
            Duration total = StepDraft.totalExpected(steps);
            report.addIf(rto != null && total.compareTo(rto) > 0,
                    "its steps are expected to take %s, longer than its RTO of %s; shorten the steps or raise the RTO",
                    total, rto);
            report.throwIfAny();
            return new RollbackPlan(name, rto, steps);
        }
    }

    /** A rollback step being described. */
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
         * Adds the next rollback step.
         *
         * @param stepName the step's name, unique in the plan
         * @return a builder for the step
         */
        public StepBuilder step(String stepName) {
            return builder.step(stepName);
        }

        /**
         * Validates and returns the plan.
         *
         * @return the plan
         */
        public RollbackPlan build() {
            return builder.build();
        }
    }
}
