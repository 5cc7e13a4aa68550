package dev.migrationstudio.liquibase;

import dev.migrationstudio.jdbc.NamedSources;
import dev.migrationstudio.jdbc.source.Dialects;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.verify.GatedMigration;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import liquibase.change.CheckSum;
import liquibase.change.custom.CustomChangeChecksum;
import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;
import org.jooq.SQLDialect;

/**
 * A Liquibase change that carries data through a {@link MappingSpec}: a dry run, the migration into
 * Liquibase's connection and a verification that fails the change set if the target does not hold
 * what the spec makes of the source ({@link GatedMigration}).
 *
 * <pre>{@code
 * <changeSet id="load-clients" author="data" runInTransaction="false">
 *     <customChange class="dev.migrationstudio.liquibase.SpecChange">
 *         <param name="spec" value="com.example.ClientSpec"/>
 *         <param name="source" value="legacy"/>
 *         <param name="ledgerSchema" value="migration_ledger"/>
 *     </customChange>
 * </changeSet>
 * }</pre>
 *
 * <ul>
 *   <li>{@code spec}: a class with a public no-argument constructor that implements
 *       {@code Supplier<MappingSpec>}.</li>
 *   <li>{@code source}: the name of a data source registered in {@link NamedSources} before Liquibase
 *       runs.</li>
 *   <li>{@code ledgerSchema}: the schema of the ledger tables (default: {@code migration_ledger}), out
 *       of the way of Liquibase's tables and the application's.</li>
 * </ul>
 *
 * <p>Transaction: with {@code runInTransaction="false"} the migrator commits chunk by chunk, and a
 * failed change set resumes where it stopped when Liquibase runs it again. Inside Liquibase's
 * transaction (its default) the run joins it, on PostgreSQL only: rows, ledger and the
 * {@code DATABASECHANGELOG} row commit together, and a failure rolls all of them back. H2, MariaDB and
 * MySQL commit at every {@code CREATE TABLE}, so there the change refuses to run inside Liquibase's
 * transaction and asks for {@code runInTransaction="false"}.
 *
 * <p>The checksum is the spec's fingerprint: an edited spec makes Liquibase report the change set as
 * changed, as an edited SQL change would.
 */
public final class SpecChange implements CustomTaskChange, CustomChangeChecksum {
    private String spec;
    private String source;
    private String ledgerSchema = "migration_ledger";

    /**
     * The class that supplies the spec (set by Liquibase from the change's {@code spec} parameter).
     *
     * @param className the fully qualified name of a class with a public no-argument constructor that supplies the
     *     spec
     */
    public void setSpec(String className) {
        this.spec = className;
    }

    /**
     * The registered name of the source (the {@code source} parameter).
     *
     * @param name the source's name, as registered in {@code NamedSources}
     */
    public void setSource(String name) {
        this.source = name;
    }

    /**
     * The ledger's schema (the {@code ledgerSchema} parameter; default: {@code migration_ledger}).
     *
     * @param schema the schema of the ledger tables, created if missing; {@code null} keeps the default
     */
    public void setLedgerSchema(String schema) {
        this.ledgerSchema = schema;
    }

    @Override
    public void execute(Database database) throws CustomChangeException {
        if (!(database.getConnection() instanceof JdbcConnection)) {
            throw new CustomChangeException("SpecChange needs a JDBC connection; Liquibase gave "
                    + database.getConnection().getClass().getName());
        }
        Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
        try {
            if (!connection.getAutoCommit() && Dialects.of(connection) != SQLDialect.POSTGRES) {
                throw new CustomChangeException("SpecChange runs in Liquibase's transaction on " + Dialects.of(connection)
                        + ", which commits it at every CREATE TABLE (the ledger's): set runInTransaction=\"false\" on "
                        + "the change set (in a transaction only on PostgreSQL)");
            }
            GatedMigration.of(loadSpec(), NamedSources.lookup(source), connection).ledgerSchema(ledgerSchema).run();
        } catch (SQLException | RuntimeException e) {
            throw new CustomChangeException(e.getMessage(), e);
        }
    }

    @Override
    public CheckSum generateChecksum() {
        return CheckSum.compute(loadSpec().fingerprint());
    }

    @Override
    public String getConfirmationMessage() {
        return "migrated and verified spec " + spec + " from source '" + source + "'";
    }

    @Override
    public void setUp() {
        // Nothing to prepare: the spec is loaded when the change runs.
    }

    @Override
    public void setFileOpener(ResourceAccessor resourceAccessor) {
        // Nothing is read from the changelog's files.
    }

    @Override
    public ValidationErrors validate(Database database) {
        ValidationErrors errors = new ValidationErrors();
        errors.checkRequiredField("spec", spec);
        errors.checkRequiredField("source", source);
        if (spec != null) {
            try {
                loadSpec();
            } catch (RuntimeException e) {
                errors.addError(e.getMessage());
            }
        }
        if (source != null && NamedSources.find(source).isEmpty()) {
            try {
                NamedSources.lookup(source);
            } catch (IllegalStateException e) {
                errors.addError(e.getMessage());
            }
        }
        return errors;
    }

    private MappingSpec loadSpec() {
        if (spec == null) {
            throw new IllegalStateException("SpecChange has no spec: set the spec parameter to a class that implements "
                    + "Supplier<MappingSpec>");
        }
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> type = Class.forName(spec, true, loader != null ? loader : SpecChange.class.getClassLoader());
            Object supplier = type.getConstructor().newInstance();
            if (!(supplier instanceof Supplier)) {
                throw new IllegalStateException("spec class " + spec + " does not implement Supplier<MappingSpec>");
            }
            Object value = ((Supplier<?>) supplier).get();
            if (!(value instanceof MappingSpec)) {
                throw new IllegalStateException("spec class " + spec + " supplied " + value + ", not a MappingSpec");
            }
            return (MappingSpec) value;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load spec class " + spec + " (it needs a public no-argument "
                    + "constructor and must implement Supplier<MappingSpec>): " + e, e);
        }
    }
}
