package dev.migrationstudio.spark.internal;

import dev.migrationstudio.jdbc.internal.RangePlan;
import dev.migrationstudio.jdbc.internal.RangeWorker;
import org.apache.spark.api.java.function.Function;

/**
 * One Spark task: copies one key range on an executor, with the plan the executor builds from the
 * class the driver names. Holds only names, the fingerprint and the lock's fence, never a spec or a
 * password.
 */
final class RangeTask implements Function<RangePlan.Range, RangeWorker.Outcome> {
    private static final long serialVersionUID = 1L;

    /** Called after each range's copy, in the executor: lets tests fail a task after its commit. */
    static volatile java.util.function.Consumer<RangePlan.Range> afterCopy = range -> { };

    private final String planClass;
    private final String fingerprint;
    private final RangeWorker.Fence fence;

    RangeTask(String planClass, String fingerprint, RangeWorker.Fence fence) {
        this.planClass = planClass;
        this.fingerprint = fingerprint;
        this.fence = fence;
    }

    @Override
    public RangeWorker.Outcome call(RangePlan.Range range) {
        PlanInstances plan = PlanInstances.forRun(planClass, fence.runId(), fingerprint);
        RangeWorker.Outcome outcome = RangeWorker.copy(plan.settings(), plan.source(), plan.target(), range, fence);
        afterCopy.accept(range);
        return outcome;
    }
}
