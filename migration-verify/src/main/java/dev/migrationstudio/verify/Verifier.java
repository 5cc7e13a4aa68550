package dev.migrationstudio.verify;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.Names;
import dev.migrationstudio.jdbc.source.BorrowedConnection;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.verify.internal.Settings;
import dev.migrationstudio.verify.internal.VerificationRun;
import dev.migrationstudio.verify.replay.Replay;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Verifies that a target database holds exactly what a mapping spec says it should, whoever loaded
 * it. The source is projected through the spec (every row loaded, filtered or rejected, as the
 * mapping decides) and compared with the target row by row, through digests of a canonical encoding
 * ({@link CanonicalValues}) that is the same on every engine.
 *
 * <pre>{@code
 * VerificationReport report = Verifier.between(sourceDataSource, targetDataSource)
 *     .spec(spec)
 *     .rowCounts().checksums().sample(1_000).constraints()
 *     .parity("top customers",
 *             "SELECT customer_id, SUM(total) FROM invoice GROUP BY customer_id ORDER BY 2 DESC LIMIT 10",
 *             "SELECT client_id, SUM(total) FROM invoice GROUP BY client_id ORDER BY 2 DESC LIMIT 10")
 *     .verify();
 * report.assertPassed();
 * }</pre>
 *
 * <p>When none of row counts, checksums, sample and constraints is named, those three (all but the
 * sample) are verified; parity checks come on top of whatever is named. Options can be
 * set until {@link #verify()}; each states its default. A verifier only reads: it opens read-only
 * transactions on at most {@link #parallelism(int)} + 1 connections per database (size pools for
 * that), streams rows with {@link #fetchSize(int)}, keeps memory bounded by the chunk and leaf sizes
 * rather than the table size, and never writes.
 *
 * <p>A side given as a {@link Connection} (a deploy tool's, or the one a joined migration wrote through,
 * whose rows only it sees until the caller commits) is read inside whatever transaction it has and
 * never committed, rolled back or closed; a connection in auto-commit gets a read transaction of the
 * verifier's, ended and auto-commit restored afterwards. One connection serves one thread: the
 * verification then runs on one ({@link #parallelism(int)} 1).
 */
public final class Verifier {
    private final DataSource source;
    private final DataSource target;
    private final List<Connection> borrowed;
    private MappingSpec spec;
    private boolean rowCounts;
    private boolean checksums;
    private boolean constraints;
    private int sampleRows;
    private final List<ParityCheck> parity = new ArrayList<>();
    private Replay replay;
    private Inventory intendedTarget;
    private final Set<String> tables = new LinkedHashSet<>();
    private String sourceSchema;
    private String targetSchema;
    private int parallelism = Math.max(2, Runtime.getRuntime().availableProcessors());
    private boolean parallelismSet;
    private int chunkSize = 2_000;
    private int leafRows = 256;
    private int fetchSize = 10_000;
    private long seed = 1;
    private double floatTolerance = 1e-12;
    private int maxDiscrepancies = 1_000;
    private boolean pushdown;
    private Settings.LedgerTables ledger = new Settings.LedgerTables("", "ms_");
    private VerificationListener listener = new VerificationListener() {
    };

    private Verifier(DataSource source, DataSource target, List<Connection> borrowed) {
        this.source = source;
        this.target = target;
        this.borrowed = borrowed;
    }

    /**
     * Starts a verification of {@code target} against {@code source}.
     *
     * @param source the source database; not null
     * @param target the target database; not null
     * @return a new verifier with no check named: it verifies row counts, checksums and constraints unless checks are
     *     named
     */
    public static Verifier between(DataSource source, DataSource target) {
        return new Verifier(checkNotNull(source, "source data source"), checkNotNull(target, "target data source"),
                List.of());
    }

    /**
     * Starts a verification of a target reached through a connection the caller owns (a deploy tool's,
     * inside its transaction or not) against a source data source.
     *
     * @param source the source database; not null
     * @param target the caller's open connection to the target; not closed by the verifier. Not null
     * @return a new verifier with no check named (it verifies row counts, checksums and constraints unless checks are
     *     named), running one table at a time
     */
    public static Verifier between(DataSource source, Connection target) {
        checkNotNull(source, "source data source");
        checkNotNull(target, "target connection");
        return new Verifier(source, null, List.of(target));
    }

    /**
     * Starts a verification through two connections the caller owns; they must be distinct.
     *
     * @param source the caller's open connection to the source; not closed by the verifier. Not null
     * @param target the caller's open connection to the target; not closed by the verifier. Not null
     * @return a new verifier with no check named (it verifies row counts, checksums and constraints unless checks are
     *     named), running one table at a time
     */
    public static Verifier between(Connection source, Connection target) {
        checkNotNull(source, "source connection");
        checkNotNull(target, "target connection");
        checkArgument(source != target, "the source and the target are the same connection: each side reads in a "
                + "transaction of its own; pass two connections");
        return new Verifier(null, null, List.of(source, target));
    }

    /**
     * The mapping that says what the target should hold (required).
     *
     * @param spec the spec the target was migrated with; not null
     * @return this verifier
     */
    public Verifier spec(MappingSpec spec) {
        this.spec = checkNotNull(spec, "spec");
        return this;
    }

    /**
     * Reconciles row counts: source rows = expected in the target (loaded) + filtered + expected in
     * quarantine (rejected by the mapping); the target must hold exactly the loaded rows.
     *
     * @return this verifier
     */
    public Verifier rowCounts() {
        this.rowCounts = true;
        return this;
    }

    /**
     * Compares every row through digests of the canonical encoding, per key-range chunk, bisecting
     * chunks that differ down to the rows, which are reported as missing, extra or changed. Tables
     * without a key are compared as multisets.
     *
     * @return this verifier
     */
    public Verifier checksums() {
        this.checksums = true;
        return this;
    }

    /**
     * Compares {@code rows} randomly chosen rows per table column by column. The choice depends on
     * {@link #seed(long)} and the keys only, so it is reproducible. Tables without a key are not sampled.
     *
     * @param rows rows sampled per table; at least 1
     * @return this verifier
     */
    public Verifier sample(int rows) {
        checkArgument(rows > 0, "sample size must be positive, got %s", rows);
        this.sampleRows = rows;
        return this;
    }

    /**
     * Checks the target's integrity with queries: primary and unique keys (and the mapping's key)
     * unique, NOT NULL columns without NULL, foreign keys without orphans, expected indexes present.
     * Constraints come from the target's metadata, from the source's foreign keys carried through the
     * mapping, and from {@link #intendedTarget(Inventory)} when given.
     *
     * @return this verifier
     */
    public Verifier constraints() {
        this.constraints = true;
        return this;
    }

    /**
     * Describes the intended target schema (keys, unique keys, foreign keys, NOT NULL columns,
     * indexes), so that integrity checks cover what was intended even where the target lacks the
     * declaration, and missing indexes are found.
     *
     * @param inventory an inventory of the intended target schema; not null
     * @return this verifier
     */
    public Verifier intendedTarget(Inventory inventory) {
        this.intendedTarget = checkNotNull(inventory, "intended target inventory");
        return this;
    }

    /**
     * Adds an unordered, exact query-parity check; see {@link ParityCheck}.
     *
     * @param name the check's name, unique within this verifier
     * @param sourceSql the query run on the source
     * @param targetSql the query run on the target
     * @return this verifier
     */
    public Verifier parity(String name, String sourceSql, String targetSql) {
        return parity(ParityCheck.of(name, sourceSql, targetSql));
    }

    /**
     * Adds a query-parity check.
     *
     * @param check the check; its name must be unique within this verifier. Not null
     * @return this verifier
     */
    public Verifier parity(ParityCheck check) {
        checkNotNull(check, "parity check");
        checkArgument(parity.stream().noneMatch(p -> p.name().equals(check.name())),
                "parity check '%s' is declared twice", check.name());
        parity.add(check);
        return this;
    }

    /**
     * Replays the queries an application runs on the source: each is rewritten through the spec, run
     * on both sides in a read-only transaction, its results compared (a difference fails the
     * verification) and its latency measured (a query slower on the target than the replay's threshold
     * is a performance finding). A query that cannot be replayed is listed with the reason.
     *
     * <pre>{@code
     * verifier.replay(Replay.of(QueryLog.fromFile(Path.of("app-queries.sql"))));
     * }</pre>
     *
     * @param queries the queries to replay and their settings; not null
     * @return this verifier
     */
    public Verifier replay(Replay queries) {
        this.replay = checkNotNull(queries, "replay");
        return this;
    }

    /**
     * Verifies only these tables (source or target names of the spec); default: every table of the spec.
     *
     * @param names the tables' names; none blank. Added to those given before
     * @return this verifier
     */
    public Verifier tables(String... names) {
        checkNotNull(names, "names");
        for (String name : names) {
            tables.add(Names.requireName(name, "table name"));
        }
        return this;
    }

    /**
     * The schema of source tables whose mapping names none (default: the connection's current schema).
     *
     * @param schema the schema's name, as the source spells it; not blank
     * @return this verifier
     */
    public Verifier sourceSchema(String schema) {
        this.sourceSchema = Names.requireName(schema, "source schema");
        return this;
    }

    /**
     * The schema of target tables whose mapping names none (default: the connection's current schema).
     *
     * @param schema the schema's name, as the target spells it; not blank
     * @return this verifier
     */
    public Verifier targetSchema(String schema) {
        this.targetSchema = Names.requireName(schema, "target schema");
        return this;
    }

    /**
     * Worker threads, each with at most one connection per database (default: the number of processors, at least
     * 2).
     *
     * @param threads the number of worker threads; at least 1, and exactly 1 when a side is a connection
     * @return this verifier
     */
    public Verifier parallelism(int threads) {
        checkArgument(threads >= 1, "parallelism must be at least 1, got %s", threads);
        this.parallelism = threads;
        this.parallelismSet = true;
        return this;
    }

    /**
     * Rows per key-range chunk whose digests are compared first (default: 2,000). A chunk whose
     * digests differ is read again to find the rows, so smaller chunks make a few differences cheap
     * to locate; the number of chunks costs almost nothing.
     *
     * @param rows the chunk size, in rows; at least 2
     * @return this verifier
     */
    public Verifier chunkSize(int rows) {
        checkArgument(rows >= 2, "chunk size must be at least 2, got %s", rows);
        this.chunkSize = rows;
        return this;
    }

    /**
     * Bisection stops and compares rows one by one when a range holds at most this many rows (default: 256).
     *
     * @param rows the leaf size, in rows; at least 1
     * @return this verifier
     */
    public Verifier bisectionLeafRows(int rows) {
        checkArgument(rows >= 1, "bisection leaf size must be at least 1, got %s", rows);
        this.leafRows = rows;
        return this;
    }

    /**
     * Rows fetched per round trip while streaming (default: 10,000).
     *
     * @param rows the fetch size, in rows; at least 1
     * @return this verifier
     */
    public Verifier fetchSize(int rows) {
        checkArgument(rows >= 1, "fetch size must be at least 1, got %s", rows);
        this.fetchSize = rows;
        return this;
    }

    /**
     * The seed that chooses the sampled rows (default: 1).
     *
     * @param seed any value; the same seed samples the same rows
     * @return this verifier
     */
    public Verifier seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * The relative difference accepted between floating-point values (REAL, DOUBLE), default
     * {@code 1e-12}. Floating-point values are hashed rounded to the matching number of significant
     * digits ({@link CanonicalValues#withFloatDigits(int)}), and compared within the tolerance, so
     * that conversions between engines do not raise false alarms. {@code 0} compares them exactly.
     * Exact numbers (INTEGER, DECIMAL) are always compared exactly.
     *
     * @param relative the relative tolerance, from 0 (exact) up to but excluding 1
     * @return this verifier
     */
    public Verifier floatTolerance(double relative) {
        checkArgument(relative >= 0 && relative < 1, "float tolerance must be in [0, 1), got %s", relative);
        this.floatTolerance = relative;
        return this;
    }

    /**
     * How many differing rows are listed per table; all are counted (default: 1,000).
     *
     * @param rows the most differing rows listed per table; at least 1
     * @return this verifier
     */
    public Verifier maxDiscrepancies(int rows) {
        checkArgument(rows >= 1, "maxDiscrepancies must be at least 1, got %s", rows);
        this.maxDiscrepancies = rows;
        return this;
    }

    /**
     * Lets the databases compute chunk digests themselves where both are PostgreSQL and a table is
     * mapped identically (same columns, no rules, no filters), after a canary chunk proves the SQL
     * digest equals the Java one; differing chunks are still compared in Java. Default: off.
     *
     * @param enabled {@code true} to let PostgreSQL compute digests
     * @return this verifier
     */
    public Verifier pushdown(boolean enabled) {
        this.pushdown = enabled;
        return this;
    }

    /**
     * Where the ledger of {@link dev.migrationstudio.jdbc.JdbcMigrator} is in the target, when it is
     * not at the migrator's default (the connection's default schema, prefix {@code ms_}); the same
     * values as the migrator's {@code ledgerSchema} and {@code ledgerPrefix}, {@code ""} for the
     * default schema.
     *
     * <p>When the ledger records this spec (same name and fingerprint), the rows the loader
     * quarantined because the target database refused them (a constraint, a value too long) are
     * accounted for: counted as {@link RowReconciliation#quarantinedByLoader()}, listed with the ledger's
     * reason, and not reported missing (in a table without a key, as many copies of a row as the
     * loader quarantined). Rows the mapping itself rejects need no ledger. Without a
     * ledger in the target, or one recording another version of the spec, every row the mapping
     * loads must be in the target; the report's settings say which applied.
     *
     * @param schema the ledger's schema; not null, {@code ""} for the target's default schema
     * @param prefix the ledger tables' prefix; not blank
     * @return this verifier
     */
    public Verifier ledger(String schema, String prefix) {
        checkNotNull(schema, "ledger schema");
        checkArgument(prefix != null && !prefix.isBlank(), "ledger prefix must not be blank");
        this.ledger = new Settings.LedgerTables(schema, prefix);
        return this;
    }

    /**
     * Ignores the migration engine's ledger: every row the mapping loads must be in the target.
     *
     * @return this verifier
     */
    public Verifier withoutLedger() {
        this.ledger = null;
        return this;
    }

    /**
     * Receives progress (default: none; progress is also logged through SLF4J).
     *
     * @param listener the listener, replacing any set before; not null
     * @return this verifier
     */
    public Verifier listener(VerificationListener listener) {
        this.listener = checkNotNull(listener, "listener");
        return this;
    }

    /**
     * Runs the checks and returns the report. Differences are reported, not thrown; failures to read
     * a table (missing table or column) are reported for that table and the others still run.
     *
     * @return the report; it passed when every check enabled found nothing
     * @throws IllegalStateException if no spec was given
     * @throws IllegalArgumentException if {@link #tables(String...)} names a table the spec does not map
     * @throws dev.migrationstudio.MigrationException if a database cannot be reached
     */
    public VerificationReport verify() {
        checkState(spec != null, "no mapping spec: call spec(..) before verify()");
        checkState(borrowed.isEmpty() || !parallelismSet || parallelism == 1, "parallelism(%s) needs a connection "
                + "per thread, but a side is one connection: set parallelism(1), or pass data sources", parallelism);
        if (borrowed.isEmpty()) {
            return new VerificationRun(settings(source, target, parallelism)).run();
        }
        List<BorrowedConnection> lent = new ArrayList<>();
        try {
            for (Connection connection : borrowed) {
                lent.add(BorrowedConnection.of(connection, BorrowedConnection.Use.READ).open());
            }
            return new VerificationRun(settings(source != null ? source : lent.get(0), lent.get(lent.size() - 1), 1))
                    .run();
        } catch (SQLException e) {
            throw new MigrationException("cannot read through the connection: " + e.getMessage(), e);
        } finally {
            for (BorrowedConnection connection : lent) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // Only a read transaction of the verifier's ends here: the report is complete.
                }
            }
        }
    }

    /**
     * The frozen settings {@link #verify()} runs with: for the runners of this library's other modules
     * (a distributed verification), not for applications; it may change without notice.
     *
     * @return the settings
     * @throws IllegalStateException when no spec is set, or a side is a connection (a distributed
     *     verification opens connections of its own)
     * @hidden
     */
    public Settings settings() {
        checkState(spec != null, "no mapping spec: call spec(..) before verify()");
        checkState(borrowed.isEmpty(), "a distributed verification needs data sources, not a connection");
        return settings(source, target, parallelism);
    }

    private Settings settings(DataSource source, DataSource target, int parallelism) {
        boolean none = !rowCounts && !checksums && !constraints && sampleRows == 0;
        return new Settings(source, target, spec,
                rowCounts || none, checksums || none, constraints || none, sampleRows, List.copyOf(parity),
                Optional.ofNullable(intendedTarget), Set.copyOf(tables), Optional.ofNullable(sourceSchema),
                Optional.ofNullable(targetSchema), parallelism, chunkSize, leafRows, fetchSize, seed, floatTolerance,
                maxDiscrepancies, pushdown, Optional.ofNullable(ledger), Optional.ofNullable(replay), listener);
    }
}
