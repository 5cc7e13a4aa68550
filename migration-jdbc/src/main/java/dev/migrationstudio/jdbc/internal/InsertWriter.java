package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.mapping.Row;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Writes rows with a prepared INSERT, in JDBC batches. Works on every engine. */
final class InsertWriter implements RowWriter {
    private final String sql;
    private final ValueBinder binder;
    private final int batchSize;

    /**
     * @param target the target table
     * @param columns stored names of the target columns, in the order of the rows' values
     * @param batchSize rows per JDBC batch
     */
    public InsertWriter(TableShape target, List<String> columns, SQLDialect dialect, int batchSize) {
        List<Field<Object>> fields = columns.stream().map(c -> DSL.field(DSL.name(c))).toList();
        List<Param<Object>> params = columns.stream().map(c -> DSL.param(c, Object.class)).toList();
        this.sql = Engines.renderer(dialect).render(DSL.insertInto(DSL.table(target.qualifiedName()))
                .columns(fields).values(params));
        this.binder = new ValueBinder(target, columns, dialect);
        this.batchSize = batchSize;
    }

    @Override
    public String sql() {
        return sql;
    }

    @Override
    public Sink open(Connection connection) throws SQLException {
        if (binder.mariadb()) {
            MariaDbSessions.utc(connection);
        }
        PreparedStatement insert = connection.prepareStatement(sql);
        return new Sink() {
            private int pending;

            @Override
            public void add(Row row) throws SQLException {
                bind(insert, row);
                insert.addBatch();
                if (++pending == batchSize) {
                    insert.executeBatch();
                    pending = 0;
                }
            }

            @Override
            public void finish() throws SQLException {
                if (pending > 0) {
                    insert.executeBatch();
                    pending = 0;
                }
            }

            @Override
            public void close() {
                try {
                    insert.close();
                } catch (SQLException ignored) {
                    // The transaction is rolled back or committed by the caller either way.
                }
                if (binder.mariadb()) {
                    MariaDbSessions.restoreQuietly(connection);
                }
            }
        };
    }

    @Override
    public void writeOne(Connection connection, Row row) throws SQLException {
        if (binder.mariadb()) {
            MariaDbSessions.utc(connection);
        }
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            bind(insert, row);
            insert.executeUpdate();
        } finally {
            if (binder.mariadb()) {
                MariaDbSessions.restoreQuietly(connection);
            }
        }
    }

    private void bind(PreparedStatement insert, Row row) throws SQLException {
        for (int i = 0; i < binder.width(); i++) {
            binder.bind(insert, i + 1, i, row.get(i));
        }
    }
}
