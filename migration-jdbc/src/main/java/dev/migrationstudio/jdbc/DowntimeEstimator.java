package dev.migrationstudio.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.jdbc.internal.Engines;
import dev.migrationstudio.jdbc.internal.Statements;
import dev.migrationstudio.jdbc.internal.TableProfiling;
import dev.migrationstudio.jdbc.source.SourceCursor;
import dev.migrationstudio.risk.Risk;
import dev.migrationstudio.risk.RiskRegister;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Estimates the downtime window large tables imply: reads a sample of each through JDBC, measures
 * rows per second, and scales to the table's row count. The estimate is of reading the table at the
 * measured rate times a load factor for writing it (default 1: reading alone, a lower bound).
 *
 * <pre>{@code
 * RiskRegister risks = DowntimeEstimator.of(sourceDataSource).sampleRows(10_000).loadFactor(3)
 *     .estimate(RiskRules.standard().assess(inventory), inventory);
 * risks.risks().forEach(r -> System.out.println(r.title() + " " + r.downtimeEstimate()));
 * }</pre>
 */
public final class DowntimeEstimator {

    /** Rows read per sample by default. */
    public static final int DEFAULT_SAMPLE_ROWS = 10_000;

    /** The rule id of the risks that get an estimate: the standard rules' very large tables. */
    public static final String LARGE_TABLE_RULE = "large-table";

    private final DataSource dataSource;
    private final int sampleRows;
    private final double loadFactor;

    private DowntimeEstimator(DataSource dataSource, int sampleRows, double loadFactor) {
        this.dataSource = dataSource;
        this.sampleRows = sampleRows;
        this.loadFactor = loadFactor;
    }

    /**
     * An estimator reading samples from a data source.
     *
     * @param dataSource the source database; connections are borrowed per table and closed. Not null
     * @return the estimator
     */
    public static DowntimeEstimator of(DataSource dataSource) {
        return new DowntimeEstimator(checkNotNull(dataSource, "dataSource"), DEFAULT_SAMPLE_ROWS, 1.0);
    }

    /**
     * Rows read per sample (default: {@value #DEFAULT_SAMPLE_ROWS}).
     *
     * @param rows the sample size, in rows; at least 1
     * @return a copy of this estimator with that sample size
     */
    public DowntimeEstimator sampleRows(int rows) {
        checkArgument(rows > 0, "sample rows must be positive, got %s", rows);
        return new DowntimeEstimator(dataSource, rows, loadFactor);
    }

    /**
     * How much longer moving a row takes than reading it (default: 1, reading only). Measure it in a
     * rehearsal and set it here, e.g. 3 when writes run at a third of the read rate.
     *
     * @param factor the ratio of the time to move a row to the time to read it; finite and at least 1
     * @return a copy of this estimator with that factor
     */
    public DowntimeEstimator loadFactor(double factor) {
        checkArgument(factor >= 1.0 && Double.isFinite(factor), "load factor must be at least 1, got %s", factor);
        return new DowntimeEstimator(dataSource, sampleRows, factor);
    }

    /**
     * Reads up to the sample size of a table's rows, every column, as a migration would.
     *
     * @param table the table to sample; not null
     * @return the rows read, the time they took and the rate; fewer rows than the sample size for a small table
     * @throws MigrationException naming the table if it cannot be read
     */
    public ReadThroughput measure(TableInfo table) {
        checkNotNull(table, "table");
        try (Connection connection = dataSource.getConnection()) {
            return Statements.reading(connection, () -> sample(connection, table));
        } catch (SQLException | DataAccessException e) {
            throw new MigrationException("cannot sample table " + table.id() + ": " + e.getMessage(), e);
        }
    }

    private ReadThroughput sample(Connection connection, TableInfo table) throws SQLException {
        DSLContext dsl = Engines.dsl(connection);
        Query query = dsl.select(table.columnNames().stream().map(c -> DSL.field(DSL.name(c))).toList())
                .from(DSL.table(TableProfiling.name(table.id()))).limit(sampleRows);
        long started = System.nanoTime();
        long rows = 0;
        try (SourceCursor read = SourceCursor.open(connection, query.getSQL(), query.getBindValues(),
                Math.min(sampleRows, 1_000))) {
            while (read.next() != null) {
                rows++;
            }
        }
        return new ReadThroughput(table.id(), rows, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * The downtime estimate for a whole table: its row count at the measured rate, times the load factor.
     *
     * @param table the table; its row count is the inventory's, or the sample's when the inventory has none. Not
     *     null
     * @return the estimated time to move the table
     */
    public Duration estimate(TableInfo table) {
        ReadThroughput throughput = measure(table);
        Duration read = throughput.timeFor(table.rowCount().orElse(throughput.rowsRead()));
        return Duration.ofNanos((long) Math.ceil(read.toNanos() * loadFactor));
    }

    /**
     * The register with a downtime estimate on every large-table risk (rule {@value #LARGE_TABLE_RULE})
     * whose table is in the inventory; other risks and the ordering constraints are kept as they are.
     *
     * @param register the risk register to complete; not null
     * @param inventory the inventory that names the tables and their row counts; not null
     * @return a new register with the estimates set; {@code register} itself is not changed
     */
    public RiskRegister estimate(RiskRegister register, Inventory inventory) {
        checkNotNull(register, "register");
        checkNotNull(inventory, "inventory");
        List<Risk> risks = new ArrayList<>();
        for (Risk risk : register.risks()) {
            Optional<TableInfo> table = risk.rule().filter(LARGE_TABLE_RULE::equals)
                    .flatMap(r -> risk.affects().stream().findFirst())
                    .flatMap(name -> inventory.tables().stream().filter(t -> t.id().toString().equals(name)).findFirst());
            risks.add(table.map(t -> risk.withDowntimeEstimate(estimate(t))).orElse(risk));
        }
        return rebuild(risks, register);
    }

    private static RiskRegister rebuild(List<Risk> risks, RiskRegister register) {
        RiskRegister.Builder builder = RiskRegister.builder().risks(risks);
        register.orderingConstraints().forEach(builder::order);
        return builder.build();
    }
}
