package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.jdbc.source.SourceCursor;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.RowLayout;
import dev.migrationstudio.mapping.TableMapping;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * One table mapping resolved against the real source and target: the stored names of every column
 * it reads and writes, and the exact SQL that reads a chunk.
 */
final class TableJob {
    private final TableMapping mapping;
    private final TableShape source;
    private final TableShape target;
    private final RowLayout sourceLayout;
    private final List<String> selectColumns;
    private final int[] keyPositions;
    private final List<String> targetColumns;
    private final String scanSql;
    private final String scanAfterSql;
    private final String wholeTableSql;
    private final SQLDialect sourceDialect;
    private final String rangeSql;
    private final String rangeAfterSql;

    /** Resolves a mapping against the stored tables and renders its read statements. */
    TableJob(TableMapping mapping, TableShape source, TableShape target, SQLDialect sourceDialect) {
        this.mapping = mapping;
        this.source = source;
        this.target = target;
        List<String> read = new ArrayList<>(mapping.sourceKey());
        mapping.sourceColumnsRead().stream().filter(c -> !read.contains(c)).forEach(read::add);
        this.sourceLayout = RowLayout.of(read);
        this.selectColumns = read.stream().map(c -> source.requireColumn(c, "source")).toList();
        this.keyPositions = new int[mapping.sourceKey().size()];
        for (int i = 0; i < keyPositions.length; i++) {
            keyPositions[i] = i;
        }
        this.sourceDialect = sourceDialect;
        this.targetColumns = mapping.targetLayout().columns().stream().map(c -> target.requireColumn(c, "target"))
                .toList();

        var sql = Engines.renderer(sourceDialect);
        List<Field<Object>> fields = selectColumns.stream().map(c -> DSL.field(DSL.name(c))).toList();
        List<Field<Object>> keys = fields.subList(0, keyPositions.length);
        var table = DSL.table(source.qualifiedName());
        // jOOQ's select builders are mutable: each statement is built from scratch.
        this.wholeTableSql = sql.render(DSL.select(fields).from(table));
        if (keyPositions.length == 0) {
            this.scanSql = wholeTableSql;
            this.scanAfterSql = wholeTableSql;
            this.rangeSql = wholeTableSql;
            this.rangeAfterSql = wholeTableSql;
        } else {
            this.scanSql = sql.render(DSL.select(fields).from(table).orderBy(keys));
            List<Param<Object>> after = keys.stream().map(k -> DSL.param(k.getName(), Object.class)).toList();
            this.scanAfterSql = sql.render(DSL.select(fields).from(table).where(DSL.row(keys).gt(DSL.row(after)))
                    .orderBy(keys));
            List<Param<Object>> until = keys.stream().map(k -> DSL.param(k.getName(), Object.class)).toList();
            this.rangeSql = sql.render(DSL.select(fields).from(table).where(DSL.row(keys).le(DSL.row(until)))
                    .orderBy(keys));
            this.rangeAfterSql = sql.render(DSL.select(fields).from(table).where(DSL.row(keys).gt(DSL.row(after))
                    .and(DSL.row(keys).le(DSL.row(until)))).orderBy(keys));
        }
    }

    /** The mapping. */
    TableMapping mapping() {
        return mapping;
    }

    /** The mapping's name, e.g. {@code customer -> client}. */
    String name() {
        return mapping.describe();
    }

    /** The source table as stored. */
    TableShape source() {
        return source;
    }

    /** The target table as stored. */
    TableShape target() {
        return target;
    }

    /** Layout of the rows read: key columns first, then what the mapping reads, by the spec's names. */
    RowLayout sourceLayout() {
        return sourceLayout;
    }

    /** Stored names of the source columns read, in layout order. */
    List<String> selectColumns() {
        return selectColumns;
    }

    /** Number of key columns (they come first in the layout); 0 for a keyless table. */
    int keyWidth() {
        return keyPositions.length;
    }

    /** Stored names of the target columns, in the mapping's target order. */
    List<String> targetColumns() {
        return targetColumns;
    }

    /** Reads the table in key order, from the start. */
    String scanSql() {
        return scanSql;
    }

    /** Reads the table in key order after a key, bound as {@code ?}s: where a resumed run starts. */
    String scanAfterSql() {
        return scanAfterSql;
    }

    /** Reads the whole table (keyless tables). */
    String wholeTableSql() {
        return wholeTableSql;
    }

