package dev.migrationstudio.test;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link WithScratchTarget}: resolves {@link ScratchTarget} parameters
 * with a database created for the test method (an annotation on the method wins over the class's)
 * and closed with the method's extension context.
 */
public final class ScratchTargetExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ScratchTargetExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ScratchTarget.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        WithScratchTarget settings = context.getTestMethod().map(m -> m.getAnnotation(WithScratchTarget.class))
                .or(() -> context.getTestClass().map(c -> c.getAnnotation(WithScratchTarget.class)))
                .orElseThrow(() -> new ParameterResolutionException("a ScratchTarget parameter needs "
                        + "@WithScratchTarget on the test method or its class"));
        // One database per test method, shared by its parameters, closed when the method's context closes.
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(ScratchTarget.class,
                type -> new Resource(ScratchTarget.create(context.getRequiredTestMethod().getName(), settings.schema(),
                        settings.mode())), Resource.class).target;
    }

    /**
     * Closes the database when JUnit closes the store. {@code CloseableResource} rather than a plain
     * {@code AutoCloseable} so that JUnit versions before 5.13 close it too.
     */
    @SuppressWarnings("deprecation")
    private static final class Resource implements ExtensionContext.Store.CloseableResource {
        final ScratchTarget target;

        Resource(ScratchTarget target) {
            this.target = target;
        }

        @Override
        public void close() {
            target.close();
        }
    }
}
