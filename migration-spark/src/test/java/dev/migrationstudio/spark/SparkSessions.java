package dev.migrationstudio.spark;

import org.apache.spark.sql.SparkSession;

/** The test classes' Spark: two cores in this JVM, each task tried up to three times (as a cluster retries). */
final class SparkSessions {
    private SparkSessions() {
    }

    static SparkSession local() {
        return SparkSession.builder().master("local[2,3]").appName("migration-spark-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }
}
