package dev.migrationstudio.cutover;

import static dev.migrationstudio.cutover.CommunicationEvent.CUTOVER_FINISHED;
import static dev.migrationstudio.cutover.CommunicationEvent.CUTOVER_STARTED;
import static dev.migrationstudio.cutover.CommunicationEvent.GATE_DECIDED;
import static dev.migrationstudio.cutover.CommunicationEvent.POINT_OF_NO_RETURN_CROSSED;
import static dev.migrationstudio.cutover.CommunicationEvent.ROLLED_BACK;
import static dev.migrationstudio.cutover.CommunicationEvent.STEP_FAILED;
import static dev.migrationstudio.cutover.CommunicationEvent.STEP_FINISHED;
import static dev.migrationstudio.cutover.CommunicationEvent.STEP_OVERRAN;
import static dev.migrationstudio.cutover.CommunicationEvent.STEP_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.cutover.CutoverResult.Outcome;
import dev.migrationstudio.cutover.CutoverResult.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CutoverTest {

    /** A stand-in for the systems a cutover switches: where reads go, and whether writes are frozen. */
    private static final class Systems {
        final Map<String, String> state = new TreeMap<>(Map.of("reads", "legacy", "writes", "open"));
    }

    private final List<CutoverEvent> heard = new CopyOnWriteArrayList<>();

    private Runbook runbook(Systems systems, GateCheck verification, StepAction switchReads) {
        return Runbook.named("v2 cutover")
                .announce(CUTOVER_STARTED, "#ops", "cutover starting")
                .step("freeze writes").owner("ops").expect(Duration.ofMinutes(2))
                        .run(ctx -> systems.state.put("writes", "frozen"))
                .gate("verification green", verification)
                .step("switch reads").owner("ops").expect(Duration.ofMinutes(5)).pointOfNoReturn().run(switchReads)
                        .announce(POINT_OF_NO_RETURN_CROSSED, "#leadership", "no way back after this")
                .step("unfreeze writes").owner("ops").expect(Duration.ofMinutes(1))
                        .run(ctx -> systems.state.put("writes", "open"))
                .build();
    }

    private static RollbackPlan rollback(Systems systems) {
        return RollbackPlan.named("back to legacy").rto(Duration.ofMinutes(15))
                .step("route reads to legacy").owner("ops").expect(Duration.ofMinutes(3))
                        .run(ctx -> systems.state.put("reads", "legacy"))
                .step("unfreeze writes").owner("ops").expect(Duration.ofMinutes(1))
                        .run(ctx -> systems.state.put("writes", "open"))
                .build();
    }

    private Cutover cutover(Runbook runbook, RollbackPlan rollback) {
        return Cutover.of(runbook, rollback).notifier(heard::add);
    }

    @Test
    void aNoGoBeforeThePointOfNoReturnRollsBackAndLeavesTheSystemsAsTheyWere() {
        Systems systems = new Systems();
        Map<String, String> before = new TreeMap<>(systems.state);
        Runbook runbook = runbook(systems, ctx -> GateDecision.noGo("3 rows differ in invoice"),
                ctx -> systems.state.put("reads", "v2"));

        CutoverResult result = cutover(runbook, rollback(systems)).execute();

        assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(systems.state).isEqualTo(before);
        assertThat(result.entries()).extracting(CutoverResult.EntryResult::status)
                .containsExactly(Status.SUCCEEDED, Status.NO_GO, Status.NOT_RUN, Status.NOT_RUN);
        assertThat(result.entries().get(1).evidence()).containsExactly("3 rows differ in invoice");
        assertThat(result.pointOfNoReturnCrossedAt()).isEmpty();
        assertThat(result.rollback().orElseThrow().automatic()).isTrue();
        assertThat(result.goNoGo().go()).isFalse();
    }

    @Test
    void aFailureAfterThePointOfNoReturnHaltsWithoutRollbackAndSaysSo() {
        Systems systems = new Systems();
        Runbook runbook = runbook(systems, ctx -> GateDecision.go("clean"), ctx -> {
            systems.state.put("reads", "v2");
            throw new IllegalStateException("load balancer rejected the new pool");
        });

        CutoverResult result = cutover(runbook, rollback(systems)).execute();

        assertThat(result.outcome()).isEqualTo(Outcome.HALTED);
        assertThat(result.rollback()).isEmpty();
        assertThat(systems.state).containsEntry("reads", "v2").containsEntry("writes", "frozen");
        assertThat(result.pointOfNoReturnCrossedAt()).isPresent();
        assertThat(result.entries().get(2).evidence()).containsExactly("failed: load balancer rejected the new pool");
        assertThat(result.toMarkdown()).contains("**ESCALATE:** the cutover halted after the point of no return; "
                + "no automatic rollback was run.");
        assertThat(heard).extracting(CutoverEvent::kind).doesNotContain(ROLLED_BACK);
    }

    @Test
    void aFailedStepBeforeThePointOfNoReturnRollsBack() {
        Systems systems = new Systems();
        Runbook runbook = Runbook.named("r")
                .step("freeze writes").run(ctx -> systems.state.put("writes", "frozen"))
                .step("final delta").run(ctx -> {
                    throw new IllegalStateException("source unreachable");
                })
                .step("switch reads").pointOfNoReturn().run(ctx -> systems.state.put("reads", "v2"))
                .build();

        CutoverResult result = cutover(runbook, rollback(systems)).execute();

        assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(systems.state).containsEntry("writes", "open").containsEntry("reads", "legacy");
    }

    @Test
    void aRehearsalWhoseRollbackCannotMeetItsRtoIsANoGo() {
        Systems systems = new Systems();
        RollbackPlan slow = RollbackPlan.named("slow restore").rto(Duration.ofMillis(1))
                .step("restore backup").run(ctx -> busyFor(Duration.ofMillis(20)))
                .build();
        Runbook runbook = runbook(systems, ctx -> GateDecision.go("clean"), ctx -> systems.state.put("reads", "v2"));

        CutoverResult rehearsal = cutover(runbook, slow).rehearse();

        assertThat(rehearsal.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(rehearsal.rollback().orElseThrow().automatic()).isFalse();
        assertThat(rehearsal.rollback().orElseThrow().withinRto()).isFalse();
        assertThat(rehearsal.goNoGo().go()).isFalse();
        assertThat(rehearsal.goNoGo().evidence()).startsWith("the rehearsed rollback took").contains("over its RTO");
    }

    @Test
    void aRehearsalThatPassesAndWhoseRollbackFitsIsAGo() {
        Systems systems = new Systems();
        Runbook runbook = runbook(systems, ctx -> {
            ctx.note("11 tables verified");
            return GateDecision.go("no differences");
        }, ctx -> systems.state.put("reads", "v2"));

        CutoverResult rehearsal = cutover(runbook, rollback(systems)).rehearse();

        assertThat(rehearsal.goNoGo().go()).isTrue();
        assertThat(systems.state).containsEntry("reads", "legacy");
        assertThat(rehearsal.entries().get(1).evidence()).containsExactly("no differences", "11 tables verified");
        assertThat(rehearsal.toMarkdown()).contains("Go/no-go for production: **GO**")
                .contains("| 2 | **switch reads** (POINT OF NO RETURN) | ops | 5 min |")
                .contains("## Rollback: back to legacy (rehearsed)");
        assertThat(rehearsal.toJson()).contains("\"outcome\": \"COMPLETED\"").contains("\"withinRto\": true");
    }

    @Test
    void everyNotifierEventFiresOnceInOrder() {
        Systems systems = new Systems();
        CountDownLatch overrunHeard = new CountDownLatch(1);
        Runbook runbook = Runbook.named("v2 cutover")
                .announce(CUTOVER_STARTED, "#ops", "cutover starting")
                .step("freeze writes").run(ctx -> systems.state.put("writes", "frozen"))
                .gate("verification green", ctx -> GateDecision.go("clean"))
                .step("switch reads").expect(Duration.ofMillis(1)).pointOfNoReturn()
                        .run(ctx -> overrunHeard.await(30, TimeUnit.SECONDS))
                        .announce(POINT_OF_NO_RETURN_CROSSED, "#leadership", "no way back after this")
                .build();
        Notifier notifier = event -> {
            heard.add(event);
            if (event.kind() == STEP_OVERRAN) {
                overrunHeard.countDown();
            }
        };

        CutoverResult result = Cutover.of(runbook, rollback(systems)).notifier(notifier).rehearse();

        List<String> sequence = new ArrayList<>();
        heard.forEach(e -> sequence.add(e.kind() + " " + e.subject()));
        assertThat(sequence).containsExactly(
                CUTOVER_STARTED + " v2 cutover",
                STEP_STARTED + " freeze writes",
                STEP_FINISHED + " freeze writes",
                GATE_DECIDED + " verification green",
                POINT_OF_NO_RETURN_CROSSED + " switch reads",
                STEP_STARTED + " switch reads",
                STEP_OVERRAN + " switch reads",
                STEP_FINISHED + " switch reads",
                STEP_STARTED + " route reads to legacy",
                STEP_FINISHED + " route reads to legacy",
                STEP_STARTED + " unfreeze writes",
                STEP_FINISHED + " unfreeze writes",
                ROLLED_BACK + " back to legacy",
                CUTOVER_FINISHED + " v2 cutover");
        assertThat(heard.get(0).messages()).extracting(CommunicationTrigger::audience).containsExactly("#ops");
        assertThat(heard.get(4).messages()).extracting(CommunicationTrigger::audience).containsExactly("#leadership");
        assertThat(result.entries().get(2).overran()).isTrue();
        assertThat(result.events()).hasSameSizeAs(heard);
    }

    @Test
    void aGateWhoseCheckThrowsIsANoGoWithTheReason() {
        Systems systems = new Systems();
        Runbook runbook = runbook(systems, ctx -> {
            throw new IllegalStateException("verifier could not connect");
        }, ctx -> systems.state.put("reads", "v2"));

        CutoverResult result = cutover(runbook, rollback(systems)).execute();

        assertThat(result.entries().get(1).evidence()).containsExactly("the check failed: verifier could not connect");
        assertThat(heard).extracting(CutoverEvent::kind).contains(STEP_STARTED, ROLLED_BACK).doesNotContain(STEP_FAILED);
    }

    /** Keeps the thread busy (not asleep) for at least {@code duration}. */
    private static void busyFor(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
