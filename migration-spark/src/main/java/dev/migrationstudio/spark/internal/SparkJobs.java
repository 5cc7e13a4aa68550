package dev.migrationstudio.spark.internal;

import dev.migrationstudio.MigrationException;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;

/** Runs one Spark job of a table: one partition, and so one task, per item; the results in item order. */
final class SparkJobs {
    private SparkJobs() {
    }

    /**
     * Runs the task on every item. Spark retries a failed task and fails the job after
     * {@code spark.task.maxFailures}; the failure then names the table and the task's reason.
     *
     * @param what what the job does, for Spark's UI, e.g. {@code migrate item -> product}
     */
    static <T, R> List<R> run(JavaSparkContext spark, String what, String table, List<T> items, Function<T, R> task) {
        spark.setJobDescription(what + " (" + items.size() + " tasks)");
        try {
            return spark.parallelize(items, items.size()).map(task).collect();
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
