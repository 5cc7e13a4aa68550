package dev.migrationstudio.report.internal;

import static dev.migrationstudio.report.internal.DocTrees.object;

import dev.migrationstudio.cutover.CommunicationTrigger;
import dev.migrationstudio.cutover.Gate;
import dev.migrationstudio.cutover.RollbackPlan;
import dev.migrationstudio.cutover.Runbook;
import dev.migrationstudio.cutover.RunbookItem;
import dev.migrationstudio.cutover.Step;
import dev.migrationstudio.report.Doc;
import dev.migrationstudio.format.Formats;
import dev.migrationstudio.report.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The runbook and the rollback plan as documents. */
public final class RunbookDoc {

    private RunbookDoc() {
    }

    /** The runbook: numbered steps with owners and durations, gates, the point of no return, communication. */
    public static Doc runbook(Runbook runbook) {
        Map<String, Object> data = object("name", runbook.name(), "expectedDuration", runbook.expectedDuration(),
                "pointOfNoReturn", runbook.pointOfNoReturn().map(Step::name),
                "items", runbook.items().stream().map(RunbookDoc::item).toList(),
                "communication", runbook.triggers().stream().map(RunbookDoc::trigger).toList());
        return Doc.of("Runbook: " + runbook.name(), data, body -> {
            body.paragraph(Formats.plural(runbook.steps().size(), "step") + ", "
                    + Formats.plural(runbook.gates().size(), "go/no-go gate") + ", expected "
                    + Formats.duration(runbook.expectedDuration()) + " in total.");
            runbook.pointOfNoReturn().ifPresent(p -> body.paragraph(Text.strong("Point of no return: step '"
                    + p.name() + "'.").and(" Before it, a failure or a NO_GO rolls back; from it on, a failure halts "
                    + "and escalates.")));
            List<List<?>> rows = new ArrayList<>();
            int number = 0;
            for (RunbookItem item : runbook.items()) {
                if (item instanceof Step) {
                    Step step = (Step) item;
                    number++;
                    rows.add(List.of(number, stepName(step), step.owner().orElse("unassigned"),
                            step.expected().map(Formats::duration).orElse(""), step.isManual() ? "manual" : "automated",
                            step.description(), step.triggers().stream().map(t -> t.when() + ": " + t.audience()
                                    + " - " + t.message()).collect(Collectors.joining("\n"))));
                } else {
                    Gate gate = (Gate) item;
                    rows.add(List.of("gate", gateName(gate.name()), "", "", "check", gate.description(), ""));
                }
            }
            body.table(List.of("#", "Step", "Owner", "Expected", "Kind", "Description", "Communication"), rows);
            if (!runbook.triggers().isEmpty()) {
                body.section("Communication", s -> s.table(List.of("When", "Who", "Message"), runbook.triggers()
                        .stream().map(t -> List.of(t.when(), t.audience(), t.message())).toList()));
            }
        });
    }

    /** A gate's name as runbooks and cutover reports show it. */
    public static Text gateName(String name) {
        return Text.of("GO/NO-GO: ").andStrong(name);
    }

    /** A step's name, marked when it is the point of no return. */
    public static Text stepName(Step step) {
        return stepName(step.name(), step.pointOfNoReturn());
    }

    /** A step's name, marked when it is the point of no return. */
    public static Text stepName(String name, boolean pointOfNoReturn) {
        return pointOfNoReturn ? Text.strong(name).and(" (POINT OF NO RETURN)") : Text.of(name);
    }

    /** The rollback plan: RTO, steps, and where it applies in the runbook (if given). */
    public static Doc rollback(RollbackPlan plan, Optional<Runbook> runbook) {
        Map<String, Object> data = object("name", plan.name(), "rto", plan.rto(),
                "expectedDuration", plan.expectedDuration(),
                "steps", plan.steps().stream().map(RunbookDoc::step).toList());
        runbook.ifPresent(r -> {
            RollbackPlan.Coverage coverage = plan.coverage(r);
            data.put("coverage", object("coveredSteps", coverage.coveredSteps(),
                    "pointOfNoReturn", coverage.pointOfNoReturn(), "summary", coverage.describe()));
        });
        return Doc.of("Rollback plan: " + plan.name(), data, body -> {
            body.paragraph(Text.of("RTO: ").andStrong(Formats.duration(plan.rto())).and(". Steps expected to take "
                    + Formats.duration(plan.expectedDuration()) + "."));
            runbook.ifPresent(r -> body.paragraph(plan.coverage(r).describe()));
            List<List<?>> rows = new ArrayList<>();
            for (int i = 0; i < plan.steps().size(); i++) {
                Step step = plan.steps().get(i);
                rows.add(List.of(i + 1, step.name(), step.owner().orElse("unassigned"),
                        step.expected().map(Formats::duration).orElse(""), step.isManual() ? "manual" : "automated",
                        step.description()));
            }
            body.table(List.of("#", "Step", "Owner", "Expected", "Kind", "Description"), rows);
        });
    }

    private static Map<String, Object> item(RunbookItem item) {
        if (item instanceof Gate) {
            Gate gate = (Gate) item;
            return object("type", "gate", "name", gate.name(), "description", gate.description());
        }
        return step((Step) item);
    }

    private static Map<String, Object> step(Step step) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", "step");
        map.put("name", step.name());
        map.put("owner", step.owner());
        map.put("expected", step.expected());
        map.put("manual", step.isManual());
        map.put("pointOfNoReturn", step.pointOfNoReturn());
        map.put("description", step.description());
        map.put("communication", step.triggers().stream().map(RunbookDoc::trigger).toList());
        return map;
    }

    private static Map<String, Object> trigger(CommunicationTrigger t) {
        return object("when", t.when(), "audience", t.audience(), "message", t.message());
    }
}
