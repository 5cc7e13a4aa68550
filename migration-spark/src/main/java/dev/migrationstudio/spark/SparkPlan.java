package dev.migrationstudio.spark;

import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.verify.Verifier;
import javax.sql.DataSource;

/**
 * What a Spark run migrates, as code every executor can run: a public class with a public no-argument
 * constructor that builds the spec and opens the databases. Specs hold Java functions (derive,
 * convert, filter), which do not travel reliably by serialisation, so the driver sends only the
 * class's name; each executor instantiates the class once per run, builds the spec, and refuses to
 * work when the spec's fingerprint differs from the driver's (another build of the class, or a
 * spec that depends on something that differs between machines).
 *
 * <pre>{@code
 * public final class ChinookPlan implements SparkPlan {
 *     public MappingSpec spec() { return ChinookV2.mapping(JdbcInventory.scan(source())); }
 *     public DataSource source() { return Pools.LEGACY; }  // static pools, one per JVM
 *     public DataSource target() { return Pools.V2; }
 *     public JdbcMigrator.Configuration options(JdbcMigrator.Configuration migrator) {
 *         return migrator.chunkSize(100_000).onBadRow(BadRows.quarantine());
 *     }
 * }
 * }</pre>
 *
 * <p>Credentials stay where the class finds them (the environment, a secret store): they never travel
 * with the job. {@link #source()} and {@link #target()} are called once per run on the driver and on
 * each executor, and the runner never closes what they return: keep one pool per JVM (a static field)
 * rather than opening a new one per call.
 */
public interface SparkPlan {

    /**
     * The mapping spec; the same on the driver and every executor.
     *
     * @return the spec; the same value each time it is called
     */
    MappingSpec spec();

    /**
     * The source database.
     *
     * @return the source, reachable from the driver and every executor
     */
    DataSource source();

    /**
     * The target database.
     *
     * @return the target, reachable from the driver and every executor
     */
    DataSource target();

    /**
     * The migration's options (chunk size, batch size, bad-row policy, ledger, ...), exactly as for
     * {@link JdbcMigrator}; applied on the driver and on every executor alike.
     * (default: the migrator's defaults)
     *
     * @param migrator a configuration with the source, the target and the spec already set
     * @return the configuration to use, usually {@code migrator} itself with options changed
     */
    default JdbcMigrator.Configuration options(JdbcMigrator.Configuration migrator) {
        return migrator;
    }

    /**
     * The verification's checks, exactly as for {@link Verifier}; the checksums are always on, since the
     * executors compute them. (default: row counts and checksums)
     *
     * @param verifier a verifier with the databases and the spec already set
     * @return the verifier with the checks to run, usually {@code verifier} itself
     */
    default Verifier checks(Verifier verifier) {
        return verifier.rowCounts().checksums();
    }
}
