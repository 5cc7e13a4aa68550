package dev.migrationstudio.spark.internal;

import dev.migrationstudio.jdbc.internal.RangeExecutor;
import dev.migrationstudio.jdbc.internal.RangePlan;
import dev.migrationstudio.jdbc.internal.RangeWorker;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Copies a table's key ranges as one Spark job, one task per range. A retried task goes on after what
 * its range committed; a job that fails stops the run with the task's reason.
 *
 * @param spark the driver's context
 * @param planClass the plan's class, which each executor instantiates
 * @param fingerprint the driver's spec fingerprint, which each executor's must equal
 */
public record SparkRanges(JavaSparkContext spark, String planClass, String fingerprint) implements RangeExecutor {

    @Override
    public List<RangeWorker.Outcome> copy(List<RangePlan.Range> ranges, RangeWorker.Fence fence) {
        String table = ranges.get(0).mapping();
        return SparkJobs.run(spark, "migrate " + table, table, ranges, new RangeTask(planClass, fingerprint, fence));
    }
}
