package dev.migrationstudio.spark.internal;

import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.Passthrough;
import dev.migrationstudio.jdbc.internal.MigrationSettings;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.spark.SparkPlan;
import dev.migrationstudio.verify.Verifier;
import dev.migrationstudio.verify.internal.Settings;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A {@link SparkPlan} instantiated by its class's name, with its spec, its databases and the run's
 * frozen settings: on the driver once per run, on each executor once per run (the first task of the
 * run builds it, the others reuse it), checked against the driver's fingerprint.
 *
 * @param plan the plan
 * @param spec its spec
 * @param source its source database
 * @param target its target database
 * @param settings the migration's settings, frozen from the plan's options
 */
public record PlanInstances(SparkPlan plan, MappingSpec spec, DataSource source, DataSource target,
                            MigrationSettings settings) {
    // By class name: the instance of the latest run on this executor.
    private static final Map<String, Cached> CACHE = new HashMap<>();

    private record Cached(String run, PlanInstances instances) {
    }

    /**
     * Instantiates a plan class and builds its spec, databases and settings.
     *
     * @throws IllegalArgumentException when the class is not a public {@link SparkPlan} with a public
     *     no-argument constructor
     */
    public static PlanInstances create(String className) {
        SparkPlan plan = instantiate(className);
        MappingSpec spec = plan.spec();
        DataSource source = plan.source();
        DataSource target = plan.target();
        JdbcMigrator.Configuration options = plan.options(JdbcMigrator.configure().source(source).target(target)
                .spec(spec));
        options.load();
        return new PlanInstances(plan, spec, source, target, settings(options));
    }

    /**
     * The plan of a run on this executor, built by the run's first task here and checked against the
     * driver's fingerprint.
     *
     * @throws IllegalStateException when the executor's spec has another fingerprint than the driver's
     */
    public static PlanInstances forRun(String className, String run, String fingerprint) {
        PlanInstances instances;
        synchronized (CACHE) {
            Cached cached = CACHE.get(className);
            if (cached == null || !cached.run().equals(run)) {
                cached = new Cached(run, create(className));
                CACHE.put(className, cached);
            }
            instances = cached.instances();
        }
        if (!instances.spec().fingerprint().equals(fingerprint)) {
            throw new IllegalStateException(String.format("the spec '%s' that %s builds on this executor has fingerprint "
                    + "%s, the driver's has %s: the executor runs another build of the plan, or the spec depends on "
                    + "something that differs between machines; ship the same jar to the driver and the executors",
                    instances.spec().name(), className, instances.spec().fingerprint().substring(0, 12),
                    fingerprint.substring(0, 12)));
        }
        return instances;
    }

    /** The verification's settings, from the plan's checks. */
    public Settings verification() {
        return plan.checks(Verifier.between(source, target).spec(spec)).settings();
    }

    private static SparkPlan instantiate(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("plan class " + className + " is not on the classpath: ship it in the "
                    + "job's jar", e);
        }
        if (!SparkPlan.class.isAssignableFrom(type) || !Modifier.isPublic(type.getModifiers())
                || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException("plan class " + className + " must be a public, concrete class that "
                    + "implements " + SparkPlan.class.getName());
        }
        try {
            Constructor<?> constructor = type.getConstructor();
            return (SparkPlan) constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("plan class " + className + " needs a public no-argument constructor: "
                    + "each executor instantiates it", e);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalArgumentException("plan class " + className + " could not be instantiated: " + cause, cause);
        }
    }

    /**
     * The settings a run sees, frozen from the plan's options. MariaDB's LOAD DATA, the catch-up's
     * deletes and its watermarks are not options of a Spark run: their defaults apply; executors
     * write through the Java path (a range is one task's, so COPY passthrough and its writers per
     * table do not apply).
     */
    private static MigrationSettings settings(JdbcMigrator.Configuration c) {
        return new MigrationSettings(c.spec(), c.batchSize(), c.chunkSize(), c.fetchSize(), c.parallelism(),
                c.badRows(), c.isDryRun(), c.isStartOver(), c.isReapplyingChangedSpec(),
                c.renamedFrom().orElse(""), c.isResumable(), c.usesPostgresCopy(), true,
                Passthrough.OFF, 1, c.ledgerSchema(), c.ledgerPrefix(), c.lease(), c.lockWait(), c.listeners(), c.logsProgress(), false,
                Map.of());
    }
}
