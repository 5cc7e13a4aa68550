package dev.migrationstudio.verify.junit.internal;

import dev.migrationstudio.verify.junit.BothSides;
import dev.migrationstudio.verify.junit.DatabasePair;
import dev.migrationstudio.verify.junit.DatabaseSide;
import dev.migrationstudio.verify.junit.SourceAndTarget;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs each {@link BothSides} test on both databases of the class's {@link SourceAndTarget}, records
 * each run's outcome, and after the class compares them.
 */
public final class BothSidesExtension implements TestTemplateInvocationContextProvider, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            BothSidesExtension.class);
    private static final String PAIR = "pair";
    private static final String OUTCOMES = "outcomes";

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, BothSides.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        DatabasePair pair = pair(context);
        return Stream.of(DatabaseSide.SOURCE, DatabaseSide.TARGET).map(side -> invocation(side,
                side == DatabaseSide.SOURCE ? pair.source() : pair.target()));
    }

    private static TestTemplateInvocationContext invocation(DatabaseSide side, DataSource database) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return "on the " + side.name().toLowerCase(java.util.Locale.ROOT);
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(new SideParameters(side, database), (AfterTestExecutionCallback) c -> record(c, side));
            }
        };
    }

    /** The class's database pair, made once per class. */
    private static DatabasePair pair(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(PAIR, k -> new ClosingPair(create(classContext)),
                ClosingPair.class).pair;
    }

    private static DatabasePair create(ExtensionContext classContext) {
        Class<?> testClass = classContext.getRequiredTestClass();
        SourceAndTarget annotation = AnnotationSupport.findAnnotation(testClass, SourceAndTarget.class)
                .orElseThrow(() -> new ExtensionConfigurationException(testClass.getName()
                        + " runs @BothSides tests but has no @SourceAndTarget naming its databases"));
        try {
            return annotation.value().getDeclaredConstructor().newInstance();
        } catch (InstantiationException | IllegalAccessException | NoSuchMethodException e) {
            throw new ExtensionConfigurationException(annotation.value().getName()
                    + " needs a public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new ExtensionConfigurationException("cannot open the databases of " + testClass.getSimpleName()
                    + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<DatabaseSide, Optional<Throwable>>> outcomes(ExtensionContext context) {
        return classContext(context).getStore(NAMESPACE).getOrComputeIfAbsent(OUTCOMES,
                k -> new LinkedHashMap<String, Map<DatabaseSide, Optional<Throwable>>>(), Map.class);
    }

    private static void record(ExtensionContext context, DatabaseSide side) {
        String test = context.getRequiredTestMethod().getName();
        synchronized (BothSidesExtension.class) {
            outcomes(context).computeIfAbsent(test, k -> new EnumMap<>(DatabaseSide.class))
                    .put(side, context.getExecutionException());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> differing = new ArrayList<>();
        outcomes(context).forEach((test, bySide) -> {
            Optional<Throwable> source = bySide.getOrDefault(DatabaseSide.SOURCE, Optional.empty());
            Optional<Throwable> target = bySide.getOrDefault(DatabaseSide.TARGET, Optional.empty());
            if (bySide.size() == 2 && source.isPresent() != target.isPresent()) {
                differing.add(test + ": " + describe(DatabaseSide.SOURCE, source) + ", "
                        + describe(DatabaseSide.TARGET, target));
            }
        });
        if (!differing.isEmpty()) {
            throw new AssertionError(differing.size() + " test(s) of " + context.getRequiredTestClass().getSimpleName()
                    + " behave differently on the target:\n  - " + String.join("\n  - ", differing));
        }
    }

    private static String describe(DatabaseSide side, Optional<Throwable> failure) {
        String name = side.name().toLowerCase(java.util.Locale.ROOT);
        return failure.map(f -> "fails on the " + name + " (" + firstLine(f) + ")").orElse("passes on the " + name);
    }

    private static String firstLine(Throwable failure) {
        String message = String.valueOf(failure.getMessage()).strip();
        int newline = message.indexOf('\n');
        return failure.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline));
    }

    /** Gives a test the side's data source and the side itself. */
    private record SideParameters(DatabaseSide side, DataSource database) implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            return type == DataSource.class || type == DatabaseSide.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == DataSource.class ? database : side;
        }
    }

    /** Closes the pair with the class when it holds resources. */
    private record ClosingPair(DatabasePair pair) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            if (pair instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
