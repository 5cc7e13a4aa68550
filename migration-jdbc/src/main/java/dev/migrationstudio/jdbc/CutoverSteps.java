package dev.migrationstudio.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.cutover.StepAction;
import dev.migrationstudio.format.Formats;
import dev.migrationstudio.Names;
import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.jdbc.internal.Catalog;
import dev.migrationstudio.jdbc.internal.Engines;
import dev.migrationstudio.jdbc.internal.SqlStates;
import dev.migrationstudio.jdbc.internal.TableOrder;
import dev.migrationstudio.jdbc.internal.TableShape;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.SQLDialect;
import org.jooq.Table;
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
     *
     * @param migrator the migrator to run; not null
     * @return the step; it throws when a table fails or does not balance
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

    /**
     * Catches the target up with the source ({@link JdbcMigrator#catchUp()}): the final delta under a
     * write freeze, bringing in rows inserted, updated or deleted since the load, not only rows added
     * beyond the last key. The step fails unless the counts balance; the result's summary is recorded
     * as evidence and shared with later steps under the key {@code "catch-up-result"}.
     *
     * @param migrator the migrator to catch up with; not null
     * @return the step; it throws when the counts do not balance
     */
    public static StepAction catchUp(JdbcMigrator migrator) {
        checkNotNull(migrator, "migrator");
        return caughtUp("", migrator::catchUp);
    }

    /**
     * A step that applies a change feed's changes ({@link JdbcMigrator#applyChanges(ChangeFeed)}), e.g.
     * the final delta from a PostgreSQL slot under the write freeze; its result is put in the context
     * as {@code catch-up-result}, like {@link #catchUp}'s.
     *
     * @param migrator the migrator whose target receives the changes; not null
     * @param feed the change feed to drain; not null
     * @return the step; it throws when the counts do not balance
     */
    public static StepAction applyChanges(JdbcMigrator migrator, ChangeFeed feed) {
        checkNotNull(migrator, "migrator");
        checkNotNull(feed, "feed");
        return caughtUp("from change feed " + feed.name() + ": ", () -> migrator.applyChanges(feed));
    }

    private static StepAction caughtUp(String source, Supplier<CatchUpResult> catchUp) {
        return context -> {
            CatchUpResult result = catchUp.get();
            context.note(source + result.summary());
            context.put("catch-up-result", result);
            if (!result.isBalanced()) {
                throw new MigrationException("the catch-up's counts do not balance: " + result.summary());
            }
        };
    }

    /**
     * Repairs what a verification finds, then verifies again: {@code verify} runs a verification and
     * returns its repair ({@code () -> verifier.verify().repair()}); the step applies it with
     * {@link JdbcMigrator#repair(RepairPlan)}, one transaction per table, and calls {@code verify}
     * again. It fails when the second verification still finds rows to repair, or when a plan does
     * not cover every difference found (more than were listed, a table without a key: use
     * {@link JdbcMigrator#catchUp()}). The plan and the result are recorded as evidence and shared
     * under the keys {@code "repair-plan"} and {@code "repair-result"}.
     *
     * @param migrator the migrator that writes the repairs; not null
     * @param verify runs a verification and returns its repair plan; called twice. Not null
     * @return the step; it throws when rows remain to repair after the repair
     */
    public static StepAction repair(JdbcMigrator migrator, Supplier<RepairPlan> verify) {
        checkNotNull(migrator, "migrator");
        checkNotNull(verify, "verify");
        return context -> {
            RepairPlan plan = verify.get();
            context.put("repair-plan", plan);
            if (plan.isEmpty() && plan.isComplete()) {
                context.note("nothing to repair: the verification found no differing row");
                return;
            }
            if (!plan.isComplete()) {
                throw new MigrationException("the verification found differences a repair plan does not cover: "
                        + String.join("; ", plan.notes()));
            }
            CatchUpResult result = migrator.repair(plan);
            context.note(result.summary());
            context.put("repair-result", result);
            RepairPlan after = verify.get();
            if (!after.isEmpty() || !after.isComplete()) {
                throw new MigrationException(String.format("%,d rows repaired, but the verification still finds %,d "
                        + "rows to repair%s", result.total().changed(), after.rows(),
                        after.notes().isEmpty() ? "" : ": " + String.join("; ", after.notes())));
            }
            context.note("verified again: no differing row");
        };
    }

    /**
     * Undoes the migration in the target; see {@link JdbcMigrator#reset()}.
     *
     * @param migrator the migrator whose target tables are emptied; not null
     * @return the step
     */
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
     *
     * @param dataSource the database to run the statements on; not null
     * @param statements the SQL statements, run in order as given; at least one, none blank
     * @return the step; a statement that fails fails the step, and nothing is committed
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
            context.note(Formats.plural(sql.size(), "statement") + " executed");
        };
    }

    /**
     * Moves the sequences that number the tables' columns (identity columns, and on PostgreSQL serial
     * columns) past the largest value loaded, so that the application's next insert does not collide
     * with a migrated key: a load that copies keys does not advance them. Sequences already further
     * on are left alone; empty tables are skipped. One transaction; each sequence moved is noted.
     *
     * <p>PostgreSQL: every identity or serial column ({@code setval} on the column's own sequence). H2:
     * identity columns ({@code ALTER COLUMN .. RESTART WITH}). Other engines are refused.
     *
     * @param dataSource the target database; not null
     * @param tables the tables whose sequences move, as the database names them; at least one
     * @return the step; it throws on engines other than PostgreSQL and H2
     */
    public static StepAction advanceSequences(DataSource dataSource, String... tables) {
        checkNotNull(dataSource, "dataSource");
        List<String> names = Names.requireNames(tables, "table");
        return context -> inTransaction(dataSource, "advance sequences", (connection, sql) -> {
            SQLDialect dialect = Engines.dialectOf(connection);
            if (dialect != SQLDialect.POSTGRES && dialect != SQLDialect.H2 && dialect != SQLDialect.MARIADB) {
                throw new MigrationException("advancing sequences is supported on PostgreSQL, MariaDB and H2, not on "
                        + connection.getMetaData().getDatabaseProductName() + ": advance them by hand");
            }
            List<String> moved = new ArrayList<>();
            if (dialect == SQLDialect.MARIADB) {
                for (TableShape table : shapes(connection, names, "sequenced")) {
                    advanceAutoIncrement(sql, table).ifPresent(moved::add);
                }
                context.note(moved.isEmpty() ? "no sequence needed to move" : "sequences moved: "
                        + String.join("; ", moved));
                return;
            }
            Catalog catalog = Catalog.of(dialect);
            for (TableShape table : shapes(connection, names, "sequenced")) {
                String schema = table.schema().isEmpty() ? connection.getSchema() : table.schema();
                for (ColumnInfo column : catalog.columns(connection, schema).getOrDefault(table.name(), List.of())) {
                    if (column.generation().drawsFromSequence()) {
                        advance(connection, sql, dialect, table, column).ifPresent(moved::add);
                    }
                }
            }
            context.note(moved.isEmpty() ? "no sequence needed to move" : "sequences moved: "
                    + String.join("; ", moved));
        });
    }

    /**
     * Moves a MariaDB table's AUTO_INCREMENT past the largest value of its column ({@code ALTER TABLE ...
     * AUTO_INCREMENT = n}); says so, or returns empty when it was already past (InnoDB moves it past
     * every key written, so after a load it normally is).
     */
    private static Optional<String> advanceAutoIncrement(DSLContext sql, TableShape table) {
        var column = sql.resultQuery("SELECT c.column_name, t.auto_increment FROM information_schema.columns c "
                        + "JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
                        + "WHERE c.table_schema = {0} AND c.table_name = {1} AND c.extra LIKE '%auto_increment%'",
                DSL.val(table.schema()), DSL.val(table.name())).fetchOptional();
        if (column.isEmpty()) {
            return Optional.empty();
        }
        String name = column.get().get(0, String.class);
        Long next = column.get().get(1, Long.class);
        Long max = sql.select(DSL.max(DSL.field(DSL.name(name)))).from(DSL.table(table.qualifiedName()))
                .fetchOne(0, Long.class);
        if (max == null || next != null && next > max) {
            return Optional.empty();
        }
        sql.query("ALTER TABLE {0} AUTO_INCREMENT = {1}", DSL.table(table.qualifiedName()), DSL.inline(max + 1))
                .execute();
        return Optional.of(table.id() + "." + name + " continues after " + max);
    }

    /** Moves one column's sequence past its largest value; says so, or returns empty when it was already. */
    private static Optional<String> advance(Connection connection, DSLContext sql, SQLDialect dialect,
                                            TableShape table, ColumnInfo column) throws SQLException {
        Table<?> ref = DSL.table(table.qualifiedName());
        Field<Object> field = DSL.field(DSL.name(column.name()));
        Long max = sql.select(DSL.max(field)).from(ref).fetchOne(0, Long.class);
        String where = table.id() + "." + column.name();
        if (max == null) {
            return Optional.empty();
        }
        if (dialect == SQLDialect.POSTGRES) {
            // pg_get_serial_sequence reads its first argument as SQL text: the quoted name finds the table.
            var moved = sql.resultQuery("SELECT s IS NOT NULL, "
                            + "CASE WHEN {0} > COALESCE(pg_sequence_last_value(s), 0) THEN setval(s, {0}) END "
                            + "FROM (SELECT CAST(pg_get_serial_sequence({1}, {2}) AS regclass) AS s) q",
                    DSL.val(max), DSL.val(sql.render(ref)), DSL.val(column.name())).fetchOne();
            if (!moved.get(0, Boolean.class)) {
                throw new MigrationException(where + " draws from a sequence the column does not own ("
                        + column.defaultExpression().orElse("") + "): advance that sequence by hand");
            }
            Long next = moved.get(1, Long.class);
            return next == null ? Optional.empty() : Optional.of(where + " continues after " + next);
        }
        if (column.generation() == ColumnInfo.Generation.SEQUENCE) {
            throw new MigrationException(where + " draws from a named sequence (" + column.defaultExpression()
                    .orElse("") + "): advance that sequence by hand");
        }
        Long base = sql.resultQuery("SELECT identity_base FROM information_schema.columns WHERE table_schema = {0} "
                        + "AND table_name = {1} AND column_name = {2}",
                DSL.val(table.schema().isEmpty() ? connection.getSchema() : table.schema()), DSL.val(table.name()),
                DSL.val(column.name())).fetchOne(0, Long.class);
        if (base != null && base > max) {
            return Optional.empty();
        }
        sql.query("ALTER TABLE {0} ALTER COLUMN {1} RESTART WITH {2}", ref, field, DSL.inline(max + 1)).execute();
        return Optional.of(where + " continues after " + max);
    }

    /**
     * Copies tables into snapshot tables ({@code ms_snapshot_<snapshot>_<table>}, replacing older ones of
     * the same name) in one transaction, so that {@link #restore} can put them back.
     *
     * @param dataSource the database holding the tables; not null
     * @param snapshot the snapshot's name, part of the snapshot tables' names: letters, digits and underscores
     * @param tables the tables to copy, as the database names them; at least one
     * @return the step
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
     *
     * @param dataSource the database holding the tables; not null
     * @param snapshot the name given to {@link #snapshot}
     * @param tables the tables to put back, as given to {@link #snapshot}; at least one
     * @return the step
     */
    public static StepAction restore(DataSource dataSource, String snapshot, String... tables) {
        checkNotNull(dataSource, "dataSource");
        String name = snapshotName(snapshot);
        List<String> names = Names.requireNames(tables, "table");
        return context -> {
            inTransaction(dataSource, "restore " + name, (connection, sql) -> {
                List<TableShape> shapes = shapes(connection, names);
                TableOrder.deleteAllRows(sql, shapes);
                for (TableShape table : TableOrder.parentsFirst(shapes)) {
                    var columns = table.columns().keySet().stream().map(c -> DSL.field(DSL.name(c))).toList();
                    sql.insertInto(DSL.table(table.qualifiedName())).columns(columns)
                            .select(sql.select(columns).from(DSL.table(snapshotOf(table, name)))).execute();
                }
            });
            context.note("restored " + String.join(", ", names) + " from snapshot '" + name + "'");
        };
    }

    /**
     * Drops the snapshot tables of a snapshot.
     *
     * @param dataSource the database holding the snapshot tables; not null
     * @param snapshot the name given to {@link #snapshot}
     * @param tables the tables whose snapshot tables are dropped; at least one
     * @return the step
     */
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
        return shapes(connection, names, "snapshotted");
    }

    private static List<TableShape> shapes(Connection connection, List<String> names, String role) {
        List<TableShape> shapes = new ArrayList<>();
        for (String name : names) {
            shapes.add(TableShape.require(connection, TableId.of(name), role));
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
