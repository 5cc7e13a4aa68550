package dev.migrationstudio.spark.internal;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.verify.internal.RemoteDigests;
import java.util.List;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;

/** Computes a table's digest pass as one Spark job: one task per segment of each side. */
public final class SparkDigests implements RemoteDigests.Executor {
    private final JavaSparkContext spark;
    private final String planClass;
    private final String fingerprint;
    private final String run = UUID.randomUUID().toString();

    /**
     * @param planClass the plan's class, which each executor instantiates
     * @param fingerprint the driver's spec fingerprint, which each executor's must equal
     */
    public SparkDigests(JavaSparkContext spark, String planClass, String fingerprint) {
        this.spark = spark;
        this.planClass = planClass;
        this.fingerprint = fingerprint;
    }

    @Override
    public List<RemoteDigests.Part> run(List<RemoteDigests.Task> tasks) {
        String table = tasks.get(0).mapping();
        spark.setJobDescription("verify " + table + " (" + tasks.size() + " segments)");
        try {
            return spark.parallelize(tasks, tasks.size()).map(new DigestTask(planClass, fingerprint, run)).collect();
        } catch (Exception e) {
            // Spark's own failures are checked exceptions that Scala throws undeclared.
            throw new MigrationException(table + ": " + SparkRanges.reason(e), e);
        }
    }
}
