package dev.migrationstudio.cutover;

import dev.migrationstudio.cutover.CutoverResult.EntryResult;
import dev.migrationstudio.cutover.CutoverResult.Outcome;
import dev.migrationstudio.cutover.CutoverResult.RollbackResult;
import dev.migrationstudio.cutover.CutoverResult.Status;
import dev.migrationstudio.format.Formats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run of a cutover; see {@link Cutover}. */
final class CutoverRun {
    private static final Logger LOG = LoggerFactory.getLogger(CutoverRun.class);

    private final Runbook runbook;
    private final Optional<RollbackPlan> rollbackPlan;
    private final Notifier notifier;
    private final boolean rehearsal;
    private final List<CutoverEvent> events = new ArrayList<>();
    private final Context context;
    private Instant pointOfNoReturnCrossedAt;

    CutoverRun(Runbook runbook, Optional<RollbackPlan> rollbackPlan, Notifier notifier, boolean rehearsal) {
        this.runbook = runbook;
        this.rollbackPlan = rollbackPlan;
        this.notifier = notifier;
        this.rehearsal = rehearsal;
        this.context = new Context(rehearsal);
    }

    CutoverResult run() {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        emit(CommunicationEvent.CUTOVER_STARTED, runbook.name(), (rehearsal ? "rehearsal" : "cutover") + " started, "
                + runbook.steps().size() + " steps expected to take " + Formats.duration(runbook.expectedDuration()),
                List.of());
        List<EntryResult> entries = new ArrayList<>();
        Outcome outcome = Outcome.COMPLETED;
        String failure = null;
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "cutover-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (RunbookItem item : runbook.items()) {
                if (failure != null) {
                    entries.add(notRun(item));
                    continue;
                }
                EntryResult result = item instanceof Gate ? decide((Gate) item) : perform((Step) item, watchdog);
                entries.add(result);
                if (result.status() == Status.FAILED || result.status() == Status.NO_GO) {
                    failure = (result.gate() ? "gate '" : "step '") + result.name() + "' "
                            + (result.gate() ? "said NO_GO" : "failed") + ": "
                            + String.join("; ", result.evidence());
                }
            }
            Optional<RollbackResult> rollback = Optional.empty();
            if (failure != null) {
                if (pointOfNoReturnCrossedAt != null) {
                    outcome = Outcome.HALTED;
                    LOG.error("{} after the point of no return: halting without rollback; escalate", failure);
                } else if (rollbackPlan.isPresent()) {
                    rollback = Optional.of(rollBack(rollbackPlan.get(), true, failure, watchdog));
                    outcome = rollback.get().completed() ? Outcome.ROLLED_BACK : Outcome.ROLLBACK_FAILED;
                } else {
                    outcome = Outcome.HALTED;
                }
            } else if (rehearsal && rollbackPlan.isPresent()) {
                rollback = Optional.of(rollBack(rollbackPlan.get(), false, "rehearsing the rollback", watchdog));
            }
            Duration duration = Duration.ofNanos(System.nanoTime() - start);
            CutoverResult partial = new CutoverResult(runbook.name(), rehearsal, outcome, entries,
                    Optional.ofNullable(pointOfNoReturnCrossedAt), rollback, events, startedAt, duration);
            emit(CommunicationEvent.CUTOVER_FINISHED, runbook.name(), outcome + "; go/no-go "
                    + partial.goNoGo().label() + ": " + partial.goNoGo().evidence(), List.of());
            return new CutoverResult(runbook.name(), rehearsal, outcome, entries,
                    Optional.ofNullable(pointOfNoReturnCrossedAt), rollback, events, startedAt, duration);
        } finally {
            watchdog.shutdownNow();
        }
    }

    private EntryResult decide(Gate gate) {
        context.current = gate.name();
        long start = System.nanoTime();
        GateDecision decision;
        try {
            decision = gate.check().evaluate(context);
            if (decision == null) {
                decision = GateDecision.noGo("the check returned no decision");
            }
        } catch (Exception e) {
            decision = GateDecision.noGo("the check failed: " + describe(e));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        emit(CommunicationEvent.GATE_DECIDED, gate.name(), decision.label() + ": " + decision.evidence(), List.of());
        List<String> evidence = new ArrayList<>(context.notesOf(gate.name()));
        evidence.add(0, decision.evidence());
        return new EntryResult(gate.name(), true, Optional.empty(), Optional.empty(), took,
                decision.go() ? Status.GO : Status.NO_GO, false, false, evidence);
    }

    private EntryResult perform(Step step, ScheduledExecutorService watchdog) {
        if (step.pointOfNoReturn()) {
            pointOfNoReturnCrossedAt = Instant.now();
            emit(CommunicationEvent.POINT_OF_NO_RETURN_CROSSED, step.name(),
                    "from here on a failure halts the cutover instead of rolling back", step.triggers());
        }
        return run(step, watchdog);
    }

    /** Runs one step (of the runbook or the rollback plan), timing it and watching for an overrun. */
    private EntryResult run(Step step, ScheduledExecutorService watchdog) {
        context.current = step.name();
        emit(CommunicationEvent.STEP_STARTED, step.name(), "started" + step.owner().map(o -> " by " + o).orElse("")
                + step.expected().map(d -> ", expected " + Formats.duration(d)).orElse(""), step.triggers());
        // The watchdog and the step's end may both see the overrun: whichever is first announces it.
        AtomicBoolean overrunAnnounced = new AtomicBoolean();
        long start = System.nanoTime();
        ScheduledFuture<?> alarm = step.expected().map(expected -> watchdog.schedule(() -> {
            if (overrunAnnounced.compareAndSet(false, true)) {
                emit(CommunicationEvent.STEP_OVERRAN, step.name(), "still running after its expected "
                        + Formats.duration(expected), step.triggers());
            }
        }, expected.toNanos(), TimeUnit.NANOSECONDS)).orElse(null);
        Status status;
        String error = null;
        if (step.action().isEmpty()) {
            status = Status.MANUAL;
        } else {
            try {
                step.action().get().run(context);
                status = Status.SUCCEEDED;
            } catch (Exception e) {
                status = Status.FAILED;
                error = describe(e);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (alarm != null) {
            alarm.cancel(false);
        }
        boolean late = step.expected().map(expected -> expected.compareTo(took) < 0).orElse(false);
        if (late && overrunAnnounced.compareAndSet(false, true)) {
            emit(CommunicationEvent.STEP_OVERRAN, step.name(), "took " + Formats.duration(took)
                    + ", over its expected " + Formats.duration(step.expected().get()), step.triggers());
        }
        List<String> evidence = new ArrayList<>(context.notesOf(step.name()));
        if (status == Status.FAILED) {
            evidence.add("failed: " + error);
            emit(CommunicationEvent.STEP_FAILED, step.name(), error, step.triggers());
        } else {
            emit(CommunicationEvent.STEP_FINISHED, step.name(), (status == Status.MANUAL ? "manual step recorded"
                    : "done") + " in " + Formats.duration(took), step.triggers());
        }
        return new EntryResult(step.name(), false, step.owner(), step.expected(), took, status, late,
                step.pointOfNoReturn(), evidence);
    }

    private RollbackResult rollBack(RollbackPlan plan, boolean automatic, String reason,
                                    ScheduledExecutorService watchdog) {
        long start = System.nanoTime();
        List<EntryResult> steps = new ArrayList<>();
        boolean failed = false;
        for (Step step : plan.steps()) {
            if (failed) {
                steps.add(notRun(step));
                continue;
            }
            EntryResult result = run(step, watchdog);
            steps.add(result);
            failed = result.status() == Status.FAILED;
        }
        Duration measured = Duration.ofNanos(System.nanoTime() - start);
        RollbackResult result = new RollbackResult(plan.name(), automatic, steps, measured, plan.rto(), !failed);
        emit(CommunicationEvent.ROLLED_BACK, plan.name(), (failed ? "ROLLBACK FAILED" : "rolled back") + " in "
                + Formats.duration(measured) + " (RTO " + Formats.duration(plan.rto()) + ", "
                + (result.withinRto() ? "met" : "NOT met") + ") after " + reason, List.of());
        return result;
    }

    private static EntryResult notRun(RunbookItem item) {
        if (item instanceof Gate) {
            return new EntryResult(item.name(), true, Optional.empty(), Optional.empty(), Duration.ZERO, Status.NOT_RUN,
                    false, false, List.of());
        }
        Step step = (Step) item;
        return new EntryResult(step.name(), false, step.owner(), step.expected(), Duration.ZERO, Status.NOT_RUN,
                false, step.pointOfNoReturn(), List.of());
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Sends an event with the runbook's and the step's communication for it; a failing notifier is logged. */
    private synchronized void emit(CommunicationEvent kind, String subject, String detail,
                                   List<CommunicationTrigger> stepTriggers) {
        List<CommunicationTrigger> messages = new ArrayList<>();
        runbook.triggers().stream().filter(t -> t.when() == kind).forEach(messages::add);
        stepTriggers.stream().filter(t -> t.when() == kind).forEach(messages::add);
        CutoverEvent event = new CutoverEvent(kind, subject, detail, Instant.now(), rehearsal, messages);
        events.add(event);
        try {
            notifier.notify(event);
        } catch (RuntimeException e) {
            LOG.error("The notifier failed on {} {}: {}", kind, subject, e.getMessage(), e);
        }
    }

    /** What steps and gates see while they run. */
    private static final class Context implements CutoverContext {
        private final boolean rehearsal;
        private final Map<String, Object> shared = new ConcurrentHashMap<>();
        private final Map<String, List<String>> notes = new ConcurrentHashMap<>();
        private volatile String current = "";

        Context(boolean rehearsal) {
            this.rehearsal = rehearsal;
        }

        @Override
        public boolean isRehearsal() {
            return rehearsal;
        }

        @Override
        public String current() {
            return current;
        }

        @Override
        public void note(String evidence) {
            notes.computeIfAbsent(current, k -> new ArrayList<>()).add(evidence);
        }

        @Override
        public void put(String key, Object value) {
            shared.put(key, value);
        }

        @Override
        public <T> Optional<T> get(String key, Class<T> type) {
            Object value = shared.get(key);
            return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
        }

        List<String> notesOf(String name) {
            return notes.getOrDefault(name, List.of());
        }
    }
}
