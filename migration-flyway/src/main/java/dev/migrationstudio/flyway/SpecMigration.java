package dev.migrationstudio.flyway;

import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.JdbcUrls;
import dev.migrationstudio.jdbc.NamedSources;
import dev.migrationstudio.jdbc.source.Dialects;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.verify.GatedMigration;
import dev.migrationstudio.verify.Verifier;
import java.sql.Connection;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.jooq.SQLDialect;

/**
 * A Flyway migration that carries data through a {@link MappingSpec}: a dry run, the migration into
 * Flyway's connection, and a verification that fails the Flyway migration if the target does not hold
 * what the spec makes of the source ({@link GatedMigration}). Version and description come from the
 * class name, as for every {@link BaseJavaMigration}.
 *
 * <pre>{@code
 * public class V3__Load_clients extends SpecMigration {
 *     protected MappingSpec spec() { return ClientSpec.SPEC; }
 *     protected String source() { return "legacy"; }   // NamedSources.register("legacy", dataSource)
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>Checksum.</b> Derived from the spec's fingerprint: editing the spec makes {@code flyway
 *       validate} report the applied migration as changed, as an edited SQL script would.</li>
 *   <li><b>Transaction.</b> Not in Flyway's transaction by default ({@link #canExecuteInTransaction()}
 *       false): the migrator commits chunk by chunk, and a migration that fails resumes where it
 *       stopped once Flyway runs it again (after {@code flyway repair} on databases that record the
 *       failure). Override it to return true on PostgreSQL only, for a load small enough for one
 *       transaction: it then joins Flyway's transaction, and a failure rolls back rows and ledger with
 *       Flyway's history row. H2, MariaDB and MySQL commit at every {@code CREATE TABLE}, so the
 *       migration refuses to run in their transaction.</li>
 *   <li><b>Source.</b> Looked up by {@link #source() name}: a data source registered in
 *       {@link NamedSources}, or else Flyway placeholders {@code <name>.url}, {@code <name>.user} and
 *       {@code <name>.password} (a pool is opened for the migration and closed after it).</li>
 *   <li><b>Ledger.</b> In a schema of its own ({@link #ledgerSchema()}, default
 *       {@code migration_ledger}), out of the way of Flyway's history table and the application's
 *       tables.</li>
 * </ul>
 */
public abstract class SpecMigration extends BaseJavaMigration {

    /**
     * The spec to run; called more than once, it returns the same spec each time.
     *
     * @return the spec; its fingerprint is the migration's checksum, so editing the spec shows as a changed
     *     migration
     */
    protected abstract MappingSpec spec();

    /**
     * The name of the source database, as registered in {@link NamedSources} or given as placeholders.
     *
     * @return the source's name; not null
     */
    protected abstract String source();

    /**
     * The schema of the migrator's ledger tables, created if missing (default: {@code migration_ledger}).
     *
     * @return the schema name, as the target spells it
     */
    protected String ledgerSchema() {
        return "migration_ledger";
    }

    /**
     * Options of the migration (batch sizes, bad-row policy...); source, target, spec and ledger are set.
     *
     * @param configuration the migrator's configuration with source, target, spec and ledger already set
     * @return the configuration to load, usually {@code configuration} itself with options changed
     */
    protected JdbcMigrator.Configuration configure(JdbcMigrator.Configuration configuration) {
        return configuration;
    }

    /**
     * The checks of the gate (default: row counts, checksums and constraints).
     *
     * @param verifier a verifier between the source and the target for the spec, with no check named yet: unless
     *     this names checks, it verifies row counts, checksums and constraints
     * @return the verifier with the checks the gate runs, usually {@code verifier} itself
     */
    protected Verifier verification(Verifier verifier) {
        return verifier;
    }

    /** The first 32 bits of the spec's fingerprint: Flyway sees an edited spec as a changed migration. */
    @Override
    public Integer getChecksum() {
        return (int) Long.parseLong(spec().fingerprint().substring(0, 8), 16);
    }

    /** Whether Flyway runs this migration in its transaction (default: false; true on PostgreSQL only). */
    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public final void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        if (!connection.getAutoCommit() && Dialects.of(connection) != SQLDialect.POSTGRES) {
            throw new IllegalStateException(getClass().getSimpleName() + " runs in Flyway's transaction on "
                    + Dialects.of(connection) + ", which commits it at every CREATE TABLE (the ledger's); "
                    + "return false from canExecuteInTransaction() (the default), or join only on PostgreSQL");
        }
        Optional<DataSource> registered = NamedSources.find(source());
        if (registered.isPresent()) {
            run(registered.get(), connection);
            return;
        }
        Map<String, String> placeholders = context.getConfiguration().getPlaceholders();
        String url = placeholders.get(source() + ".url");
        if (url == null) {
            // Names the registered sources and how to register one.
            NamedSources.lookup(source());
        }
        try (var pool = JdbcUrls.pool(url, placeholders.get(source() + ".user"),
                placeholders.get(source() + ".password"), 3)) {
            run(pool, connection);
        }
    }

    private void run(DataSource source, Connection connection) {
        GatedMigration.of(spec(), source, connection).ledgerSchema(ledgerSchema())
                .configure(this::configure).verification(this::verification).run();
    }
}
