package dev.migrationstudio.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.InvalidPlanException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunbookTest {

    private static final GateCheck ALWAYS = ctx -> GateDecision.go("always");

    @Test
    void keepsStepsAndGatesInOrderWithThePointOfNoReturn() {
        Runbook runbook = Runbook.named("v2 cutover")
                .announce(CommunicationEvent.CUTOVER_STARTED, "#ops", "cutover begins")
                .step("freeze writes").owner("ops").expect(Duration.ofMinutes(2)).run(ctx -> { })
                        .announce(CommunicationEvent.STEP_STARTED, "customers", "read-only for 30 minutes")
                .gate("verification green", ALWAYS)
                .step("switch reads").owner("ops").expect(Duration.ofMinutes(5)).pointOfNoReturn().run(ctx -> { })
                .step("announce").owner("comms").description("post on the status page")
                .build();

        assertThat(runbook.items()).extracting(RunbookItem::name)
                .containsExactly("freeze writes", "verification green", "switch reads", "announce");
        assertThat(runbook.pointOfNoReturn()).map(Step::name).hasValue("switch reads");
        assertThat(runbook.stepsBeforePointOfNoReturn()).extracting(Step::name).containsExactly("freeze writes");
        assertThat(runbook.expectedDuration()).isEqualTo(Duration.ofMinutes(7));
        assertThat(runbook.steps().get(2).isManual()).isTrue();
        assertThat(runbook.steps().get(0).triggers()).singleElement()
                .extracting(CommunicationTrigger::audience).isEqualTo("customers");
    }

    @Test
    void rejectsADuplicateStepName() {
        assertThatThrownBy(() -> Runbook.named("r").step("backup").step("backup").build())
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("Runbook 'r' is invalid")
                .hasMessageContaining("the name 'backup' is used twice (entries 1 and 2); names must be unique");
    }

    @Test
    void rejectsAGateAfterTheLastStep() {
        assertThatThrownBy(() -> Runbook.named("r").step("switch").gate("all good", ALWAYS).build())
                .hasMessageContaining("gate 'all good' comes after the last step; a gate must guard a step that follows it");
    }

    @Test
    void rejectsTwoPointsOfNoReturn() {
        assertThatThrownBy(() -> Runbook.named("r").step("a").pointOfNoReturn().step("b").pointOfNoReturn().build())
                .hasMessageContaining("steps [a, b] are all marked point of no return; a runbook has at most one");
    }

    @Test
    void rejectsANegativeDuration() {
        assertThatThrownBy(() -> Runbook.named("r").step("a").expect(Duration.ofMinutes(-1)).build())
                .hasMessageContaining("step 'a' has expected duration PT-1M; it must be positive");
    }

    @Test
    void rejectsAnEmptyRunbookAndBlankOwners() {
        assertThatThrownBy(() -> Runbook.named("r").build()).hasMessageContaining("it has no steps");
        assertThatThrownBy(() -> Runbook.named("r").step("a").owner(" ").build())
                .hasMessageContaining("step 'a' has a blank owner");
    }

    @Test
    void rollbackPlansHaveAnRtoTheirStepsFitIn() {
        Runbook runbook = Runbook.named("r").step("a").step("b").pointOfNoReturn().build();
        RollbackPlan rollback = RollbackPlan.named("back").rto(Duration.ofMinutes(15))
                .step("route reads to legacy").owner("ops").expect(Duration.ofMinutes(5)).run(ctx -> { })
                .step("unfreeze writes").owner("ops").expect(Duration.ofMinutes(2))
                .build();

        assertThat(rollback.expectedDuration()).isEqualTo(Duration.ofMinutes(7));
        assertThat(rollback.coverage(runbook).coveredSteps()).containsExactly("a");
        assertThat(rollback.coverage(runbook).describe()).contains("before step 'b' (the point of no return)");
    }

    @Test
    void rejectsRollbackPlansThatCannotMeetTheirRto() {
        assertThatThrownBy(() -> RollbackPlan.named("back").rto(Duration.ofMinutes(5))
                .step("restore").expect(Duration.ofMinutes(20)).build())
                .hasMessageContaining("its steps are expected to take PT20M, longer than its RTO of PT5M");
        assertThatThrownBy(() -> RollbackPlan.named("back").step("restore").build())
                .hasMessageContaining("it has no RTO");
        assertThatThrownBy(() -> RollbackPlan.named("back").rto(Duration.ZERO).step("x").build())
                .hasMessageContaining("RTO must be a positive duration, got PT0S");
    }
}