    /**
     * Streams the source rows a run reads: in key order after {@code after} (from the start when it is
     * null), or the whole table when the job has no key. The keyset query a copy, a resumed copy and
     * a dry run's sample all start from.
     *
     * @param maxRows at most this many rows, 0 for all
     */
    SourceCursor scan(Connection source, List<Object> after, int fetchSize, int maxRows) throws SQLException {
        if (keyWidth() == 0) {
            return SourceCursor.open(source, wholeTableSql, List.of(), fetchSize, maxRows);
        }
        return after == null ? SourceCursor.open(source, scanSql, List.of(), fetchSize, maxRows)
                : SourceCursor.open(source, scanAfterSql, after, fetchSize, maxRows);
    }

    /**
     * Streams the rows of one key range in key order: after {@code after} (from the start when null) up
     * to and including {@code upto} (to the end when null). What a chunk-parallel writer or runner reads
     * for one of its ranges.
     */
    SourceCursor scanRange(Connection source, List<Object> after, List<Object> upto, int fetchSize)
            throws SQLException {
        if (upto == null) {
            return scan(source, after, fetchSize, 0);
        }
        if (after == null) {
            return SourceCursor.open(source, rangeSql, upto, fetchSize);
        }
        List<Object> binds = new ArrayList<>(after);
        binds.addAll(upto);
        return SourceCursor.open(source, rangeAfterSql, binds, fetchSize);
    }

    /**
     * Streams the key values of the rows after {@code after} (from the start when null), in key order:
     * what a chunk-parallel runner plans its ranges from.
     */
    SourceCursor scanKeys(Connection source, List<Object> after, int fetchSize) throws SQLException {
        List<Field<Object>> keys = selectColumns.subList(0, keyPositions.length).stream()
                .map(c -> DSL.field(DSL.name(c))).toList();
        var select = DSL.select(keys).from(DSL.table(this.source.qualifiedName()));
        if (after == null) {
            return SourceCursor.open(source, Engines.renderer(sourceDialect).render(select.orderBy(keys)), List.of(),
                    fetchSize, 0);
        }
        var where = DSL.row(keys).gt(DSL.row(keys.stream().map(k -> DSL.param(k.getName(), Object.class)).toList()));
        return SourceCursor.open(source, Engines.renderer(sourceDialect).render(select.where(where).orderBy(keys)),
                after, fetchSize, 0);
    }

    /**
     * The last key of the next chunk after {@code after} (from the start when null): the key of its
     * {@code chunkSize}-th row, or the last key of the table when fewer rows are left; empty at the end.
     * Where the parallel writers of one table cut it into ranges, on any source engine.
     */
    Optional<List<Object>> chunkEnd(Connection source, List<Object> after, int chunkSize) throws SQLException {
        List<Field<Object>> keys = selectColumns.subList(0, keyPositions.length).stream()
                .map(c -> DSL.field(DSL.name(c))).toList();
        var table = DSL.table(this.source.qualifiedName());
        // Placeholders bound by SourceCursor, which binds NaN and infinities as the scans do.
        Condition range = after == null ? DSL.noCondition()
                : DSL.row(keys).gt(DSL.row(keys.stream().map(k -> DSL.param(k.getName(), Object.class)).toList()));
        List<Object> binds = after == null ? List.of() : after;
        var sql = Engines.renderer(sourceDialect);
        Optional<List<Object>> end = firstRow(source, sql.render(DSL.select(keys).from(table).where(range)
                .orderBy(keys).offset(DSL.inline(chunkSize - 1)).limit(DSL.inline(1))), binds);
        if (end.isPresent()) {
            return end;
        }
        return firstRow(source, sql.render(DSL.select(keys).from(table).where(range)
                .orderBy(keys.stream().map(Field::desc).toList()).limit(DSL.inline(1))), binds);
    }

    private static Optional<List<Object>> firstRow(Connection source, String query, List<Object> binds)
            throws SQLException {
        try (SourceCursor rows = SourceCursor.open(source, query, binds, 1, 1)) {
            Object[] row = rows.next();
            return row == null ? Optional.empty() : Optional.of(Arrays.asList(row));
        }
    }

    /** The next row of a cursor over {@link #selectColumns()}, in {@link #sourceLayout()}; null at the end. */
    Row next(SourceCursor rows) throws SQLException {
        Object[] values = rows.next();
        return values == null ? null : sourceLayout.adopt(values);
    }
}
