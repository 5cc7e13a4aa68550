package dev.migrationstudio.cli;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.ProgressListener;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.verify.Verifier;
import java.util.Optional;
import javax.sql.DataSource;

/** What the command line hands a {@link PlanDefinition}: the two databases, and runners set up for them. */
public final class PlanContext {

    private final DataSource source;
    private final DataSource target;
    private final Optional<ProgressListener> progress;

    PlanContext(DataSource source, DataSource target, Optional<ProgressListener> progress) {
        this.source = checkNotNull(source, "source");
        this.target = checkNotNull(target, "target");
        this.progress = checkNotNull(progress, "progress");
    }

    /**
     * The source database ({@code --source-url}).
     *
     * @return the source, connected with the command line's URL, user and password
     */
    public DataSource source() {
        return source;
    }

    /**
     * The target database ({@code --target-url}).
     *
     * @return the target, connected with the command line's URL, user and password
     */
    public DataSource target() {
        return target;
    }

    /**
     * A migrator between the two databases for {@code spec}, showing progress as {@code --progress}
     * says; change what you need before {@code load()}.
     *
     * @param spec the mapping spec to migrate; not null
     * @return a new configuration with source, target, spec and progress set, not yet loaded
     */
    public JdbcMigrator.Configuration migrator(MappingSpec spec) {
        JdbcMigrator.Configuration configuration = JdbcMigrator.configure().source(source).target(target).spec(spec);
        progress.ifPresent(listener -> configuration.progress(listener).logProgress(false));
        return configuration;
    }

    /**
     * A verifier between the two databases for {@code spec}: row counts, checksums and constraints.
     *
     * @param spec the mapping spec to verify against; not null
     * @return a new verifier with row counts, checksums and constraints enabled, to which more checks can be added
     */
    public Verifier verifier(MappingSpec spec) {
        return Verifier.between(source, target).spec(spec).rowCounts().checksums().constraints();
    }
}
