package dev.migrationstudio.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.cutover.StepAction;
import dev.migrationstudio.internal.Names;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.jdbc.internal.Engines;
import dev.migrationstudio.jdbc.internal.SqlStates;
import dev.migrationstudio.jdbc.internal.TableOrder;
import dev.migrationstudio.jdbc.internal.TableShape;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.impl.DSL;

/**
 * Ready-made runbook and rollback steps for database work.
 *
 * <pre>{@code
 * Runbook.named("v2 cutover")
 *     .step("block writes").run(CutoverSteps.execute(legacy, "UPDATE app_settings SET writes_enabled = FALSE"))
 *     .step("snapshot legacy").run(CutoverSteps.snapshot(legacy, "before_v2", "customer", "invoice"))
 *     .step("final delta").run(CutoverSteps.migrate(migrator))
 *     ...
 * RollbackPlan.named("back").rto(Duration.ofMinutes(15))
 *     .step("restore legacy").run(CutoverSteps.restore(legacy, "before_v2", "customer", "invoice"))
 *     .step("empty v2").run(CutoverSteps.resetTarget(migrator))
 * }</pre>
 */
public final class CutoverSteps {
    /** Prefix of snapshot tables: {@code ms_snapshot_<snapshot>_<table>}. */
    public static final String SNAPSHOT_PREFIX = "ms_snapshot_";

    private CutoverSteps() {
    }

    /**
     * Runs the migrator (a final delta, typically: a re-run copies only what is new). The step fails
     * unless every table completes with counts that balance; the result's summary is recorded as
     * evidence and shared with later steps under the key {@code "migration-result"}.
     */
    public static StepAction migrate(JdbcMigrator migrator) {
        checkNotNull(migrator, "migrator");
        return context -> {
            MigrationResult result = migrator.migrate();
            context.note(result.summary());
            context.put("migration-result", result);
            if (!result.isComplete() || !result.isBalanced()) {
                throw new MigrationException("the migration did not complete cleanly: " + result.summary());
            }
        };
    }

    /** Undoes the migration in the target; see {@link JdbcMigrator#reset()}. */
    public static StepAction resetTarget(JdbcMigrator migrator) {
        checkNotNull(migrator, "migrator");
        return context -> {
            migrator.reset();
            context.note("target tables emptied, children first; the ledger's record forgotten");
        };
    }

    /**
     * Runs statements the team supplies, in one transaction: setting a database read-only, blocking
     * writes, flipping a feature flag. They are executed as given, so they must come from the runbook's
     * authors, never from outside input.
     */
    public static StepAction execute(DataSource dataSource, String... statements) {
        checkNotNull(dataSource, "dataSource");
        List<String> sql = Names.requireNames(statements, "statement");
        return context -> {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                for (String one : sql) {
                    statement.execute(one);
                }
                connection.commit();
            } catch (SQLException e) {
                throw new MigrationException("statement failed: " + SqlStates.reason(e), e);
            }
            context.note(sql.size() + " statement(s) executed");
        };
    }

    /**
     * Copies tables into snapshot tables ({@code ms_snapshot_<snapshot>_<table>}, replacing older ones of
     * the same name) in one transaction, so that {@link #restore} can put them back.
     */
    public static StepAction snapshot(DataSource dataSource, String snapshot, String... tables) {
        checkNotNull(dataSource, "dataSource");
        String name = snapshotName(snapshot);
        List<String> names = Names.requireNames(tables, "table");
        return context -> {
            inTransaction(dataSource, "snapshot " + name, (connection, sql) -> {
                for (TableShape table : shapes(connection, names)) {
                    Name copy = snapshotOf(table, name);
                    sql.dropTableIfExists(copy).execute();
                    sql.createTable(copy).as(sql.selectFrom(DSL.table(table.qualifiedName()))).execute();
                }
            });
            context.note("snapshot '" + name + "' of " + String.join(", ", names));
        };
    }

    /**
     * Puts tables back as their snapshot holds them, in one transaction: every row deleted (children
     * first), then the snapshot's rows inserted (parents first). The snapshot tables stay until
     * {@link #dropSnapshot} removes them.
     */
    public static StepAction restore(DataSource dataSource, String snapshot, String... tables) {
        checkNotNull(dataSource, "dataSource");
        String name = snapshotName(snapshot);
        List<String> names = Names.requireNames(tables, "table");
        return context -> {
            inTransaction(dataSource, "restore " + name, (connection, sql) -> {
                List<TableShape> shapes = shapes(connection, names);
                for (TableShape table : TableOrder.childrenFirst(shapes)) {
                    sql.deleteFrom(DSL.table(table.qualifiedName())).execute();
                }
                for (TableShape table : TableOrder.parentsFirst(shapes)) {
                    var columns = table.columns().keySet().stream().map(c -> DSL.field(DSL.name(c))).toList();
                    sql.insertInto(DSL.table(table.qualifiedName())).columns(columns)
                            .select(sql.select(columns).from(DSL.table(snapshotOf(table, name)))).execute();
                }
            });
            context.note("restored " + String.join(", ", names) + " from snapshot '" + name + "'");
        };
    }

    /** Drops the snapshot tables of a snapshot. */
    public static StepAction dropSnapshot(DataSource dataSource, String snapshot, String... tables) {
        checkNotNull(dataSource, "dataSource");
        String name = snapshotName(snapshot);
        List<String> names = Names.requireNames(tables, "table");
        return context -> inTransaction(dataSource, "drop snapshot " + name, (connection, sql) -> {
            for (TableShape table : shapes(connection, names)) {
                sql.dropTableIfExists(snapshotOf(table, name)).execute();
            }
        });
    }

    private static String snapshotName(String snapshot) {
        Names.requireName(snapshot, "snapshot name");
        checkArgument(snapshot.matches("[A-Za-z0-9_]+"), "snapshot name '%s' must be letters, digits and _", snapshot);
        return snapshot;
    }

    private static Name snapshotOf(TableShape table, String snapshot) {
        String copy = SNAPSHOT_PREFIX + snapshot + "_" + table.name();
        return table.schema().isEmpty() ? DSL.name(copy) : DSL.name(table.schema(), copy);
    }

    private static List<TableShape> shapes(Connection connection, List<String> names) {
        List<TableShape> shapes = new ArrayList<>();
        for (String name : names) {
            shapes.add(TableShape.require(connection, TableId.of(name), "snapshotted"));
        }
        return shapes;
    }

    @FunctionalInterface
    private interface Work {
        void run(Connection connection, DSLContext sql) throws SQLException;
    }

    private static void inTransaction(DataSource dataSource, String what, Work work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                work.run(connection, Engines.dsl(connection));
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new MigrationException(what + " failed: " + SqlStates.reason(e), e);
        }
    }
}
