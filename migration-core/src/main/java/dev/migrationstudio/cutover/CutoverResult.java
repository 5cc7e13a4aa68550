package dev.migrationstudio.cutover;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.report.Document;
import dev.migrationstudio.report.DocumentFormat;
import dev.migrationstudio.report.internal.Json;
import dev.migrationstudio.report.internal.Markdown;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a cutover (or its rehearsal) did: each step's status and actual versus expected duration,
 * each gate's decision and evidence, when the point of no return was crossed, the rollback with its
 * measured duration against the RTO, every event sent to the notifier, and the outcome.
 *
 * @param runbook the runbook's name
 * @param rehearsal whether this was a rehearsal
 * @param outcome how it ended
 * @param entries the runbook's steps and gates, in order, with what happened to each
 * @param pointOfNoReturnCrossedAt when the point of no return was crossed, if it was
 * @param rollback the rollback, if it ran (after a failure, or rehearsed after a successful rehearsal)
 * @param events every event sent to the notifier, in order
 * @param startedAt when the cutover started
 * @param duration how long it took, rollback included
 */
public record CutoverResult(String runbook, boolean rehearsal, Outcome outcome, List<EntryResult> entries,
                            Optional<Instant> pointOfNoReturnCrossedAt, Optional<RollbackResult> rollback,
                            List<CutoverEvent> events, Instant startedAt, Duration duration) {

    /** How a cutover ended. */
    public enum Outcome {
        /** Every step done and every gate said GO. */
        COMPLETED,
        /** A step failed or a gate said NO_GO before the point of no return; the rollback plan ran. */
        ROLLED_BACK,
        /** The rollback plan itself failed: the source may not be as it was. Escalate. */
        ROLLBACK_FAILED,
        /** A step failed or a gate said NO_GO after the point of no return: halted without rollback. Escalate. */
        HALTED
    }

    /** What happened to a runbook step or gate. */
    public enum Status {
        /** The step's action completed. */
        SUCCEEDED,
        /** A manual step: recorded, carried out by people. */
        MANUAL,
        /** The step's action threw. */
        FAILED,
        /** The gate decided GO. */
        GO,
        /** The gate decided NO_GO (or its check threw). */
        NO_GO,
        /** The cutover stopped before reaching it. */
        NOT_RUN
    }

    /**
     * A step or gate and what happened to it.
     *
     * @param name its name
     * @param gate whether it is a gate
     * @param owner the step's owner, if any
     * @param expected the step's expected duration, if declared
     * @param actual how long it took (zero if not run)
     * @param status what happened
     * @param overran whether it took longer than expected
     * @param pointOfNoReturn whether it is the point of no return
     * @param evidence the gate's evidence, the notes the step recorded, the failure's message
     */
    public record EntryResult(String name, boolean gate, Optional<String> owner, Optional<Duration> expected,
                              Duration actual, Status status, boolean overran, boolean pointOfNoReturn,
                              List<String> evidence) {
        /** Copies the evidence. */
        public EntryResult {
            checkNotNull(name, "name");
            evidence = List.copyOf(evidence);
        }
    }

    /**
     * The rollback plan's run.
     *
     * @param plan the plan's name
     * @param automatic true when it ran because the cutover failed, false when rehearsed after success
     * @param steps its steps and what happened to each
     * @param measured how long it took
     * @param rto the plan's recovery time objective
     * @param completed whether every rollback step succeeded
     */
    public record RollbackResult(String plan, boolean automatic, List<EntryResult> steps, Duration measured,
                                 Duration rto, boolean completed) {
        /** Copies the steps. */
        public RollbackResult {
            steps = List.copyOf(steps);
        }

        /** Whether the rollback completed within its RTO. */
        public boolean withinRto() {
            return completed && measured.compareTo(rto) <= 0;
        }
    }

    /** Copies the lists. */
    public CutoverResult {
        checkNotNull(runbook, "runbook");
        checkNotNull(outcome, "outcome");
        entries = List.copyOf(entries);
        events = List.copyOf(events);
    }

    /**
     * The go/no-go for production that this run supports: a rehearsal whose every step and gate
     * passed and whose rollback, rehearsed, fits its RTO. For a real cutover: whether it completed.
     */
    public GateDecision goNoGo() {
        if (outcome != Outcome.COMPLETED) {
            return GateDecision.noGo((rehearsal ? "the rehearsal" : "the cutover") + " ended " + outcome);
        }
        if (rehearsal) {
            if (rollback.isEmpty()) {
                return GateDecision.noGo("the rollback plan was not rehearsed");
            }
            RollbackResult back = rollback.get();
            if (!back.completed()) {
                return GateDecision.noGo("the rehearsed rollback failed");
            }
            if (!back.withinRto()) {
                return GateDecision.noGo("the rehearsed rollback took " + Markdown.duration(back.measured())
                        + ", over its RTO of " + Markdown.duration(back.rto()));
            }
            return GateDecision.go("every step and gate passed; the rollback took "
                    + Markdown.duration(back.measured()) + " of its " + Markdown.duration(back.rto()) + " RTO");
        }
        return GateDecision.go("the cutover completed");
    }

    /** One line for consoles and logs. */
    public String summary() {
        return (rehearsal ? "Rehearsal" : "Cutover") + " of '" + runbook + "': " + outcome + " in "
                + Markdown.duration(duration) + "; go/no-go " + goNoGo().label() + " (" + goNoGo().evidence() + ")";
    }

    /** A printable Markdown report: the runbook with measured times, the rollback against its RTO, the log. */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder("# ").append(rehearsal ? "Cutover rehearsal: " : "Cutover: ")
                .append(runbook).append("\n\n");
        out.append("Outcome: **").append(outcome).append("**. Started ").append(startedAt).append(", took ")
                .append(Markdown.duration(duration)).append(".\n\n");
        GateDecision decision = goNoGo();
        out.append("Go/no-go for production: **").append(decision.label()).append("** (").append(decision.evidence())
                .append(").\n\n");
        if (outcome == Outcome.HALTED || outcome == Outcome.ROLLBACK_FAILED) {
            out.append("**ESCALATE:** ").append(outcome == Outcome.HALTED
                    ? "the cutover halted after the point of no return; no automatic rollback was run."
                    : "the rollback failed; the source may not be as it was before the cutover.").append("\n\n");
        }
        pointOfNoReturnCrossedAt.ifPresent(t -> out.append("Point of no return crossed at ").append(t).append(".\n\n"));
        table(out, entries, true);
        rollback.ifPresent(back -> {
            out.append("## Rollback: ").append(back.plan()).append(back.automatic() ? " (ran after a failure)"
                    : " (rehearsed)").append("\n\n");
            out.append("Measured **").append(Markdown.duration(back.measured())).append("** against an RTO of **")
                    .append(Markdown.duration(back.rto())).append("**: ")
                    .append(back.withinRto() ? "within the RTO." : "NOT within the RTO.").append("\n\n");
            table(out, back.steps(), false);
        });
        out.append("## Communication log\n\n");
        List<List<?>> rows = new ArrayList<>();
        for (CutoverEvent event : events) {
            rows.add(List.of(event.at(), event.kind(), event.subject(), event.detail(),
                    String.join("\n", event.messages().stream().map(m -> m.audience() + ": " + m.message()).toList())));
        }
        Markdown.table(out, List.of("At", "Event", "Subject", "Detail", "Told"), rows);
        return out.toString();
    }

    private static void table(StringBuilder out, List<EntryResult> entries, boolean numbered) {
        List<List<?>> rows = new ArrayList<>();
        int number = 0;
        for (EntryResult e : entries) {
            String label = e.gate() && numbered ? "gate" : String.valueOf(++number);
            String name = e.gate() ? "GO/NO-GO: **" + e.name() + "**"
                    : e.pointOfNoReturn() ? "**" + e.name() + "** (POINT OF NO RETURN)" : e.name();
            rows.add(List.of(label, name, e.owner().orElse(""),
                    e.expected().map(Markdown::duration).orElse(""),
                    e.status() == Status.NOT_RUN ? "" : Markdown.duration(e.actual()) + (e.overran() ? " (overran)" : ""),
                    e.status(), String.join("\n", e.evidence())));
        }
        Markdown.table(out, List.of("#", "Step", "Owner", "Expected", "Actual", "Status", "Evidence"), rows);
    }

    /** The same content as JSON. */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("runbook", runbook);
        root.put("rehearsal", rehearsal);
        root.put("outcome", outcome);
        root.put("goNoGo", Map.of("decision", goNoGo().label(), "evidence", goNoGo().evidence()));
        root.put("startedAt", startedAt);
        root.put("duration", duration);
        root.put("pointOfNoReturnCrossedAt", pointOfNoReturnCrossedAt);
        root.put("entries", entries.stream().map(CutoverResult::entry).toList());
        root.put("rollback", rollback.map(back -> {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("plan", back.plan());
            map.put("automatic", back.automatic());
            map.put("measured", back.measured());
            map.put("rto", back.rto());
            map.put("completed", back.completed());
            map.put("withinRto", back.withinRto());
            map.put("steps", back.steps().stream().map(CutoverResult::entry).toList());
            return map;
        }));
        root.put("events", events.stream().map(e -> {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("kind", e.kind());
            map.put("subject", e.subject());
            map.put("detail", e.detail());
            map.put("at", e.at());
            map.put("told", e.messages().stream().map(m -> Map.of("audience", m.audience(), "message", m.message()))
                    .toList());
            return map;
        }).toList());
        return Json.write(root);
    }

    private static Map<String, Object> entry(EntryResult e) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", e.name());
        map.put("type", e.gate() ? "gate" : "step");
        map.put("owner", e.owner());
        map.put("expected", e.expected());
        map.put("actual", e.actual());
        map.put("status", e.status());
        map.put("overran", e.overran());
        map.put("pointOfNoReturn", e.pointOfNoReturn());
        map.put("evidence", e.evidence());
        return map;
    }

    /** Markdown and JSON documents named {@code rehearsal} or {@code cutover}, for the evidence pack. */
    public List<Document> documents() {
        String name = rehearsal ? "rehearsal" : "cutover";
        String title = rehearsal ? "Cutover rehearsal" : "Cutover";
        return List.of(new Document(name, title, DocumentFormat.MARKDOWN, toMarkdown()),
                new Document(name, title, DocumentFormat.JSON, toJson()));
    }
}
