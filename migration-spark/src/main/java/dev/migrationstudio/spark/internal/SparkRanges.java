package dev.migrationstudio.spark.internal;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.jdbc.internal.RangeExecutor;
import dev.migrationstudio.jdbc.internal.RangePlan;
import dev.migrationstudio.jdbc.internal.RangeWorker;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Copies a table's key ranges as one Spark job: one partition, and so one task, per range. Spark
 * retries a failed task (a retried range goes on after what it committed) and fails the job after
 * {@code spark.task.maxFailures}; the run then stops with the task's reason.
 */
public final class SparkRanges implements RangeExecutor {
    private final JavaSparkContext spark;
    private final String planClass;
    private final String fingerprint;

    /**
     * @param planClass the plan's class, which each executor instantiates
     * @param fingerprint the driver's spec fingerprint, which each executor's must equal
     */
    public SparkRanges(JavaSparkContext spark, String planClass, String fingerprint) {
        this.spark = spark;
        this.planClass = planClass;
        this.fingerprint = fingerprint;
    }

    @Override
    public List<RangeWorker.Outcome> copy(List<RangePlan.Range> ranges, RangeWorker.Fence fence) {
        String table = ranges.get(0).mapping();
        spark.setJobDescription("migrate " + table + " (" + ranges.size() + " key ranges)");
        try {
            return spark.parallelize(ranges, ranges.size()).map(new RangeTask(planClass, fingerprint, fence)).collect();
        } catch (Exception e) {
            // Spark's own failures are checked exceptions that Scala throws undeclared.
            throw new MigrationException(table + ": " + reason(e), e);
        }
    }

    /** The task's own failure when Spark kept it (it does when it could serialise it), else Spark's message. */
    static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MigrationException || t instanceof IllegalStateException
                    || t instanceof IllegalArgumentException) {
                return t.getMessage();
            }
        }
        String message = String.valueOf(failure.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
