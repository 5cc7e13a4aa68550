package dev.migrationstudio.cutover;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.format.Formats;
import dev.migrationstudio.report.Doc;
import dev.migrationstudio.report.Document;
import dev.migrationstudio.report.Renderable;
import dev.migrationstudio.report.Text;
import dev.migrationstudio.report.internal.DocTrees;
import dev.migrationstudio.report.internal.RunbookDoc;
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
                            List<CutoverEvent> events, Instant startedAt, Duration duration)
        implements Renderable {

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
        /**
         * Copies the evidence.
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
        /**
         * Copies the steps.
         *
         * @param plan the plan's name
         * @param automatic true when it ran because the cutover failed, false when rehearsed after success
         * @param steps its steps and what happened to each
         * @param measured how long it took
         * @param rto the plan's recovery time objective
         * @param completed whether every rollback step succeeded
         */
        public RollbackResult {
            steps = List.copyOf(steps);
        }

        /**
         * Whether the rollback completed within its RTO.
         *
         * @return {@code true} when the rollback completed and took no longer than the RTO
         */
        public boolean withinRto() {
            return completed && measured.compareTo(rto) <= 0;
        }
    }

    /**
     * Copies the lists.
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
    public CutoverResult {
        checkNotNull(runbook, "runbook");
        checkNotNull(outcome, "outcome");
        entries = List.copyOf(entries);
        events = List.copyOf(events);
    }

    /**
     * The go/no-go for production that this run supports: a rehearsal whose every step and gate
     * passed and whose rollback, rehearsed, fits its RTO. For a real cutover: whether it completed.
     *
     * @return GO or NO_GO, with the evidence
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
                return GateDecision.noGo("the rehearsed rollback took " + Formats.duration(back.measured())
                        + ", over its RTO of " + Formats.duration(back.rto()));
            }
            return GateDecision.go("every step and gate passed; the rollback took "
                    + Formats.duration(back.measured()) + " of its " + Formats.duration(back.rto()) + " RTO");
        }
        return GateDecision.go("the cutover completed");
    }

    /**
     * One line for consoles and logs.
     *
     * @return the kind of run, runbook, outcome, duration and go/no-go, on one line
     */
    public String summary() {
        return (rehearsal ? "Rehearsal" : "Cutover") + " of '" + runbook + "': " + outcome + " in "
                + Formats.duration(duration) + "; go/no-go " + goNoGo().label() + " (" + goNoGo().evidence() + ")";
    }

    /**
     * The report as a document: the runbook with measured times, the rollback against its RTO, the
     * communication log; the same content for tools in its data.
     */
    @Override
    public Doc toDoc() {
        GateDecision decision = goNoGo();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("runbook", runbook);
        data.put("rehearsal", rehearsal);
        data.put("outcome", outcome);
        data.put("goNoGo", DocTrees.object("decision", decision.label(), "evidence", decision.evidence()));
        data.put("startedAt", startedAt);
        data.put("duration", duration);
        data.put("pointOfNoReturnCrossedAt", pointOfNoReturnCrossedAt);
        data.put("entries", entries.stream().map(CutoverResult::entry).toList());
        data.put("rollback", rollback.map(back -> DocTrees.object("plan", back.plan(), "automatic", back.automatic(),
                "measured", back.measured(), "rto", back.rto(), "completed", back.completed(),
                "withinRto", back.withinRto(), "steps", back.steps().stream().map(CutoverResult::entry).toList())));
        data.put("events", events.stream().map(e -> DocTrees.object("kind", e.kind(), "subject", e.subject(),
                "detail", e.detail(), "at", e.at(), "told", e.messages().stream()
                        .map(m -> DocTrees.object("audience", m.audience(), "message", m.message())).toList())).toList());
        String title = (rehearsal ? "Cutover rehearsal: " : "Cutover: ") + runbook;
        return Doc.of(title, data, body -> {
            body.paragraph(Text.of("Outcome: ").andStrong(outcome.name()).and(". Started " + Formats.time(startedAt)
                    + ", took " + Formats.duration(duration) + "."));
            body.paragraph(Text.of("Go/no-go for production: ").andStrong(decision.label())
                    .and(" (" + decision.evidence() + ")."));
            if (outcome == Outcome.HALTED || outcome == Outcome.ROLLBACK_FAILED) {
                body.paragraph(Text.strong("ESCALATE:").and(outcome == Outcome.HALTED
                        ? " the cutover halted after the point of no return; no automatic rollback was run."
                        : " the rollback failed; the source may not be as it was before the cutover."));
            }
            pointOfNoReturnCrossedAt.ifPresent(t -> body.paragraph("Point of no return crossed at "
                    + Formats.time(t) + "."));
            body.table(ENTRY_HEADER, rows(entries, true));
            rollback.ifPresent(back -> body.section("Rollback: " + back.plan() + (back.automatic()
                    ? " (ran after a failure)" : " (rehearsed)"), s -> s
                    .paragraph(Text.of("Measured ").andStrong(Formats.duration(back.measured()))
                            .and(" against an RTO of ").andStrong(Formats.duration(back.rto()))
                            .and(back.withinRto() ? ": within the RTO." : ": NOT within the RTO."))
                    .table(ENTRY_HEADER, rows(back.steps(), false))));
            List<List<?>> log = new ArrayList<>();
            for (CutoverEvent event : events) {
                log.add(List.of(Formats.time(event.at()), event.kind(), event.subject(), event.detail(),
                        String.join("\n", event.messages().stream().map(m -> m.audience() + ": " + m.message())
                                .toList())));
            }
            body.section("Communication log", s -> s.table(List.of("At", "Event", "Subject", "Detail", "Told"), log));
        });
    }

    private static final List<String> ENTRY_HEADER =
            List.of("#", "Step", "Owner", "Expected", "Actual", "Status", "Evidence");

    private static List<List<?>> rows(List<EntryResult> entries, boolean numbered) {
        List<List<?>> rows = new ArrayList<>();
        int number = 0;
        for (EntryResult e : entries) {
            String label = e.gate() && numbered ? "gate" : String.valueOf(++number);
            rows.add(List.of(label, e.gate() ? RunbookDoc.gateName(e.name()) : RunbookDoc.stepName(e.name(),
                            e.pointOfNoReturn()), e.owner().orElse(""),
                    e.expected().map(Formats::duration).orElse(""),
                    e.status() == Status.NOT_RUN ? "" : Formats.duration(e.actual()) + (e.overran() ? " (overran)" : ""),
                    e.status(), String.join("\n", e.evidence())));
        }
        return rows;
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

    /**
     * Markdown, HTML and JSON documents named {@code rehearsal} or {@code cutover}, for the evidence pack.
     *
     * @return the three documents, in the order Markdown, HTML, JSON
     */
    public List<Document> documents() {
        return toDoc().documents(rehearsal ? "rehearsal" : "cutover");
    }
}
