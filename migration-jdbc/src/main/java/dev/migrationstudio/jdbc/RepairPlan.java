package dev.migrationstudio.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.format.Formats;
import dev.migrationstudio.format.ValueText;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.jdbc.source.Dialects;
import dev.migrationstudio.report.Doc;
import dev.migrationstudio.report.Renderable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The changes that make a target equal to what the spec makes of its source, row by row: what a
 * verification found ({@code VerificationReport.repair()}), for a person to review (it renders as a
 * document of the evidence pack, each change a statement with quoted identifiers and its bound values)
 * and for {@link JdbcMigrator#repair(RepairPlan)} to apply, one transaction per table.
 *
 * <pre>{@code
 * RepairPlan repair = report.repair();
 * pack = pack.with("repair", repair.toDoc());      // reviewed with the verification
 * migrator.repair(repair);                          // then applied, and verified again
 * }</pre>
 *
 * <p>Applying re-reads each listed key's source row through the spec and writes what it makes of it
 * now (through the same writer as {@link JdbcMigrator#catchUp()}), so a source that changed since the
 * verification is repaired to its current state, and a change already applied is not applied twice.
 *
 * @param migration the spec's name
 * @param tables the tables with rows to repair, in the verification's order
 * @param notes what the plan does not cover (more differing rows than the verification listed, tables
 *     without a key): {@link JdbcMigrator#catchUp()} repairs those
 */
public record RepairPlan(String migration, List<Table> tables, List<String> notes) implements Renderable {

    /**
     * Validates and copies the parts.
     *
     * @param migration the spec's name
     * @param tables the tables with rows to repair, in the verification's order
     * @param notes what the plan does not cover (more differing rows than the verification listed, tables without
     *     a key): {@link JdbcMigrator#catchUp()} repairs those
     */
    public RepairPlan {
        checkNotNull(migration, "migration");
        tables = List.copyOf(tables);
        notes = List.copyOf(notes);
    }

    /** What a change does to a target row. */
    public enum Change {
        /** The target lacks the row: insert it. */
        INSERT,
        /** The target row has other values: set them. */
        UPDATE,
        /** The spec makes no such row: delete it. */
        DELETE
    }

    /**
     * One row to repair.
     *
     * @param change what is done to it
     * @param key its target key, column to value, in key order
     * @param values the values the spec gives it (all columns for an insert, the differing ones for an
     *     update, none for a delete); may hold null (SQL NULL)
     */
    public record Row(Change change, Map<String, Object> key, Map<String, Object> values) {
        /**
         * Validates and copies the parts.
         *
         * @param change what is done to it
         * @param key its target key, column to value, in key order
         * @param values the values the spec gives it (all columns for an insert, the differing ones for an update,
         *     none for a delete); may hold null (SQL NULL)
         */
        public Row {
            checkNotNull(change, "change");
            checkArgument(!key.isEmpty(), "a row to repair needs its key");
            key = Collections.unmodifiableMap(new LinkedHashMap<>(key));
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    /**
     * The rows to repair in one table mapping.
     *
     * @param source the source table
     * @param target the target table
     * @param rows the rows, as the verification listed them
     */
    public record Table(TableId source, TableId target, List<Row> rows) {
        /**
         * Validates and copies the parts.
         *
         * @param source the source table
         * @param target the target table
         * @param rows the rows, as the verification listed them
         */
        public Table {
            checkNotNull(source, "source");
            checkNotNull(target, "target");
            rows = List.copyOf(rows);
        }

        /**
         * The mapping's name, e.g. {@code customer -> client}.
         *
         * @return the source and target tables' names joined by an arrow
         */
        public String mapping() {
            return source + " -> " + target;
        }
    }

    /**
     * Whether there is nothing to repair.
     *
     * @return {@code true} when no table has a row to repair
     */
    public boolean isEmpty() {
        return tables.stream().allMatch(t -> t.rows().isEmpty());
    }

    /**
     * Whether the plan covers every difference the verification found.
     *
     * @return {@code true} when nothing the verification found was left out of the plan
     */
    public boolean isComplete() {
        return notes.isEmpty();
    }

    /**
     * Rows to repair, over all tables.
     *
     * @return the number of rows to repair
     */
    public long rows() {
        return tables.stream().mapToLong(t -> t.rows().size()).sum();
    }

    /**
     * The statement of a change, identifiers quoted, values as {@code ?}.
     *
     * @param table the target table; not null
     * @param row the change; its key names the row
     * @return an {@code INSERT}, {@code UPDATE} or {@code DELETE} statement
     */
    public static String statement(TableId table, Row row) {
        var target = DSL.table(table.schemaName().map(s -> DSL.name(s, table.name())).orElse(DSL.name(table.name())));
        var where = DSL.and(row.key().keySet().stream().map(c -> DSL.field(DSL.name(c)).eq(param(c))).toList());
        Query query;
        if (row.change() == Change.DELETE) {
            query = DSL.deleteFrom(target).where(where);
        } else if (row.change() == Change.UPDATE) {
            Map<Field<?>, Object> set = new LinkedHashMap<>();
            row.values().keySet().forEach(c -> set.put(DSL.field(DSL.name(c)), param(c)));
            query = DSL.update(target).set(set).where(where);
        } else {
            query = DSL.insertInto(target).columns(row.values().keySet().stream().map(c -> DSL.field(DSL.name(c)))
                    .toList()).values(row.values().keySet().stream().map(RepairPlan::param).toList());
        }
        return Dialects.renderer(SQLDialect.DEFAULT).render(query);
    }

    private static Param<Object> param(String column) {
        return DSL.param(column, Object.class);
    }

    /**
     * The values a change's statement binds, in order.
     *
     * @param row the change; not null
     * @return the new values, then the key's values: an insert binds no key, a delete no new values
     */
    public static List<Object> binds(Row row) {
        List<Object> binds = new ArrayList<>();
        if (row.change() != Change.DELETE) {
            binds.addAll(row.values().values());
        }
        if (row.change() != Change.INSERT) {
            binds.addAll(row.key().values());
        }
        return binds;
    }

    /** The plan for review: per table each statement with its bound values, and what the plan does not cover. */
    @Override
    public Doc toDoc() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("migration", migration);
        data.put("rows", rows());
        data.put("complete", isComplete());
        return Doc.of("Repair of " + migration, data, body -> {
            body.paragraph(isEmpty() ? "Nothing to repair: the verification found no differing row."
                    : Formats.count(rows()) + " rows to repair in " + tables.stream().filter(t -> !t.rows().isEmpty())
                    .count() + " tables. Each table is repaired in one transaction: every listed key's source row is "
                    + "read again through the spec and written as the spec makes it now; then the target is verified "
                    + "again.");
            if (!notes.isEmpty()) {
                body.section("Not covered", s -> s.bullets(notes));
            }
            for (Table table : tables) {
                if (table.rows().isEmpty()) {
                    continue;
                }
                List<List<?>> rows = new ArrayList<>();
                for (Row row : table.rows()) {
                    rows.add(List.of(row.change().name(), keyText(row.key()), statement(table.target(), row),
                            binds(row).stream().map(ValueText::literal).collect(Collectors.joining(", "))));
                }
                body.section(table.mapping(), s -> s.table(List.of("change", "key", "statement", "values"), rows));
            }
        });
    }

    private static String keyText(Map<String, Object> key) {
        return QuarantinedRow.keyText(List.copyOf(key.keySet()), List.copyOf(key.values()));
    }
}
