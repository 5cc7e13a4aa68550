package dev.migrationstudio.verify;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.jdbc.TargetTransaction;
import dev.migrationstudio.mapping.MappingSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The step a deploy tool runs (a Flyway migration, a Liquibase change): a dry run, which resolves every
 * table and column and plans the chunks without writing anything; the migration; and a verification
 * of the target through the spec, whose failure fails the step. The target is the tool's connection,
 * and the transaction follows its state: in auto-commit (Flyway's {@code canExecuteInTransaction()
 * == false}, Liquibase's {@code runInTransaction="false"}) the migrator commits chunk by chunk
 * ({@link TargetTransaction#COMMIT_CHUNKS}: a failed step resumes when run again); inside the tool's
 * transaction it joins it ({@link TargetTransaction#JOIN}, PostgreSQL only: a failed step rolls back
 * with the tool's transaction, rows and ledger together).
 *
 * <pre>{@code
 * GatedMigration.Result result = GatedMigration.of(spec, legacyDataSource, connection)
 *     .ledgerSchema("migration_ledger")
 *     .configure(c -> c.batchSize(1_000))
 *     .verification(v -> v.sample(100))
 *     .run();                                 // throws VerificationFailedException if the gate fails
 * }</pre>
 */
public final class GatedMigration {
    private static final Logger LOG = LoggerFactory.getLogger(GatedMigration.class);

    private final MappingSpec spec;
    private final DataSource source;
    private final Connection target;
    private String ledgerSchema = "migration_ledger";
    private UnaryOperator<JdbcMigrator.Configuration> configure = c -> c;
    private UnaryOperator<Verifier> verification = v -> v;

    private GatedMigration(MappingSpec spec, DataSource source, Connection target) {
        this.spec = checkNotNull(spec, "spec");
        this.source = checkNotNull(source, "source data source");
        this.target = checkNotNull(target, "target connection");
    }

    /**
     * A step that migrates {@code spec} from {@code source} into the tool's {@code target} connection.
     *
     * @param spec the spec to run; not null
     * @param source the source database; not null
     * @param target the deploy tool's connection to the target, owned and closed by the tool; not null
     * @return the step, with the default ledger schema, options and checks
     */
    public static GatedMigration of(MappingSpec spec, DataSource source, Connection target) {
        return new GatedMigration(spec, source, target);
    }

    /**
     * The schema of the ledger tables, created if missing (default: {@code migration_ledger}): out of the
     * way of the tool's own history table and of the application's tables.
     *
     * @param schema the schema's name, as the target spells it; not null
     * @return this step
     */
    public GatedMigration ledgerSchema(String schema) {
        this.ledgerSchema = checkNotNull(schema, "ledger schema");
        return this;
    }

    /**
     * Options of the migration (batch sizes, bad-row policy...); source, target, spec and ledger are set.
     *
     * @param options changes the configuration and returns it (or a replacement); not null
     * @return this step
     */
    public GatedMigration configure(UnaryOperator<JdbcMigrator.Configuration> options) {
        this.configure = checkNotNull(options, "options");
        return this;
    }

    /**
     * The checks of the gate (default: row counts, checksums and constraints); sides and spec are set.
     *
     * @param checks names the checks on the verifier (none named: row counts, checksums and constraints) and returns
     *     it; not null
     * @return this step
     */
    public GatedMigration verification(UnaryOperator<Verifier> checks) {
        this.verification = checkNotNull(checks, "checks");
        return this;
    }

    /**
     * Which transaction the step runs in: the connection's state decides.
     *
     * @return {@link TargetTransaction#COMMIT_CHUNKS} when the connection is in auto-commit, otherwise
     *     {@link TargetTransaction#JOIN}
     */
    public TargetTransaction transaction() {
        try {
            return target.getAutoCommit() ? TargetTransaction.COMMIT_CHUNKS : TargetTransaction.JOIN;
        } catch (SQLException e) {
            throw new MigrationException("cannot read the target connection's auto-commit: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the dry run, the migration and the gate.
     *
     * @return the dry run's plan, the migration's result and the passing verification report
     * @throws VerificationFailedException if the target does not hold what the spec makes of the source
     * @throws MigrationException if the dry run or the migration fails (committed chunks stay, with
     *     {@link TargetTransaction#COMMIT_CHUNKS})
     */
    public Result run() {
        TargetTransaction transaction = transaction();
        MigrationResult plan = migrator(transaction).dryRun(true).load().migrate();
        LOG.info("{}", plan.summary());
        JdbcMigrator migrator = migrator(transaction).load();
        MigrationResult migration = migrator.migrate();
        VerificationReport report = verification.apply(Verifier.between(source, target).spec(spec)
                .ledger(migrator.configuration().ledgerSchema(), migrator.configuration().ledgerPrefix())).verify();
        LOG.info("{}", report.summary());
        report.assertPassed();
        return new Result(plan, migration, report);
    }

    private JdbcMigrator.Configuration migrator(TargetTransaction transaction) {
        return configure.apply(JdbcMigrator.configure().source(source).target(target, transaction).spec(spec)
                .ledgerSchema(ledgerSchema));
    }

    /**
     * What the step did.
     *
     * @param plan the dry run's plan
     * @param migration the migration's result
     * @param verification the gate's report (passed)
     */
    public record Result(MigrationResult plan, MigrationResult migration, VerificationReport verification) {
        /**
         * Checks the parts.
         *
         * @param plan the dry run's plan
         * @param migration the migration's result
         * @param verification the gate's report (passed)
         */
        public Result {
            checkNotNull(plan, "plan");
            checkNotNull(migration, "migration");
            checkNotNull(verification, "verification");
        }
    }
}
