package dev.migrationstudio.spark;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.jdbc.internal.MigrationRun;
import dev.migrationstudio.spark.internal.PlanInstances;
import dev.migrationstudio.spark.internal.SparkDigests;
import dev.migrationstudio.spark.internal.SparkRanges;
import dev.migrationstudio.verify.VerificationReport;
import dev.migrationstudio.verify.Verifier;
import dev.migrationstudio.verify.internal.VerificationRun;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a {@link SparkPlan} on Apache Spark: the same spec, ledger and result as
 * {@link dev.migrationstudio.jdbc.JdbcMigrator}, with each table's key ranges copied by Spark tasks.
 *
 * <pre>{@code
 * SparkMigrator migrator = SparkMigrator.configure().session(spark).plan(ChinookPlan.class).load();
 * MigrationResult result = migrator.migrate();        // resumable; a second run is a no-op
 * VerificationReport report = migrator.verify();      // chunk digests computed by the executors
 * }</pre>
 *
 * <p>The driver takes the run lock, checks the spec's fingerprint against the ledger, plans each
 * table's key ranges (the ledger's holes first, then a range every chunk-size keys after the last
 * committed key) and runs one Spark job per table, parents first. Each task reads its range in key
 * order, maps it and writes it with the engine's writers (COPY into PostgreSQL), each chunk committed
 * with its ledger row and fenced by the run lock's token; a retried task or a resubmitted job goes on
 * after what its range committed. Tables without a key are reloaded by the driver. At the end the
 * driver retries the rows that waited for a parent row and assembles the {@link MigrationResult}.
 * {@link dev.migrationstudio.jdbc.JdbcMigrator} resumes what a Spark run left, and the other way round.
 */
public final class SparkMigrator {
    private final SparkSession session;
    private final Class<? extends SparkPlan> plan;

    private SparkMigrator(SparkSession session, Class<? extends SparkPlan> plan) {
        this.session = session;
        this.plan = plan;
    }

    /**
     * Starts a configuration.
     *
     * @return a new configuration; {@link Configuration#session} and {@link Configuration#plan} are required
     */
    public static Configuration configure() {
        return new Configuration();
    }

    /**
     * Migrates: plans on the driver, copies on the executors.
     *
     * @return the tables' counts and outcomes, as {@link dev.migrationstudio.jdbc.JdbcMigrator#migrate()} reports
     *     them
     * @throws dev.migrationstudio.jdbc.MigrationFailedException when a table failed (committed chunks
     *     stay; run it again to resume)
     */
    public MigrationResult migrate() {
        PlanInstances driver = PlanInstances.create(plan.getName());
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
        return new MigrationRun(driver.settings(), driver.source(), driver.target())
                .run(new SparkRanges(spark, plan.getName(), driver.spec().fingerprint()));
    }

    /**
     * Verifies the target against the source with the plan's checks ({@link SparkPlan#checks}): the
     * driver plans each keyed table's chunks, the executors read segments of both sides and sum their
     * rows' canonical hashes per chunk, and the driver compares the sums and bisects the chunks that
     * differ down to the rows, as {@link Verifier} does in one process: the same report.
     *
     * @return the verification report; its {@link VerificationReport#passed()} is the gate
     */
    public VerificationReport verify() {
        PlanInstances driver = PlanInstances.create(plan.getName());
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
        return new VerificationRun(driver.verification(), Optional.of(new SparkDigests(spark, plan.getName(),
                driver.spec().fingerprint()))).run();
    }

    /** The fluent configuration of a {@link SparkMigrator}. */
    public static final class Configuration {
        private SparkSession session;
        private Class<? extends SparkPlan> plan;

        private Configuration() {
        }

        /**
         * The Spark session to run on.
         *
         * @param value the session whose executors copy the chunks; not null
         * @return this configuration
         */
        public Configuration session(SparkSession value) {
            this.session = checkNotNull(value, "session");
            return this;
        }

        /**
         * The plan: a public class with a public no-argument constructor, on the classpath of the driver
         * and of every executor (in the job's jar).
         *
         * @param value the plan class; not null
         * @return this configuration
         */
        public Configuration plan(Class<? extends SparkPlan> value) {
            this.plan = checkNotNull(value, "plan");
            return this;
        }

        /**
         * Validates and freezes the configuration.
         *
         * @return the migrator, ready to {@link SparkMigrator#migrate()} or {@link SparkMigrator#verify()}
         * @throws IllegalStateException naming what is missing
         */
        public SparkMigrator load() {
            checkState(session != null, "no Spark session: call session(spark)");
            checkState(plan != null, "no plan: call plan(YourPlan.class)");
            return new SparkMigrator(session, plan);
        }
    }
}
