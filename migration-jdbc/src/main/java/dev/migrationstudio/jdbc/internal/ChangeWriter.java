package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.RowLayout;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.IntStream;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Writes the changes that make target rows equal to their source rows: deletes by key, updates of
 * every other column by key, and inserts through an {@link InsertWriter}. It is a {@link RowWriter},
 * so a catch-up's changes go through the {@link IsolatingWriter} like a load's rows: one stream per
 * chunk, and when the database refuses one change, the others still go in and the refused one is
 * isolated and quarantined.
 *
 * <p>A change's kind is the layout of its row: rows made by {@link #delete} and {@link #update} carry
 * this writer's own layouts, every other row is inserted. Kinds are written in the order given (a
 * pending batch is sent when the kind changes), so that deletes given first free unique values that
 * inserts given later take.
 */
final class ChangeWriter implements RowWriter {
    /** What a change does. */
    enum Kind { INSERT, UPDATE, DELETE }

    private final InsertWriter inserts;
    private final ValueBinder binder;
    private final RowLayout updateLayout;
    private final RowLayout deleteLayout;
    private final int[] keyPositions;
    private final int[] setPositions;
    private final String updateSql;
    private final String deleteSql;
    private final int batchSize;

    /**
     * @param columns stored names of the target columns, in the order of the rows' values
     * @param keyPositions where the key columns are among them
     */
    ChangeWriter(TableShape target, List<String> columns, int[] keyPositions, SQLDialect dialect, int batchSize) {
        this.inserts = new InsertWriter(target, columns, dialect, batchSize);
        this.binder = new ValueBinder(target, columns, dialect);
        this.keyPositions = keyPositions.clone();
        this.setPositions = IntStream.range(0, columns.size())
                .filter(i -> IntStream.of(keyPositions).noneMatch(k -> k == i)).toArray();
        this.updateLayout = RowLayout.of(columns);
        this.deleteLayout = RowLayout.of(IntStream.of(keyPositions).mapToObj(columns::get).toList());
        var table = DSL.table(target.qualifiedName());
        var where = DSL.and(IntStream.of(keyPositions).mapToObj(i -> DSL.field(DSL.name(columns.get(i)))
                .eq(DSL.param(columns.get(i), Object.class))).toList());
        var render = Engines.renderer(dialect);
        this.deleteSql = render.render(DSL.deleteFrom(table).where(where));
        if (setPositions.length == 0) {
            // Every column is the key: two rows with one key are the same row, and nothing is ever updated.
            this.updateSql = null;
        } else {
            java.util.Map<Field<?>, Object> values = new java.util.LinkedHashMap<>();
            for (int position : setPositions) {
                values.put(DSL.field(DSL.name(columns.get(position))), DSL.param(columns.get(position), Object.class));
            }
            var update = DSL.update(table).set(values);
            this.updateSql = render.render(update.where(where));
        }
        this.batchSize = batchSize;
    }

    /** A change that deletes the target row with this key (values in key order). */
    Row delete(Object[] key) {
        return deleteLayout.adopt(key.clone());
    }

    /** A change that sets every column of the target row with this row's key to the row's values. */
    Row update(Row target) {
        Object[] values = new Object[updateLayout.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = target.get(i);
        }
        return updateLayout.adopt(values);
    }

    /** The kind of a change. */
    Kind kind(Row change) {
        return change.layout() == deleteLayout ? Kind.DELETE : change.layout() == updateLayout ? Kind.UPDATE
                : Kind.INSERT;
    }

    /** The statement of each kind, for logs and dry-run plans; an empty text where a kind never happens. */
    String sql(Kind kind) {
        switch (kind) {
            case DELETE: return deleteSql;
            case UPDATE: return updateSql == null ? "" : updateSql;
            default: return inserts.sql();
        }
    }

    @Override
    public String sql() {
        return String.join(";\n", deleteSql, updateSql == null ? "" : updateSql, inserts.sql());
    }

    @Override
    public Sink open(Connection connection) throws SQLException {
        return new Sink() {
            private final RowWriter.Sink insert = inserts.open(connection);
            private PreparedStatement update;
            private PreparedStatement delete;
            private Kind pendingKind;
            private int pending;

            @Override
            public void add(Row row) throws SQLException {
                Kind kind = kind(row);
                if (pendingKind != null && pendingKind != kind) {
                    flush();
                }
                pendingKind = kind;
                if (kind == Kind.INSERT) {
                    insert.add(row);
                    pending++;
                    return;
                }
                PreparedStatement statement = statement(kind);
                bind(statement, kind, row);
                statement.addBatch();
                if (++pending == batchSize) {
                    flush();
                }
            }

            private PreparedStatement statement(Kind kind) throws SQLException {
                if (kind == Kind.UPDATE) {
                    update = update != null ? update : connection.prepareStatement(updateSql);
                    return update;
                }
                delete = delete != null ? delete : connection.prepareStatement(deleteSql);
                return delete;
            }

            private void flush() throws SQLException {
                if (pending > 0 && pendingKind == Kind.INSERT) {
                    insert.finish();
                } else if (pending > 0) {
                    statement(pendingKind).executeBatch();
                }
                pending = 0;
            }

            @Override
            public void finish() throws SQLException {
                flush();
                pendingKind = null;
            }

            @Override
            public void close() {
                insert.close();
                for (PreparedStatement statement : new PreparedStatement[] {update, delete}) {
                    if (statement != null) {
                        try {
                            statement.close();
                        } catch (SQLException ignored) {
                            // The transaction is rolled back or committed by the caller either way.
                        }
                    }
                }
            }
        };
    }

    @Override
    public void writeOne(Connection connection, Row row) throws SQLException {
        Kind kind = kind(row);
        if (kind == Kind.INSERT) {
            inserts.writeOne(connection, row);
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(kind == Kind.UPDATE ? updateSql : deleteSql)) {
            bind(statement, kind, row);
            statement.executeUpdate();
        }
    }

    private void bind(PreparedStatement statement, Kind kind, Row row) throws SQLException {
        int parameter = 1;
        if (kind == Kind.DELETE) {
            for (int i = 0; i < keyPositions.length; i++) {
                binder.bind(statement, parameter++, keyPositions[i], row.get(i));
            }
            return;
        }
        for (int position : setPositions) {
            binder.bind(statement, parameter++, position, row.get(position));
        }
        for (int position : keyPositions) {
            binder.bind(statement, parameter++, position, row.get(position));
        }
    }
}
