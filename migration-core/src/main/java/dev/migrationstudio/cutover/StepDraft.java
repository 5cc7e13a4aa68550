package dev.migrationstudio.cutover;

import dev.migrationstudio.internal.Problems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A step being described by a runbook or rollback builder; mistakes are recorded for {@code build()}. */
final class StepDraft {
    final String name;
    String owner;
    Duration expected;
    StepAction action;
    boolean pointOfNoReturn;
    String description = "";
    final List<CommunicationTrigger> triggers = new ArrayList<>();
    final List<String> problems = new ArrayList<>();

    StepDraft(String name) {
        this.name = name;
    }

    void owner(String value) {
        if (value == null || value.isBlank()) {
            problems.add("step '" + name + "' has a blank owner");
        }
        owner = value;
    }

    void expect(Duration value) {
        if (value == null) {
            problems.add("step '" + name + "' has a null expected duration");
        } else if (value.isNegative() || value.isZero()) {
            problems.add("step '" + name + "' has expected duration " + value + "; it must be positive");
        }
        expected = value;
    }

    void run(StepAction value) {
        if (value == null) {
            problems.add("step '" + name + "' has a null action");
        } else if (action != null) {
            problems.add("step '" + name + "' is given two actions");
        }
        action = value;
    }

    void announce(CommunicationEvent when, String audience, String message) {
        try {
            triggers.add(new CommunicationTrigger(when, audience, message));
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.add("step '" + name + "': " + e.getMessage());
        }
    }

    /** Validates the name and collects this draft's problems; returns the step if valid. */
    Optional<Step> build(Problems report) {
        if (name == null || name.isBlank()) {
            report.add("a step has no name");
            return Optional.empty();
        }
        report.addAll(problems);
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Step(name, Optional.ofNullable(owner), Optional.ofNullable(expected),
                Optional.ofNullable(action), pointOfNoReturn, description, triggers));
    }

    /** Sum of the expected durations of steps that declare one. */
    static Duration totalExpected(List<Step> steps) {
        return steps.stream().map(s -> s.expected().orElse(Duration.ZERO)).reduce(Duration.ZERO, Duration::plus);
    }
}
