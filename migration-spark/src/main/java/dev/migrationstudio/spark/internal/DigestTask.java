package dev.migrationstudio.spark.internal;

import dev.migrationstudio.verify.internal.RemoteDigests;
import org.apache.spark.api.java.function.Function;

/** One Spark task of a verification: one segment of one side of a table, its hashes summed per chunk. */
final class DigestTask implements Function<RemoteDigests.Task, RemoteDigests.Part> {
    private static final long serialVersionUID = 1L;

    private final String planClass;
    private final String fingerprint;
    private final String run;

    DigestTask(String planClass, String fingerprint, String run) {
        this.planClass = planClass;
        this.fingerprint = fingerprint;
        this.run = run;
    }

    @Override
    public RemoteDigests.Part call(RemoteDigests.Task task) {
        PlanInstances plan = PlanInstances.forRun(planClass, run, fingerprint);
        return RemoteDigests.compute(plan.verification(), task);
    }
}
