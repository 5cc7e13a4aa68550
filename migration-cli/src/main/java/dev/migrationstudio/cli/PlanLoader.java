package dev.migrationstudio.cli;

import dev.migrationstudio.MigrationPlan;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the plan class in the given jars (or on the class path) and makes a {@link PlanDefinition} of it. */
final class PlanLoader {

    private PlanLoader() {
    }

    /**
     * A class implementing {@link PlanDefinition} is instantiated; a class with a public static
     * {@code plan()} method returning a {@link MigrationPlan} (the plan written without databases) is
     * wrapped.
     *
     * @throws IllegalArgumentException naming the class and what is wrong with it
     */
    static PlanDefinition load(String className, List<Path> jars) {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("plan jar " + jar.toAbsolutePath() + " does not exist");
            }
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("plan jar " + jar + ": " + e.getMessage(), e);
            }
        }
        // Not closed: the plan's classes are used until the command ends, and the JVM ends with it.
        ClassLoader loader = urls.isEmpty() ? PlanLoader.class.getClassLoader()
                : new URLClassLoader(urls.toArray(URL[]::new), PlanLoader.class.getClassLoader());
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("plan class " + className + " not found"
                    + (jars.isEmpty() ? " on the class path; name its jar with --plan-jar" : " in " + jars), e);
        }
        if (PlanDefinition.class.isAssignableFrom(type)) {
            try {
                return (PlanDefinition) type.getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("plan class " + className + " needs a public no-argument "
                        + "constructor: " + e, e);
            }
        }
        Method plan;
        try {
            plan = type.getMethod("plan");
        } catch (NoSuchMethodException e) {
            plan = null;
        }
        if (plan == null || !Modifier.isStatic(plan.getModifiers()) || plan.getReturnType() != MigrationPlan.class) {
            throw new IllegalArgumentException("plan class " + className + " neither implements "
                    + PlanDefinition.class.getName() + " nor has a public static MigrationPlan plan() method");
        }
        Method factory = plan;
        return context -> {
            try {
                return (MigrationPlan) factory.invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("plan " + className + ".plan() failed: " + e.getCause(), e.getCause());
            }
        };
    }
}
