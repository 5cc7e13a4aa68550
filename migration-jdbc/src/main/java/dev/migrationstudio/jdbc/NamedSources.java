package dev.migrationstudio.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Source databases by name, for steps that a deploy tool instantiates itself (a Flyway
 * {@code JavaMigration}, a Liquibase {@code CustomTaskChange}) and that can only be told a name. The
 * application registers its data sources before it runs the tool; the step looks its source up.
 *
 * <pre>{@code
 * NamedSources.register("legacy", legacyDataSource);
 * Flyway.configure().dataSource(appDataSource).load().migrate();
 * }</pre>
 */
public final class NamedSources {
    private static final Map<String, DataSource> SOURCES = new ConcurrentHashMap<>();

    private NamedSources() {
    }

    /**
     * Registers (or replaces) the data source known as {@code name}.
     *
     * @param name the source's name, as specs and deploy tools refer to it; not blank
     * @param dataSource the data source; not null
     */
    public static void register(String name, DataSource dataSource) {
        checkArgument(name != null && !name.isBlank(), "a source's name must not be blank");
        SOURCES.put(name, checkNotNull(dataSource, "data source"));
    }

    /**
     * Forgets the data source known as {@code name}, if any.
     *
     * @param name the source's name; not null. An unknown name is ignored
     */
    public static void unregister(String name) {
        SOURCES.remove(checkNotNull(name, "name"));
    }

    /**
     * The data source registered as {@code name}, if any.
     *
     * @param name the source's name; not null
     * @return the data source, or empty when none is registered under that name
     */
    public static Optional<DataSource> find(String name) {
        return Optional.ofNullable(SOURCES.get(checkNotNull(name, "name")));
    }

    /**
     * The data source registered as {@code name}.
     *
     * @param name the source's name; not null
     * @return the data source
     * @throws IllegalStateException naming the registered sources if there is none by that name
     */
    public static DataSource lookup(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("no source registered as '" + name
                + "' (registered: " + new TreeSet<>(SOURCES.keySet()) + "); call NamedSources.register(\"" + name
                + "\", dataSource) before running the deploy tool"));
    }
}
