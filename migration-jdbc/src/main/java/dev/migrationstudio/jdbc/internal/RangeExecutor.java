package dev.migrationstudio.jdbc.internal;

import java.util.List;

/**
 * Copies a table's key ranges in other processes: how a chunk-parallel runner plugs into a
 * {@link MigrationRun}, which keeps the lock, the ledger's preparation, the load order, the
 * parent-row retry and the result. Each range goes to {@link RangeWorker#copy} in some worker.
 */
@FunctionalInterface
public interface RangeExecutor {
    /**
     * Copies the ranges (of one table mapping) and returns what each did, in any order.
     *
     * @param fence what the workers prove the run lock with
     * @throws RuntimeException when a range could not be copied (its committed chunks stay)
     */
    List<RangeWorker.Outcome> copy(List<RangePlan.Range> ranges, RangeWorker.Fence fence);
}
