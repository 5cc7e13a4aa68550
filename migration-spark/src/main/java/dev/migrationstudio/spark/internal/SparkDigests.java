package dev.migrationstudio.spark.internal;

import dev.migrationstudio.verify.internal.RemoteDigests;
import java.util.List;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Computes a table's digest pass as one Spark job: one task per segment of each side.
 *
 * @param spark the driver's context
 * @param planClass the plan's class, which each executor instantiates
 * @param fingerprint the driver's spec fingerprint, which each executor's must equal
 * @param run names this verification, for the executors' instances of the plan
 */
public record SparkDigests(JavaSparkContext spark, String planClass, String fingerprint, String run)
        implements RemoteDigests.Executor {

    /** A new verification's digests. */
    public SparkDigests(JavaSparkContext spark, String planClass, String fingerprint) {
        this(spark, planClass, fingerprint, UUID.randomUUID().toString());
    }

    @Override
    public List<RemoteDigests.Part> run(List<RemoteDigests.Task> tasks) {
        String table = tasks.get(0).mapping();
        return SparkJobs.run(spark, "verify " + table, table, tasks, new DigestTask(planClass, fingerprint, run));
    }
}
